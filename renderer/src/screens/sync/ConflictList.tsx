import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { useLocale } from '../../i18n/i18n';

const WARNING_SIGN = '⚠ ';

/** Open conflicts the central database reported, each with the ways a manager can settle it. */
export function ConflictList() {
  const { t } = useTranslation('sync');
  const locale = useLocale();
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
          ? t('conflicts.reseated', { order: c.ticket?.orderNumber ?? '', seat: seat ?? t('conflicts.theNewSeat') })
          : action === 'REFUND'
            ? t('conflicts.refunded', { order: c.ticket?.orderNumber ?? '' })
            : t('conflicts.acknowledged'),
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
    <Panel title={t('conflicts.title')} testId="sync-conflict-list">
      {notice && (
        <Notice tone="success" testId="conflict-notice">
          {notice}
        </Notice>
      )}
      <ErrorBanner error={error} testId="conflict-error" />
      {conflicts.error ? <ErrorBanner error={conflicts.error} title={t('conflicts.loadFailed')} action={<Button onClick={conflicts.reload}>{t('conflicts.tryAgain')}</Button>} /> : null}
      {!conflicts.data ? (
        conflicts.loading ? <Loading label={t('conflicts.loading')} /> : null
      ) : conflicts.data.length === 0 ? (
        <EmptyState title={t('conflicts.none')} testId="conflicts-empty">
          {t('conflicts.noneHint')}
        </EmptyState>
      ) : (
        <ul className="conflict-list">
          {conflicts.data.map((c) => (
            <li key={c.id} className="conflict" data-testid="conflict">
              <p className="conflict-text">
                <span aria-hidden="true">{WARNING_SIGN}</span>
                {c.description}
              </p>
              <p className="muted conflict-meta">
                {t('conflicts.found', { at: `${formatInstantDate(c.detectedAt, tz, locale)} ${formatTime(c.detectedAt, tz, locale)}` })}
                {c.ticket
                  ? ` · ${c.ticket.startsAt ? t('conflicts.filmAt', { film: c.ticket.film ?? '', time: formatTime(c.ticket.startsAt, tz, locale) }) : (c.ticket.film ?? '')} · ${formatMoney(c.ticket.price, currency, locale)}`
                  : ''}
              </p>
              {c.kind === 'DOUBLE_SALE' ? (
                <div className="conflict-actions">
                  {c.freeSeats.length > 0 ? (
                    <>
                      <SelectField
                        label={t('conflicts.moveTo')}
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
                        {t('conflicts.reseat')}
                      </Button>
                    </>
                  ) : (
                    <p className="muted">{t('conflicts.noFreeSeat')}</p>
                  )}
                  {cardCodeFor[c.id] !== undefined && (
                    <TextField
                      label={t('conflicts.cardCode')}
                      value={cardCodeFor[c.id]}
                      onChange={(e) => setCardCodeFor((m) => ({ ...m, [c.id]: e.target.value }))}
                      autoComplete="off"
                      testId="conflict-card-code"
                    />
                  )}
                  <Button variant="danger" onClick={() => void resolve(c, 'REFUND')} busy={busy === `${c.id}:REFUND`} testId="conflict-refund">
                    {t('conflicts.refund')}
                  </Button>
                </div>
              ) : (
                <div className="conflict-actions">
                  <Button onClick={() => void resolve(c, 'ACKNOWLEDGE')} busy={busy === `${c.id}:ACKNOWLEDGE`} testId="conflict-acknowledge">
                    {t('conflicts.acknowledge')}
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
