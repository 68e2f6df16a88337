import { useState } from 'react';
import type { ProgrammeSession, SchedulingOptions } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { phaseOf } from '../../format/session-phase';
import { formatLongDate, formatTime } from '../../format/time';
import { PricePreviewTable } from '../prices/PricePreviewTable';
import { amountText, parseAmount } from '../../format/amount-input';
import { startInstant } from './plan-time';

export interface SessionPanelProps {
  session: ProgrammeSession;
  date: string;
  options: SchedulingOptions;
  timeZone: string;
  currency: string;
  now: number;
  onChanged(message: string): void;
  onClose(): void;
}

/** One session's management: put on sale, move, reprice, cancel, and its prices. */
export function SessionPanel({ session, date, options, timeZone, currency, now, onChanged, onClose }: SessionPanelProps) {
  const [time, setTime] = useState(formatTime(session.startsAt, timeZone, 'en-GB'));
  const [hallId, setHallId] = useState(session.hall.id);
  const [moveDate, setMoveDate] = useState(date);
  const [price, setPrice] = useState(amountText(session.basePrice, currency));
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const ahead = Date.parse(session.startsAt) > now && session.status !== 'CANCELLED' && session.status !== 'CLOSED';
  const title = `${session.film.title} · ${formatTime(session.startsAt, timeZone)}`;

  const run = async (what: string, action: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    try {
      const message = await action();
      setConfirmCancel(false);
      setRound((r) => r + 1);
      onChanged(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const move = () =>
    run('move', async () => {
      const startsAt = startInstant(moveDate, time, timeZone, options.businessDayStart);
      if (!startsAt) throw 'Enter the new day and start, like 19:30.';
      const moved = await call('sessions.move', { sessionId: session.id, startsAt, ...(hallId !== session.hall.id ? { hallId } : {}) });
      const day = moveDate === date ? '' : ` on ${formatLongDate(moveDate)}`;
      return `“${moved.film.title}” now starts${day} at ${formatTime(moved.startsAt, timeZone)} in ${moved.hall.name} and ends at ${formatTime(moved.endsAt, timeZone)}.`;
    });

  const reprice = () =>
    run('price', async () => {
      const basePrice = parseAmount(price, currency);
      if (basePrice === null) throw 'Enter the base price as an amount like 12.50.';
      const s = await call('sessions.setBasePrice', { sessionId: session.id, basePrice });
      return `The base price of “${s.film.title}” at ${formatTime(s.startsAt, timeZone)} is now ${formatMoney(s.basePrice, currency)}.`;
    });

  return (
    <Panel
      title={title}
      testId="session-panel"
      data-session-id={session.id}
      actions={
        <Button variant="ghost" size="sm" onClick={onClose} testId="session-panel-close">
          Close
        </Button>
      }
    >
      <div className="form">
        <p className="plan-facts">
          <StatusBadge phase={phaseOf(session, now)} testId="session-panel-status" /> {hallLabel(session.hall)} · {formatLongDate(date)} ·{' '}
          {formatTime(session.startsAt, timeZone)}–{formatTime(session.endsAt, timeZone)}
          {session.hall.cleaningMinutes !== undefined && <> · {session.hall.cleaningMinutes} min cleaning after</>} · {session.seatsSold} sold
        </p>
        <ErrorBanner error={error} testId="session-panel-error" />
        {session.status === 'SCHEDULED' && ahead && (
          <div className="form-actions">
            <Button
              variant="primary"
              busy={busy === 'sale'}
              testId="session-put-on-sale"
              onClick={() =>
                void run('sale', async () => {
                  await call('sessions.putOnSale', { sessionIds: [session.id] });
                  return `“${session.film.title}” at ${formatTime(session.startsAt, timeZone)} is on sale.`;
                })
              }
            >
              Put on sale
            </Button>
          </div>
        )}
        {ahead && (
          <>
            <fieldset className="fieldset plan-fieldset">
              <legend>Move</legend>
              <div className="plan-grid">
                <TextField label="Day" type="date" value={moveDate} onChange={(e) => setMoveDate(e.target.value)} testId="move-date" />
                <TextField label="New start" type="time" value={time} onChange={(e) => setTime(e.target.value)} testId="move-time" />
                <SelectField label="Hall" value={hallId} onChange={(e) => setHallId(e.target.value)} testId="move-hall">
                  {options.halls.map((h) => (
                    <option key={h.id} value={h.id}>
                      {hallLabel(h)}
                    </option>
                  ))}
                </SelectField>
              </div>
              <div className="form-actions">
                <Button busy={busy === 'move'} onClick={() => void move()} testId="move-submit">
                  Move session
                </Button>
              </div>
            </fieldset>
            <fieldset className="fieldset plan-fieldset">
              <legend>Base price</legend>
              <div className="plan-grid">
                <TextField label={`Base price (${currency})`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} hint="Tickets already sold keep their price." testId="session-base-price" />
              </div>
              <div className="form-actions">
                <Button busy={busy === 'price'} onClick={() => void reprice()} testId="session-base-price-save">
                  Save price
                </Button>
              </div>
            </fieldset>
          </>
        )}
        <PricePreviewTable key={`${round}:${session.basePrice}`} sessionId={session.id} />
        {session.status !== 'CANCELLED' && Date.parse(session.endsAt) > now && (
          <div className="form-actions plan-danger">
            {confirmCancel ? (
              <>
                <span className="inline-label">Cancel this session? Sold tickets must be refunded first.</span>
                <Button
                  variant="danger"
                  busy={busy === 'cancel'}
                  testId="session-cancel-confirm"
                  onClick={() =>
                    void run('cancel', async () => {
                      await call('sessions.cancel', { sessionId: session.id });
                      return `“${session.film.title}” at ${formatTime(session.startsAt, timeZone)} is cancelled.`;
                    })
                  }
                >
                  Yes, cancel it
                </Button>
                <Button variant="ghost" onClick={() => setConfirmCancel(false)} testId="session-cancel-keep">
                  Keep it
                </Button>
              </>
            ) : (
              <Button variant="danger" onClick={() => setConfirmCancel(true)} testId="session-cancel">
                Cancel session…
              </Button>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
