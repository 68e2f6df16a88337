import { useState } from 'react';
import type { SyncConflictSummary } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call, isApiCallError } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatTime, formatInstantDate } from '../../format/time';
import { useStatus } from '../../stores/status';

/** Open conflicts the central database reported, each with the ways a manager can settle it. */
export function ConflictList() {
  const conflicts = useOperation('sync.conflicts', {}, { refreshMs: 10_000 });
  const system = useStatus((s) => s.system);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [seatFor, setSeatFor] = useState<Record<string, string>>({});
  // Asked for only when the refund has a card share (the server says so): the card terminal's code.
  const [cardCodeFor, setCardCodeFor] = useState<Record<string, string | undefined>>({});

  const resolve = async (c: SyncConflictSummary, action: 'RESEAT' | 'REFUND' | 'ACKNOWLEDGE') => {
    if (busy) return;
    setBusy(`${c.id}:${action}`);
    setError(null);
    setNotice(null);
    try {
      const seatId = action === 'RESEAT' ? (seatFor[c.id] ?? c.freeSeats[0]?.id) : undefined;
      const cardApprovalCode = action === 'REFUND' ? cardCodeFor[c.id] : undefined;
      await call('sync.resolveConflict', { conflictId: c.id, action, ...(seatId ? { seatId } : {}), ...(cardApprovalCode ? { cardApprovalCode } : {}) });
      const seat = c.freeSeats.find((s) => s.id === seatId)?.label;
      setNotice(
        action === 'RESEAT'
          ? `Order ${c.ticket?.orderNumber ?? ''} moved to ${seat ?? 'the new seat'}. Print the new ticket from the order; the old code no longer opens the door.`
          : action === 'REFUND'
            ? `Ticket of order ${c.ticket?.orderNumber ?? ''} refunded; its code no longer opens the door.`
            : 'Marked as dealt with.',
      );
      conflicts.reload();
    } catch (e) {
      if (action === 'REFUND' && isApiCallError(e) && e.details?.field === 'cardApprovalCode') setCardCodeFor((m) => ({ ...m, [c.id]: m[c.id] ?? '' }));
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const tz = system?.cinema.timezone ?? 'UTC';
  const currency = system?.cinema.currency ?? 'EUR';
  return (
    <Panel title="Conflicts to settle" testId="sync-conflict-list">
      {notice && (
        <Notice tone="success" testId="conflict-notice">
          {notice}
        </Notice>
      )}
      <ErrorBanner error={error} testId="conflict-error" />
      {conflicts.error ? <ErrorBanner error={conflicts.error} title="Could not load the conflicts" action={<Button onClick={conflicts.reload}>Try again</Button>} /> : null}
      {!conflicts.data ? (
        conflicts.loading ? <Loading label="Loading conflicts…" /> : null
      ) : conflicts.data.length === 0 ? (
        <EmptyState title="No conflicts" testId="conflicts-empty">
          Nothing clashed between terminals. A seat sold twice while offline would show up here.
        </EmptyState>
      ) : (
        <ul className="conflict-list">
          {conflicts.data.map((c) => (
            <li key={c.id} className="conflict" data-testid="conflict">
              <p className="conflict-text">
                <span aria-hidden="true">⚠ </span>
                {c.description}
              </p>
              <p className="muted conflict-meta">
                Found {formatInstantDate(c.detectedAt, tz)} {formatTime(c.detectedAt, tz)}
                {c.ticket ? ` · ${c.ticket.film ?? ''}${c.ticket.startsAt ? ` at ${formatTime(c.ticket.startsAt, tz)}` : ''} · ${formatMoney(c.ticket.price, currency)}` : ''}
              </p>
              {c.kind === 'DOUBLE_SALE' ? (
                <div className="conflict-actions">
                  {c.freeSeats.length > 0 ? (
                    <>
                      <SelectField
                        label="Move the customer to"
                        value={seatFor[c.id] ?? c.freeSeats[0]!.id}
                        onChange={(e) => setSeatFor((m) => ({ ...m, [c.id]: e.target.value }))}
                        testId="conflict-seat"
                      >
                        {c.freeSeats.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.label}
                          </option>
                        ))}
                      </SelectField>
                      <Button variant="primary" onClick={() => void resolve(c, 'RESEAT')} busy={busy === `${c.id}:RESEAT`} testId="conflict-reseat">
                        Re-seat
                      </Button>
                    </>
                  ) : (
                    <p className="muted">No free seat of this kind is left in the session.</p>
                  )}
                  {cardCodeFor[c.id] !== undefined && (
                    <TextField
                      label="Card refund approval code"
                      value={cardCodeFor[c.id]}
                      onChange={(e) => setCardCodeFor((m) => ({ ...m, [c.id]: e.target.value }))}
                      autoComplete="off"
                      testId="conflict-card-code"
                    />
                  )}
                  <Button variant="danger" onClick={() => void resolve(c, 'REFUND')} busy={busy === `${c.id}:REFUND`} testId="conflict-refund">
                    Refund ticket
                  </Button>
                </div>
              ) : (
                <div className="conflict-actions">
                  <Button onClick={() => void resolve(c, 'ACKNOWLEDGE')} busy={busy === `${c.id}:ACKNOWLEDGE`} testId="conflict-acknowledge">
                    Mark as dealt with
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
