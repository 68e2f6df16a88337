import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { PERIOD_PRESETS } from './report-format';

export interface Period {
  from: string;
  to: string;
}

/** From/to business days with one-click presets; the dates are the cinema's business days (rule 12). */
export function PeriodPicker({ period, today, onChange }: { period: Period; today: string; onChange(p: Period): void }) {
  const { t } = useTranslation('reports');
  return (
    <div className="period-picker" data-testid="period-picker">
      <div className="period-presets" role="group" aria-label={t('period.quick')}>
        {PERIOD_PRESETS.map((p) => {
          const r = p.range(today);
          const active = r.from === period.from && r.to === period.to;
          return (
            <button key={p.id} type="button" className={active ? 'chip is-active' : 'chip'} aria-pressed={active} onClick={() => onChange(r)} data-testid={`period-${p.id}`}>
              {t(`period.${p.id}`)}
            </button>
          );
        })}
      </div>
      <div className="period-dates">
        <DateField label={t('period.from')} value={period.from} max={period.to} onChange={(from) => from && onChange({ ...period, from })} testId="period-from" />
        <DateField label={t('period.to')} value={period.to} min={period.from} onChange={(to) => to && onChange({ ...period, to })} testId="period-to" />
      </div>
    </div>
  );
}
