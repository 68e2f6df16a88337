import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriceDefault, PriceSettings } from '../../../../shared/contract';
import { HALL_TYPES, SEAT_KINDS, TICKET_TYPES, type HallType, type SeatKind, type TicketType } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatTime } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { amountText, parseAmount, parsePercent, percentText } from '../../format/amount-input';
import { PricePreviewTable } from './PricePreviewTable';
import { useLocale } from '../../i18n/i18n';
import { confirmLeave, useUnsavedDraft } from '../../shell/unsaved-changes';
import { PriceCardForm } from './PriceCardForm';
import '../programme/programme.css';

/** Monday first, as staff plan a week; bit d of the mask is weekday d (0 = Sunday). */
const WEEK = [
  { bit: 1, day: 'mon' },
  { bit: 2, day: 'tue' },
  { bit: 3, day: 'wed' },
  { bit: 4, day: 'thu' },
  { bit: 5, day: 'fri' },
  { bit: 6, day: 'sat' },
  { bit: 0, day: 'sun' },
] as const;

/** "Every day", or the band's weekdays ("Fri, Sat") in the window's language. */
function useWeekdays() {
  const { t } = useTranslation('prices');
  const dayName = (day: (typeof WEEK)[number]['day']) => t(`weekday.${day}`);
  const label = (mask: number) =>
    (mask & 127) === 127
      ? t('everyDay')
      : WEEK.filter((d) => mask & (1 << d.bit))
          .map((d) => dayName(d.day))
          .join(', ');
  return { dayName, label };
}

/** Rule 3's configuration: default base prices by hall type and time band, factors, and a preview. */
export function PricesScreen() {
  const { t } = useTranslation(['prices', 'components', 'common', 'enums']);
  const locale = useLocale();
  const weekdays = useWeekdays();
  const system = useSystem();
  const settings = useOperation('prices.get', {});
  const [editing, setEditing] = useState<PriceDefault | 'new' | null>(null);
  const [carding, setCarding] = useState<PriceDefault | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [current, setCurrent] = useState<PriceSettings | null>(null);
  const data = current ?? settings.data;
  const currency = system.cinema.currency;

  const [version, setVersion] = useState(0);
  const bandName = (d: PriceDefault) => t('band', { hallType: t(`enums:hallType.${d.hallType}`), from: d.bandStart, to: d.bandEnd });
  /** Opens a band's form or card (or neither); a form with unsaved changes asks first. */
  const open = (band: PriceDefault | 'new' | null, card: PriceDefault | null) => {
    if (!confirmLeave()) return;
    setEditing(band);
    setCarding(card);
  };
  const saved = (s: PriceSettings, message: string) => {
    setCurrent(s);
    setVersion((v) => v + 1);
    setNotice(message);
    setError(null);
  };

  const remove = async (d: PriceDefault) => {
    setError(null);
    try {
      saved(await call('prices.removeDefault', { id: d.id }), t('removed', { band: bandName(d) }));
      if (editing !== 'new' && editing?.id === d.id) setEditing(null);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="screen prices-screen" data-testid="screen-prices">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
      </div>
      {notice && (
        <Notice tone="success" testId="prices-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      <ErrorBanner error={error} testId="prices-error" />
      {settings.error ? <ErrorBanner error={settings.error} title={t('loadFailed')} action={<Button onClick={settings.reload}>{t('components:tryAgain')}</Button>} /> : null}
      {!data ? (
        <Loading label={t('loading')} />
      ) : (
        <div className="users-layout">
          <div className="form">
            <Panel
              title={t('defaults.title')}
              testId="price-defaults"
              actions={
                <Button size="sm" variant="primary" onClick={() => open('new', null)} testId="price-default-new">
                  {t('defaults.add')}
                </Button>
              }
            >
              <p className="muted">{t('defaults.explain')}</p>
              <div className="table-wrap">
                <table className="table" data-testid="price-defaults-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('defaults.hallType')}</th>
                      <th scope="col">{t('defaults.weekdays')}</th>
                      <th scope="col">{t('defaults.hours')}</th>
                      <th scope="col" className="num">
                        {t('defaults.basePrice')}
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">{t('defaults.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.defaults.map((d) => (
                      <tr key={d.id} data-testid="price-default-row">
                        <td className="strong">{t(`enums:hallType.${d.hallType}`)}</td>
                        <td>{weekdays.label(d.weekdayMask)}</td>
                        <td className="tabular">
                          {d.bandStart}–{d.bandEnd}
                        </td>
                        <td className="num money">{formatMoney(d.basePrice, currency, locale)}</td>
                        <td className="row-actions">
                          <Button size="sm" onClick={() => open(null, d)} testId="price-card-edit" aria-label={t('defaults.cardLabel', { band: bandName(d) })}>
                            {data.cards[d.id]?.length ? t('defaults.card', { count: data.cards[d.id]!.length }) : t('defaults.priceCard')}
                          </Button>
                          <Button size="sm" onClick={() => open(d, null)} testId="price-default-edit" aria-label={t('defaults.editLabel', { band: bandName(d) })}>
                            {t('defaults.edit')}
                          </Button>
                          <Button size="sm" variant="danger" onClick={() => void remove(d)} testId="price-default-remove" aria-label={t('defaults.removeLabel', { band: bandName(d) })}>
                            {t('defaults.remove')}
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Panel>
            <PreviewPanel key={version} />
          </div>
          <div className="users-side form">
            {editing ? (
              <BandForm
                key={editing === 'new' ? 'new' : editing.id}
                band={editing === 'new' ? undefined : editing}
                currency={currency}
                onClose={() => open(null, null)}
                onSaved={(s) => {
                  setEditing(null);
                  saved(s, t('bandSaved'));
                }}
              />
            ) : null}
            {carding && !editing ? (
              <PriceCardForm
                key={carding.id}
                band={carding}
                cells={data.cards[carding.id] ?? []}
                hallSeatKinds={data.seatKindsByHallType[carding.hallType]}
                currency={currency}
                onClose={() => open(null, null)}
                onSaved={(s) => {
                  setCarding(null);
                  saved(s, t('cardSaved'));
                }}
              />
            ) : null}
            <FactorsForm key={`factors-${version}`} settings={data} onSaved={(s) => saved(s, t('factorsSaved'))} />
          </div>
        </div>
      )}
    </div>
  );
}

function BandForm({ band, currency, onSaved, onClose }: { band?: PriceDefault | undefined; currency: string; onSaved(s: PriceSettings): void; onClose(): void }) {
  const [hallType, setHallType] = useState<HallType>(band?.hallType ?? 'STANDARD');
  const [mask, setMask] = useState(band?.weekdayMask ?? 127);
  const [bandStart, setBandStart] = useState(band?.bandStart ?? '17:00');
  const [bandEnd, setBandEnd] = useState(band?.bandEnd ?? '24:00');
  const [price, setPrice] = useState(band ? amountText(band.basePrice, currency) : '');
  const { t } = useTranslation(['prices', 'common', 'enums']);
  const weekdays = useWeekdays();
  useUnsavedDraft({ hallType, mask, bandStart, bandEnd, price });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const basePrice = parseAmount(price, currency);
    if (basePrice === null) {
      setError(t('bandForm.badPrice'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('prices.saveDefault', { ...(band ? { id: band.id } : {}), hallType, weekdayMask: mask, bandStart, bandEnd, basePrice }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={band ? t('bandForm.editTitle') : t('bandForm.newTitle')} testId="price-band-form" actions={<Button variant="ghost" size="sm" onClick={onClose}>{t('common:action.close')}</Button>}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('bandForm.label')}>
        <ErrorBanner error={error} testId="price-band-error" />
        <SelectField label={t('bandForm.hallType')} value={hallType} onChange={(e) => setHallType(e.target.value as HallType)} testId="price-band-hall-type">
          {HALL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`enums:hallType.${type}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="copy-days" aria-label={t('bandForm.weekdays')}>
          {WEEK.map((d) => (
            <label key={d.bit} className={mask & (1 << d.bit) ? 'copy-day is-picked' : 'copy-day'}>
              <input type="checkbox" checked={(mask & (1 << d.bit)) !== 0} onChange={() => setMask((m) => m ^ (1 << d.bit))} data-testid="price-band-weekday" />
              <span>{weekdays.dayName(d.day)}</span>
            </label>
          ))}
        </fieldset>
        <div className="plan-grid">
          <TextField label={t('bandForm.from')} value={bandStart} onChange={(e) => setBandStart(e.target.value)} placeholder="17:00" testId="price-band-start" />
          <TextField label={t('bandForm.until')} value={bandEnd} onChange={(e) => setBandEnd(e.target.value)} placeholder="24:00" testId="price-band-end" />
        </div>
        <TextField label={t('bandForm.basePrice', { currency })} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} testId="price-band-price" />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="price-band-submit">
            {t('bandForm.save')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function FactorsForm({ settings, onSaved }: { settings: PriceSettings; onSaved(s: PriceSettings): void }) {
  const [seat, setSeat] = useState<Record<SeatKind, string>>(() => Object.fromEntries(SEAT_KINDS.map((k) => [k, percentText(settings.seatKindFactors[k])])) as Record<SeatKind, string>);
  const [type, setType] = useState<Record<TicketType, string>>(
    () => Object.fromEntries(TICKET_TYPES.map((k) => [k, percentText(settings.ticketTypeFactors[k])])) as Record<TicketType, string>,
  );
  const { t } = useTranslation(['prices', 'enums']);
  useUnsavedDraft({ seat, type });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  /** "150" (% of the base) → 15000 basis points: the inputs show percent of the base price. */
  const toBp = parsePercent;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const seatKind: Partial<Record<SeatKind, number>> = {};
    const ticketType: Partial<Record<TicketType, number>> = {};
    const bad: string[] = [];
    for (const k of SEAT_KINDS) {
      const bp = toBp(seat[k]);
      if (bp === null) bad.push(t(`enums:seatKind.${k}`));
      else seatKind[k] = bp;
    }
    for (const k of TICKET_TYPES) {
      const bp = toBp(type[k]);
      if (bp === null) bad.push(t(`enums:ticketType.${k}`));
      else ticketType[k] = bp;
    }
    if (bad.length) {
      setError(t('factors.bad', { fields: bad.join(', ') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('prices.setFactors', { seatKind, ticketType }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('factors.title')} testId="price-factors">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('factors.label')}>
        <ErrorBanner error={error} testId="price-factors-error" />
        <div className="plan-grid">
          {SEAT_KINDS.map((k) => (
            <TextField key={k} label={t('factors.seat', { kind: t(`enums:seatKind.${k}`) })} inputMode="decimal" value={seat[k]} onChange={(e) => setSeat((s) => ({ ...s, [k]: e.target.value }))} testId={`factor-seat-${k}`} />
          ))}
        </div>
        <div className="plan-grid">
          {TICKET_TYPES.map((k) => (
            <TextField key={k} label={t('factors.ticket', { type: t(`enums:ticketType.${k}`) })} inputMode="decimal" value={type[k]} onChange={(e) => setType((s) => ({ ...s, [k]: e.target.value }))} testId={`factor-type-${k}`} />
          ))}
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="price-factors-submit">
            {t('factors.save')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function PreviewPanel() {
  const { t } = useTranslation('prices');
  const locale = useLocale();
  const system = useSystem();
  const day = useOperation('programme.day', {});
  const [sessionId, setSessionId] = useState('');
  const sessions = day.data?.sessions.filter((s) => s.status !== 'CANCELLED') ?? [];
  const chosen = sessionId || sessions[0]?.id || '';
  return (
    <Panel title={t('preview.title')} testId="price-preview-panel">
      <ErrorBanner error={day.error} />
      {sessions.length === 0 ? (
        <p className="muted">{t('preview.none')}</p>
      ) : (
        <>
          <SelectField label={t('preview.session')} value={chosen} onChange={(e) => setSessionId(e.target.value)} testId="price-preview-session">
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {t('preview.sessionOption', { start: formatTime(s.startsAt, system.cinema.timezone, locale), film: s.film.title, hall: s.hall.name })}
              </option>
            ))}
          </SelectField>
          {chosen && <PricePreviewTable key={chosen} sessionId={chosen} />}
        </>
      )}
    </Panel>
  );
}
