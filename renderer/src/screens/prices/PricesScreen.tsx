import { useState, type FormEvent } from 'react';
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
import { HALL_TYPE_LABEL } from '../../format/hall';
import { formatTime } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { amountText, parseAmount, parsePercent, percentText } from '../../format/amount-input';
import { PricePreviewTable, SEAT_KIND_LABEL, TICKET_TYPE_LABEL } from './PricePreviewTable';
import { PriceCardForm } from './PriceCardForm';
import '../programme/programme.css';

/** Monday first, as staff plan a week; bit d of the mask is weekday d (0 = Sunday). */
const WEEK = [
  { bit: 1, label: 'Mon' },
  { bit: 2, label: 'Tue' },
  { bit: 3, label: 'Wed' },
  { bit: 4, label: 'Thu' },
  { bit: 5, label: 'Fri' },
  { bit: 6, label: 'Sat' },
  { bit: 0, label: 'Sun' },
];

export function weekdaysLabel(mask: number): string {
  if ((mask & 127) === 127) return 'Every day';
  return WEEK.filter((d) => mask & (1 << d.bit))
    .map((d) => d.label)
    .join(', ');
}

/** Rule 3's configuration: default base prices by hall type and time band, factors, and a preview. */
export function PricesScreen() {
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
  const saved = (s: PriceSettings, message: string) => {
    setCurrent(s);
    setVersion((v) => v + 1);
    setNotice(message);
    setError(null);
  };

  const remove = async (d: PriceDefault) => {
    setError(null);
    try {
      saved(await call('prices.removeDefault', { id: d.id }), `The ${HALL_TYPE_LABEL[d.hallType]} band ${d.bandStart}–${d.bandEnd} is removed.`);
      if (editing !== 'new' && editing?.id === d.id) setEditing(null);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="screen prices-screen" data-testid="screen-prices">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Prices</h1>
          <p className="screen-subtitle">A session's base price × the seat kind's factor × the ticket type's factor, rounded half-up once.</p>
        </div>
      </div>
      {notice && (
        <Notice tone="success" testId="prices-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      <ErrorBanner error={error} testId="prices-error" />
      {settings.error ? <ErrorBanner error={settings.error} title="Could not load the prices" action={<Button onClick={settings.reload}>Try again</Button>} /> : null}
      {!data ? (
        <Loading label="Loading prices…" />
      ) : (
        <div className="users-layout">
          <div className="form">
            <Panel
              title="Default base prices"
              testId="price-defaults"
              actions={
                <Button size="sm" variant="primary" onClick={() => setEditing('new')} testId="price-default-new">
                  Add band
                </Button>
              }
            >
              <p className="muted">Used when a session is scheduled without a base price: the band of its hall type that holds its weekday and local start time.</p>
              <div className="table-wrap">
                <table className="table" data-testid="price-defaults-table">
                  <thead>
                    <tr>
                      <th scope="col">Hall type</th>
                      <th scope="col">Weekdays</th>
                      <th scope="col">Hours</th>
                      <th scope="col" className="num">
                        Base price
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.defaults.map((d) => (
                      <tr key={d.id} data-testid="price-default-row">
                        <td className="strong">{HALL_TYPE_LABEL[d.hallType]}</td>
                        <td>{weekdaysLabel(d.weekdayMask)}</td>
                        <td className="tabular">
                          {d.bandStart}–{d.bandEnd}
                        </td>
                        <td className="num money">{formatMoney(d.basePrice, currency)}</td>
                        <td className="row-actions">
                          <Button size="sm" onClick={() => (setCarding(d), setEditing(null))} testId="price-card-edit" aria-label={`Price card of ${d.hallType} ${d.bandStart}–${d.bandEnd}`}>
                            {data.cards[d.id]?.length ? `Card (${data.cards[d.id]!.length})` : 'Price card'}
                          </Button>
                          <Button size="sm" onClick={() => (setEditing(d), setCarding(null))} testId="price-default-edit" aria-label={`Edit ${d.hallType} ${d.bandStart}–${d.bandEnd}`}>
                            Edit
                          </Button>
                          <Button size="sm" variant="danger" onClick={() => void remove(d)} testId="price-default-remove" aria-label={`Remove ${d.hallType} ${d.bandStart}–${d.bandEnd}`}>
                            Remove
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
                onClose={() => setEditing(null)}
                onSaved={(s) => {
                  setEditing(null);
                  saved(s, 'The price band is saved; sessions scheduled from now on use it.');
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
                onClose={() => setCarding(null)}
                onSaved={(s) => {
                  setCarding(null);
                  saved(s, 'The price card is saved; sessions in this band sell at its prices at once.');
                }}
              />
            ) : null}
            <FactorsForm key={`factors-${version}`} settings={data} onSaved={(s) => saved(s, 'The factors are saved; new sales use them at once.')} />
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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const basePrice = parseAmount(price, currency);
    if (basePrice === null) {
      setError('Enter the base price as an amount like 12.50.');
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
    <Panel title={band ? 'Edit price band' : 'New price band'} testId="price-band-form" actions={<Button variant="ghost" size="sm" onClick={onClose}>Close</Button>}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Price band">
        <ErrorBanner error={error} testId="price-band-error" />
        <SelectField label="Hall type" value={hallType} onChange={(e) => setHallType(e.target.value as HallType)} testId="price-band-hall-type">
          {HALL_TYPES.map((t) => (
            <option key={t} value={t}>
              {HALL_TYPE_LABEL[t]}
            </option>
          ))}
        </SelectField>
        <fieldset className="copy-days" aria-label="Weekdays">
          {WEEK.map((d) => (
            <label key={d.bit} className={mask & (1 << d.bit) ? 'copy-day is-picked' : 'copy-day'}>
              <input type="checkbox" checked={(mask & (1 << d.bit)) !== 0} onChange={() => setMask((m) => m ^ (1 << d.bit))} data-testid="price-band-weekday" />
              <span>{d.label}</span>
            </label>
          ))}
        </fieldset>
        <div className="plan-grid">
          <TextField label="From (local time)" value={bandStart} onChange={(e) => setBandStart(e.target.value)} placeholder="17:00" testId="price-band-start" />
          <TextField label="Until (exclusive)" value={bandEnd} onChange={(e) => setBandEnd(e.target.value)} placeholder="24:00" testId="price-band-end" />
        </div>
        <TextField label={`Base price (${currency})`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} testId="price-band-price" />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="price-band-submit">
            Save band
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
      if (bp === null) bad.push(SEAT_KIND_LABEL[k]);
      else seatKind[k] = bp;
    }
    for (const k of TICKET_TYPES) {
      const bp = toBp(type[k]);
      if (bp === null) bad.push(TICKET_TYPE_LABEL[k]);
      else ticketType[k] = bp;
    }
    if (bad.length) {
      setError(`Enter a percentage of the base price (like 150) for: ${bad.join(', ')}.`);
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
    <Panel title="Factors (percent of the base price)" testId="price-factors">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Price factors">
        <ErrorBanner error={error} testId="price-factors-error" />
        <div className="plan-grid">
          {SEAT_KINDS.map((k) => (
            <TextField key={k} label={`${SEAT_KIND_LABEL[k]} seat (%)`} inputMode="decimal" value={seat[k]} onChange={(e) => setSeat((s) => ({ ...s, [k]: e.target.value }))} testId={`factor-seat-${k}`} />
          ))}
        </div>
        <div className="plan-grid">
          {TICKET_TYPES.map((k) => (
            <TextField key={k} label={`${TICKET_TYPE_LABEL[k]} ticket (%)`} inputMode="decimal" value={type[k]} onChange={(e) => setType((s) => ({ ...s, [k]: e.target.value }))} testId={`factor-type-${k}`} />
          ))}
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="price-factors-submit">
            Save factors
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function PreviewPanel() {
  const system = useSystem();
  const day = useOperation('programme.day', {});
  const [sessionId, setSessionId] = useState('');
  const sessions = day.data?.sessions.filter((s) => s.status !== 'CANCELLED') ?? [];
  const chosen = sessionId || sessions[0]?.id || '';
  return (
    <Panel title="Price preview" testId="price-preview-panel">
      <ErrorBanner error={day.error} />
      {sessions.length === 0 ? (
        <p className="muted">No sessions today to preview.</p>
      ) : (
        <>
          <SelectField label="Session today" value={chosen} onChange={(e) => setSessionId(e.target.value)} testId="price-preview-session">
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {formatTime(s.startsAt, system.cinema.timezone)} · {s.film.title} · {s.hall.name}
              </option>
            ))}
          </SelectField>
          {chosen && <PricePreviewTable key={chosen} sessionId={chosen} />}
        </>
      )}
    </Panel>
  );
}
