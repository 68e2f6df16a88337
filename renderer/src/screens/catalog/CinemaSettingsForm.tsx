import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CinemaSettings } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { useStatus } from '../../stores/status';
import { parsePercent, percentText, wholeFrom } from '../../format/amount-input';
import { useForm } from './use-form';
import { TerminalLanguagePanel } from './TerminalLanguagePanel';
import { useLocale } from '../../i18n/i18n';

/** Weekday names 0 = Sunday … 6 = Saturday in the window's locale (4 Jan 1970 was a Sunday). */
function weekdayNames(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(1970, 0, 4 + i, 12))));
}

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
  const { t } = useTranslation(['catalog', 'components']);
  const settings = useOperation('cinema.get', {});
  if (settings.error && !settings.data) return <ErrorBanner error={settings.error} title={t('cinema.loadFailed')} action={<Button onClick={settings.reload}>{t('components:tryAgain')}</Button>} />;
  if (!settings.data) return <Loading label={t('cinema.loading')} />;
  return (
    <>
      <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />
      <TerminalLanguagePanel />
    </>
  );
}

function SettingsForm({ settings }: { settings: CinemaSettings }) {
  const { t } = useTranslation('catalog');
  const locale = useLocale();
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
      setSaved(t('cinema.saved', { name: result.name }));
      void loadSystem().catch(() => undefined);
    }
  };

  const text = (key: keyof Draft) => (e: { target: { value: string } }) => set(key, e.target.value as never);
  const err = (...keys: string[]) => keys.map((k) => errors[k]).find(Boolean);

  return (
    <form className="form catalog-settings" onSubmit={(e) => void save(e)} noValidate aria-label={t('cinema.label')} data-testid="cinema-settings">
      {saved && <Notice tone="success" testId="cinema-saved">{saved}</Notice>}
      <ErrorBanner error={error} testId="cinema-error" />
      <div className="catalog-columns">
        <Panel title={t('cinema.theCinema')}>
          <div className="form">
            <TextField label={t('cinema.name')} value={draft.name} onChange={text('name')} error={err('name')} testId="cinema-name" />
            <TextField label={t('cinema.address')} value={draft.address} onChange={text('address')} error={err('address')} testId="cinema-address" />
            <TextField label={t('cinema.legalName')} value={draft.legalName} onChange={text('legalName')} error={err('legalName')} hint={t('cinema.legalNameHint')} testId="cinema-legal-name" />
            <TextField label={t('cinema.taxNumber')} value={draft.taxNumber} onChange={text('taxNumber')} error={err('taxNumber')} hint={t('cinema.taxNumberHint')} spellCheck={false} testId="cinema-tax-number" />
            <SelectField label={t('cinema.timezone')} value={draft.timezone} onChange={text('timezone')} error={err('timezone')} hint={t('cinema.timezoneHint')} testId="cinema-timezone">
              {[...new Set([draft.timezone, ...zones])].map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('cinema.currency')}
              value={draft.currency}
              onChange={text('currency')}
              error={err('currency')}
              readOnly={!settings.currencyEditable}
              maxLength={3}
              hint={settings.currencyEditable ? t('cinema.currencyHint') : t('cinema.currencyFixed')}
              testId="cinema-currency"
            />
            <TextField label={t('cinema.ticketVat')} inputMode="decimal" value={draft.ticketVat} onChange={text('ticketVat')} error={err('ticketVatBp')} testId="cinema-vat" />
          </div>
        </Panel>
        <Panel title={t('cinema.daysAndSales')}>
          <div className="form">
            <TimeField
              label={t('cinema.dayStart')}
              value={draft.businessDayStart}
              onChange={(v) => set('businessDayStart', v)}
              error={err('businessDayStart')}
              hint={t('cinema.dayStartHint')}
              testId="cinema-day-start"
            />
            <SelectField label={t('cinema.weekStart')} value={draft.weekStartDay} onChange={text('weekStartDay')} error={err('weekStartDay')} testId="cinema-week-start">
              {weekdayNames(locale).map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </SelectField>
            <TextField label={t('cinema.salesClose')} inputMode="numeric" value={draft.salesCloseMinutes} onChange={text('salesCloseMinutes')} error={err('salesCloseMinutes')} testId="cinema-sales-close" />
            <TextField label={t('cinema.hold')} inputMode="numeric" value={draft.holdMinutes} onChange={text('holdMinutes')} error={err('holdMinutes')} testId="cinema-hold" />
          </div>
        </Panel>
        <Panel title={t('cinema.bonus')}>
          <div className="form">
            <TextField label={t('cinema.bonusAccrual')} inputMode="decimal" value={draft.bonusAccrual} onChange={text('bonusAccrual')} error={err('bonusAccrualBp')} testId="cinema-bonus-accrual" />
            <TextField label={t('cinema.bonusShare')} inputMode="decimal" value={draft.bonusMaxShare} onChange={text('bonusMaxShare')} error={err('bonusMaxShareBp')} testId="cinema-bonus-share" />
            <label className="check-field">
              <input type="checkbox" checked={draft.holdWheelchairUntilFull} onChange={(e) => set('holdWheelchairUntilFull', e.target.checked)} data-testid="cinema-hold-wheelchair" />
              <span>{t('cinema.holdWheelchair')}</span>
            </label>
          </div>
        </Panel>
        <Panel title={t('cinema.counter')}>
          <div className="form">
            <TextField
              label={t('cinema.reservationRelease')}
              inputMode="numeric"
              value={draft.reservationReleaseMinutes}
              onChange={text('reservationReleaseMinutes')}
              error={err('reservationReleaseMinutes')}
              testId="cinema-reservation-release"
            />
            <TextField
              label={t('cinema.idCheck')}
              value={draft.idCheckRatings}
              onChange={text('idCheckRatings')}
              error={err('idCheckRatings')}
              hint={t('cinema.idCheckHint')}
              testId="cinema-id-check-ratings"
            />
            <label className="check-field">
              <input type="checkbox" checked={draft.blindCashUp} onChange={(e) => set('blindCashUp', e.target.checked)} data-testid="cinema-blind-cash-up" />
              <span>{t('cinema.blindCashUp')}</span>
            </label>
          </div>
        </Panel>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} testId="cinema-save">
          {t('cinema.save')}
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
