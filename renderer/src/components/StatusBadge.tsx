import { useTranslation } from 'react-i18next';
import { PHASE_SYMBOL, type SessionPhase } from '../format/session-phase';

/** A session's phase as a word with a shape; the colour only repeats what the word says. */
export function StatusBadge({ phase, testId }: { phase: SessionPhase; testId?: string }) {
  const { t } = useTranslation('components');
  return (
    <span className={`badge badge-phase phase-${phase.toLowerCase().replace(/_/g, '-')}`} data-testid={testId} data-phase={phase}>
      <span className="badge-symbol" aria-hidden="true">
        {PHASE_SYMBOL[phase]}
      </span>
      {t(`phase.${phase}`)}
    </span>
  );
}
