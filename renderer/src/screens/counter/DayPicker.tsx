import { useTranslation } from 'react-i18next';
import { addBusinessDays } from '../../../../shared/business-day';
import { Button } from '../../components/Button';
import { DateInput } from '../../components/DateField';

export interface DayPickerProps {
  /** The business day shown (YYYY-MM-DD). */
  day: string;
  today: string;
  onDay(date: string): void;
}

/** Advance sales (issue 13, item 5): the day whose sessions the counter sells — PgUp / PgDn step a day, never before today. */
export function DayPicker({ day, today, onDay }: DayPickerProps) {
  const { t } = useTranslation('counter');
  return (
    <div className="day-picker" role="group" aria-label={t('day.group')} data-testid="day-picker">
      <Button size="sm" onClick={() => onDay(addBusinessDays(day, -1))} disabled={day <= today} shortcut="PgUp" testId="day-prev">
        {t('day.previous')}
      </Button>
      <label className="visually-hidden" htmlFor="counter-day">
        {t('day.label')}
      </label>
      <DateInput id="counter-day" value={day} min={today} onChange={(d) => d && d >= today && onDay(d)} testId="day-input" />
      <Button size="sm" onClick={() => onDay(addBusinessDays(day, 1))} shortcut="PgDn" testId="day-next">
        {t('day.next')}
      </Button>
      {day !== today && (
        <Button size="sm" variant="ghost" onClick={() => onDay(today)} testId="day-today">
          {t('day.today')}
        </Button>
      )}
    </div>
  );
}
