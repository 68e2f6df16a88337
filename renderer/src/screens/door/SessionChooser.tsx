import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSession } from '../../../../shared/contract';
import { StatusBadge } from '../../components/StatusBadge';
import { phaseOf } from '../../format/session-phase';
import { TimeText } from '../../components/TimeText';

export interface SessionChooserProps {
  sessions: ProgrammeSession[];
  chosenId: string | null;
  onChoose(id: string): void;
  now: number;
  timeZone: string;
}

/** Today's sessions as large radio buttons: time, film, hall. */
export function SessionChooser({ sessions, chosenId, onChoose, now, timeZone }: SessionChooserProps) {
  const { t } = useTranslation('door');
  const groupRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const buttons = [...(groupRef.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]') ?? [])];
    const at = buttons.findIndex((b) => b === document.activeElement);
    const last = buttons.length - 1;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? last : e.key === 'ArrowDown' || e.key === 'ArrowRight' ? Math.min(last, at + 1) : Math.max(0, at - 1);
    const target = buttons[to];
    if (!target) return;
    e.preventDefault();
    target.focus();
    target.click();
  };

  // One tab stop for the group: the chosen session, or the first one.
  const tabStop = chosenId ?? sessions[0]?.id;
  return (
    <div className="chooser" role="radiogroup" aria-label={t('chooser')} ref={groupRef} onKeyDown={onKeyDown} data-testid="door-session-chooser">
      {sessions.map((s) => {
        const phase = phaseOf(s, now);
        return (
          <button
            key={s.id}
            type="button"
            role="radio"
            aria-checked={s.id === chosenId}
            tabIndex={s.id === tabStop ? 0 : -1}
            className={`chooser-item phase-row-${phase.toLowerCase().replace(/_/g, '-')}`}
            onClick={() => onChoose(s.id)}
            data-testid="door-session-option"
            data-session-id={s.id}
          >
            <TimeText className="chooser-time" instant={s.startsAt} timeZone={timeZone} />
            <span className="chooser-text">
              <span className="chooser-film">{s.film.title}</span>
              <span className="chooser-hall">{s.hall.name}</span>
            </span>
            {phase !== 'ON_SALE' && <StatusBadge phase={phase} />}
          </button>
        );
      })}
    </div>
  );
}
