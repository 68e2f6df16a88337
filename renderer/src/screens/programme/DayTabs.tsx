import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import { useRef, type KeyboardEvent } from 'react';
import { formatDayTab } from '../../format/time';

export interface DayTabsProps {
  days: string[];
  today: string;
  value: string;
  onChange(date: string): void;
}

/** One tab per business day; ←/→ move between days. */
export function DayTabs({ days, today, value, onChange }: DayTabsProps) {
  const { t } = useTranslation('programme');
  const locale = useLocale();
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = days.indexOf(value);
    let to = -1;
    if (e.key === 'ArrowRight') to = Math.min(days.length - 1, i + 1);
    else if (e.key === 'ArrowLeft') to = Math.max(0, i - 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = days.length - 1;
    const day = days[to];
    if (!day) return;
    e.preventDefault();
    onChange(day);
    listRef.current?.querySelector<HTMLButtonElement>(`#day-tab-${day}`)?.focus();
  };
  return (
    <div className="day-tabs" role="tablist" aria-label={t('dayTabs')} ref={listRef} onKeyDown={onKeyDown} data-testid="day-tabs">
      {days.map((day) => {
        const { weekday, day: date } = formatDayTab(day, locale);
        const selected = day === value;
        return (
          <button
            key={day}
            id={`day-tab-${day}`}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls="programme-day-panel"
            tabIndex={selected ? 0 : -1}
            className="day-tab"
            onClick={() => onChange(day)}
            data-testid="day-tab"
            data-date={day}
          >
            <span className="day-tab-weekday">{day === today ? t('today') : weekday}</span>
            <span className="day-tab-date">{date}</span>
          </button>
        );
      })}
    </div>
  );
}
