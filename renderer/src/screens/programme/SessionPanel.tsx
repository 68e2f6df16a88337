import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSession, SchedulingOptions } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { TimeField } from '../../components/TimeField';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { phaseOf } from '../../format/session-phase';
import { formatLongDate, formatTime } from '../../format/time';
import { PricePreviewTable } from '../prices/PricePreviewTable';
import { amountText, parseAmount } from '../../format/amount-input';
import { startInstant } from './plan-time';
import { useLocale } from '../../i18n/i18n';
import { useUnsavedChanges } from '../../shell/unsaved-changes';

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
  const { t } = useTranslation(['programme', 'common']);
  const locale = useLocale();
  const [time, setTime] = useState(formatTime(session.startsAt, timeZone, 'en-GB'));
  const [hallId, setHallId] = useState(session.hall.id);
  const [moveDate, setMoveDate] = useState(date);
  const [price, setPrice] = useState(amountText(session.basePrice, currency));
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  // A typed move or price not yet applied is an unsaved edit; each applied change is the new baseline.
  const typed = JSON.stringify([time, hallId, moveDate, price]);
  const [baseline, setBaseline] = useState(typed);
  useUnsavedChanges(typed !== baseline);
  const ahead = Date.parse(session.startsAt) > now && session.status !== 'CANCELLED' && session.status !== 'CLOSED';
  const at = (instant: string) => formatTime(instant, timeZone, locale);
  const title = `${session.film.title} · ${at(session.startsAt)}`;

  const run = async (what: string, action: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    try {
      const message = await action();
      setConfirmCancel(false);
      setBaseline(typed);
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
      if (!startsAt) throw t('panel.badMove');
      const moved = await call('sessions.move', { sessionId: session.id, startsAt, ...(hallId !== session.hall.id ? { hallId } : {}) });
      const words = { film: moved.film.title, start: at(moved.startsAt), hall: moved.hall.name, end: at(moved.endsAt) };
      return moveDate === date ? t('panel.moved', words) : t('panel.movedOnDay', { ...words, date: formatLongDate(moveDate, locale) });
    });

  const reprice = () =>
    run('price', async () => {
      const basePrice = parseAmount(price, currency);
      if (basePrice === null) throw t('panel.badPrice');
      const s = await call('sessions.setBasePrice', { sessionId: session.id, basePrice });
      return t('panel.repriced', { film: s.film.title, start: at(s.startsAt), price: { minor: s.basePrice, currency } });
    });

  return (
    <Panel
      title={title}
      testId="session-panel"
      data-session-id={session.id}
      actions={
        <Button variant="ghost" size="sm" onClick={onClose} testId="session-panel-close">
          {t('common:action.close')}
        </Button>
      }
    >
      <div className="form">
        <p className="plan-facts">
          <StatusBadge phase={phaseOf(session, now)} testId="session-panel-status" />{' '}
          {t('panel.facts', { hall: hallLabel(session.hall), date: formatLongDate(date, locale), start: at(session.startsAt), end: at(session.endsAt) })}
          {session.hall.cleaningMinutes !== undefined && t('panel.cleaningAfter', { minutes: session.hall.cleaningMinutes })}
          {t('panel.sold', { count: session.seatsSold })}
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
                  return t('panel.onSale', { film: session.film.title, start: at(session.startsAt) });
                })
              }
            >
              {t('panel.putOnSale')}
            </Button>
          </div>
        )}
        {ahead && (
          <>
            <fieldset className="fieldset plan-fieldset">
              <legend>{t('panel.move')}</legend>
              <div className="plan-grid">
                <DateField label={t('panel.day')} value={moveDate} onChange={setMoveDate} testId="move-date" />
                <TimeField label={t('panel.newStart')} value={time} onChange={setTime} testId="move-time" />
                <SelectField label={t('panel.hall')} value={hallId} onChange={(e) => setHallId(e.target.value)} testId="move-hall">
                  {options.halls.map((h) => (
                    <option key={h.id} value={h.id}>
                      {hallLabel(h)}
                    </option>
                  ))}
                </SelectField>
              </div>
              <div className="form-actions">
                <Button busy={busy === 'move'} onClick={() => void move()} testId="move-submit">
                  {t('panel.moveSubmit')}
                </Button>
              </div>
            </fieldset>
            <fieldset className="fieldset plan-fieldset">
              <legend>{t('panel.basePrice')}</legend>
              <div className="plan-grid">
                <TextField label={t('panel.basePriceLabel', { currency })} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} hint={t('panel.basePriceHint')} testId="session-base-price" />
              </div>
              <div className="form-actions">
                <Button busy={busy === 'price'} onClick={() => void reprice()} testId="session-base-price-save">
                  {t('panel.savePrice')}
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
                <span className="inline-label">{t('panel.cancelQuestion')}</span>
                <Button
                  variant="danger"
                  busy={busy === 'cancel'}
                  testId="session-cancel-confirm"
                  onClick={() =>
                    void run('cancel', async () => {
                      await call('sessions.cancel', { sessionId: session.id });
                      return t('panel.cancelled', { film: session.film.title, start: at(session.startsAt) });
                    })
                  }
                >
                  {t('panel.cancelConfirm')}
                </Button>
                <Button variant="ghost" onClick={() => setConfirmCancel(false)} testId="session-cancel-keep">
                  {t('panel.cancelKeep')}
                </Button>
              </>
            ) : (
              <Button variant="danger" onClick={() => setConfirmCancel(true)} testId="session-cancel">
                {t('panel.cancel')}
              </Button>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
