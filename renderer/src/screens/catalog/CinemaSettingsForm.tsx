import { useState, type FormEvent } from 'react';
import type { CinemaSettings } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { useStatus } from '../../stores/status';
import { parsePercent, percentText, wholeFrom } from '../../format/amount-input';
import { useForm } from './use-form';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Draft extends Record<string, unknown> {
  name: string;
  address: string;
  legalName: string;
  taxNumber: string;
  timezone: string;
  currency: string;
  ticketVat: string;
  businessDayStart: string;
  weekStartDay: string;
  salesCloseMinutes: string;
  holdMinutes: string;
  bonusAccrual: string;
  bonusMaxShare: string;
  holdWheelchairUntilFull: boolean;
  reservationReleaseMinutes: string;
  blindCashUp: boolean;
  idCheckRatings: string;
}

/** "FSK 16=16, FSK 18=18" ↔ { "FSK 16": 16, "FSK 18": 18 }; a part without "=age" is kept as text for the server to refuse. */
export function ratingsText(r: Record<string, number>): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
export function parseRatings(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*=\s*(\d{1,2})$/.exec(part);
    out[m ? m[1]!.trim() : part] = m ? Number(m[2]) : NaN;
  }
  return out;
}

function draftOf(s: CinemaSettings): Draft {
  return {
    name: s.name,
    address: s.address,
    legalName: s.legalName,
    taxNumber: s.taxNumber,
    timezone: s.timezone,
    currency: s.currency,
    ticketVat: percentText(s.ticketVatBp),
    businessDayStart: s.businessDayStart,
    weekStartDay: String(s.weekStartDay),
    salesCloseMinutes: String(s.salesCloseMinutes),
    holdMinutes: String(s.holdMinutes),
    bonusAccrual: percentText(s.bonusAccrualBp),
    bonusMaxShare: percentText(s.bonusMaxShareBp),
    holdWheelchairUntilFull: s.holdWheelchairUntilFull,
    reservationReleaseMinutes: String(s.reservationReleaseMinutes),
    blindCashUp: s.blindCashUp,
    idCheckRatings: ratingsText(s.idCheckRatings),
  };
}

/** The cinema's settings; the server checks each and names the field it refuses. */
export function CinemaSettingsForm() {
  const settings = useOperation('cinema.get', {});
  if (settings.error && !settings.data) return <ErrorBanner error={settings.error} title="Could not load the cinema settings" action={<Button onClick={settings.reload}>Try again</Button>} />;
  if (!settings.data) return <Loading label="Loading the settings…" />;
  return <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: CinemaSettings }) {
  const { draft, set, errors, error, busy, submit } = useForm<Draft>(draftOf(settings));
  const [saved, setSaved] = useState<string | null>(null);
  const loadSystem = useStatus((s) => s.loadSystem);
  const zones = useZones();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const result = await submit(() =>
      call('cinema.update', {
        name: draft.name,
        address: draft.address,
        legalName: draft.legalName,
        taxNumber: draft.taxNumber,
        timezone: draft.timezone,
        currency: draft.currency.trim().toUpperCase(),
        ticketVatBp: (parsePercent(draft.ticketVat) ?? Number.NaN),
        businessDayStart: draft.businessDayStart,
        weekStartDay: Number(draft.weekStartDay),
        salesCloseMinutes: wholeFrom(draft.salesCloseMinutes),
        holdMinutes: wholeFrom(draft.holdMinutes),
        bonusAccrualBp: (parsePercent(draft.bonusAccrual) ?? Number.NaN),
        bonusMaxShareBp: (parsePercent(draft.bonusMaxShare) ?? Number.NaN),
        holdWheelchairUntilFull: draft.holdWheelchairUntilFull,
        reservationReleaseMinutes: wholeFrom(draft.reservationReleaseMinutes),
        blindCashUp: draft.blindCashUp,
        idCheckRatings: parseRatings(draft.idCheckRatings),
      }),
    );
    if (result) {
      setSaved(`Settings of ${result.name} saved.`);
      void loadSystem().catch(() => undefined);
    }
  };

  const text = (key: keyof Draft) => (e: { target: { value: string } }) => set(key, e.target.value as never);
  const err = (...keys: string[]) => keys.map((k) => errors[k]).find(Boolean);

  return (
    <form className="form catalog-settings" onSubmit={(e) => void save(e)} noValidate aria-label="Cinema settings" data-testid="cinema-settings">
      {saved && <Notice tone="success" testId="cinema-saved">{saved}</Notice>}
      <ErrorBanner error={error} testId="cinema-error" />
      <div className="catalog-columns">
        <Panel title="The cinema">
          <div className="form">
            <TextField label="Name" value={draft.name} onChange={text('name')} error={err('name')} testId="cinema-name" />
            <TextField label="Address" value={draft.address} onChange={text('address')} error={err('address')} testId="cinema-address" />
            <TextField label="Legal name (on receipts)" value={draft.legalName} onChange={text('legalName')} error={err('legalName')} hint="The company that runs the cinema, as receipts must name it." testId="cinema-legal-name" />
            <TextField label="VAT / tax number" value={draft.taxNumber} onChange={text('taxNumber')} error={err('taxNumber')} hint="Printed on every receipt, e.g. DE123456789." testId="cinema-tax-number" />
            <SelectField label="Time zone" value={draft.timezone} onChange={text('timezone')} error={err('timezone')} hint="Days, weeks and show times follow this zone." testId="cinema-timezone">
              {[...new Set([draft.timezone, ...zones])].map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </SelectField>
            <TextField
              label="Currency"
              value={draft.currency}
              onChange={text('currency')}
              error={err('currency')}
              readOnly={!settings.currencyEditable}
              maxLength={3}
              hint={settings.currencyEditable ? 'Three-letter ISO code, e.g. EUR.' : 'Fixed: this cinema already has sales in it.'}
              testId="cinema-currency"
            />
            <TextField label="Ticket VAT (%)" inputMode="decimal" value={draft.ticketVat} onChange={text('ticketVat')} error={err('ticketVatBp')} testId="cinema-vat" />
          </div>
        </Panel>
        <Panel title="Days and sales">
          <div className="form">
            <TextField
              label="Business day starts at"
              type="time"
              value={draft.businessDayStart}
              onChange={text('businessDayStart')}
              error={err('businessDayStart')}
              hint="A show before this time counts for the evening before."
              testId="cinema-day-start"
            />
            <SelectField label="Reporting week starts on" value={draft.weekStartDay} onChange={text('weekStartDay')} error={err('weekStartDay')} testId="cinema-week-start">
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </SelectField>
            <TextField label="Sales close (minutes after the start)" inputMode="numeric" value={draft.salesCloseMinutes} onChange={text('salesCloseMinutes')} error={err('salesCloseMinutes')} testId="cinema-sales-close" />
            <TextField label="Seat hold (minutes)" inputMode="numeric" value={draft.holdMinutes} onChange={text('holdMinutes')} error={err('holdMinutes')} testId="cinema-hold" />
          </div>
        </Panel>
        <Panel title="Bonus and accessibility">
          <div className="form">
            <TextField label="Bonus accrual (% of money paid)" inputMode="decimal" value={draft.bonusAccrual} onChange={text('bonusAccrual')} error={err('bonusAccrualBp')} testId="cinema-bonus-accrual" />
            <TextField label="Points may pay up to (% of an order)" inputMode="decimal" value={draft.bonusMaxShare} onChange={text('bonusMaxShare')} error={err('bonusMaxShareBp')} testId="cinema-bonus-share" />
            <label className="check-field">
              <input type="checkbox" checked={draft.holdWheelchairUntilFull} onChange={(e) => set('holdWheelchairUntilFull', e.target.checked)} data-testid="cinema-hold-wheelchair" />
              <span>Hold wheelchair places back until the session is otherwise full</span>
            </label>
          </div>
        </Panel>
        <Panel title="Counter">
          <div className="form">
            <TextField
              label="Reservations free themselves (minutes before the start)"
              inputMode="numeric"
              value={draft.reservationReleaseMinutes}
              onChange={text('reservationReleaseMinutes')}
              error={err('reservationReleaseMinutes')}
              testId="cinema-reservation-release"
            />
            <TextField
              label="Ratings that need an ID check (rating=minimum age)"
              value={draft.idCheckRatings}
              onChange={text('idCheckRatings')}
              error={err('idCheckRatings')}
              hint="e.g. FSK 16=16, FSK 18=18 — the cashier confirms the age once per order."
              testId="cinema-id-check-ratings"
            />
            <label className="check-field">
              <input type="checkbox" checked={draft.blindCashUp} onChange={(e) => set('blindCashUp', e.target.checked)} data-testid="cinema-blind-cash-up" />
              <span>Blind cash-up: a closing cashier counts the drawer before seeing the expected cash</span>
            </label>
          </div>
        </Panel>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} testId="cinema-save">
          Save settings
        </Button>
      </div>
    </form>
  );
}

const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
})();

function useZones(): string[] {
  return ZONES;
}
