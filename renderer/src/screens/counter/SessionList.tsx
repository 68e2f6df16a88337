import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { ProgrammeSession } from '../../../../shared/contract';
import { AgeRating } from '../../components/AgeRating';
import { SeatsBar } from '../../components/SeatsBar';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { formatAndLanguage } from '../../format/language';
import { phaseOf } from '../../format/session-phase';
import { formatDuration } from '../../format/time';
import { TimeText } from '../../components/TimeText';

export interface SessionListProps {
  sessions: ProgrammeSession[];
  selectedId: string | null;
  onSelect(id: string): void;
  now: number;
  timeZone: string;
}

/** The day's sessions as rows; ↑/↓ (and Home/End) move between them and select. */
export function SessionList({ sessions, selectedId, onSelect, now, timeZone }: SessionListProps) {
  const { t } = useTranslation('counter');
  const locale = useLocale();
  const listRef = useRef<HTMLUListElement>(null);
  // "Next" only among today's sessions: on a later day every session is ahead.
  const nextId = sessions.find((s) => phaseOf(s, now) === 'ON_SALE' && Date.parse(s.startsAt) - now < 24 * 3600_000)?.id;

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.session-row') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let to = -1;
    if (e.key === 'ArrowDown') to = Math.min(buttons.length - 1, at + 1);
    else if (e.key === 'ArrowUp') to = Math.max(0, at < 0 ? 0 : at - 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = buttons.length - 1;
    const target = buttons[to];
    if (!target) return;
    e.preventDefault();
    target.focus();
    target.click();
  };

  return (
    <div className="session-table">
      <div className="session-row session-row-head" aria-hidden="true">
        <span>{t('list.time')}</span>
        <span>{t('list.film')}</span>
        <span>{t('list.hall')}</span>
        <span>{t('list.seatsLeft')}</span>
        <span>{t('list.status')}</span>
      </div>
      <ul className="session-rows" ref={listRef} onKeyDown={onKeyDown} aria-label={t('list.label')} data-testid="session-list">
        {sessions.map((s) => {
          const phase = phaseOf(s, now);
          return (
            <li key={s.id}>
              <button
                type="button"
                className={`session-row phase-row-${phase.toLowerCase().replace(/_/g, '-')}`}
                aria-pressed={s.id === selectedId}
                onClick={() => onSelect(s.id)}
                data-testid="session-row"
                data-session-id={s.id}
              >
                <span className="cell-time">
                  <TimeText className="time-big" instant={s.startsAt} timeZone={timeZone} />
                  {s.id === nextId && <span className="tag tag-next">{t('list.next')}</span>}
                </span>
                <span className="cell-film">
                  <span className="film-title">{s.film.title}</span>
                  <span className="film-meta">
                    <AgeRating rating={s.film.ageRating} />
                    <span>{formatDuration(s.film.durationMinutes, locale)}</span>
                  </span>
                </span>
                <span className="cell-hall">
                  <span className="hall-name">{hallLabel(s.hall, locale)}</span>
                  <span className="hall-format">{formatAndLanguage(s.format, s.language, locale)}</span>
                </span>
                <span className="cell-seats">
                  <SeatsBar session={s} compact />
                </span>
                <span className="cell-status">
                  <StatusBadge phase={phase} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
