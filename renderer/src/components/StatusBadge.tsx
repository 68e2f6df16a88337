import { PHASE_LABEL, type SessionPhase } from '../format/session-phase';

/** A session's phase as a word with a shape; the colour only repeats what the word says. */
export function StatusBadge({ phase, testId }: { phase: SessionPhase; testId?: string }) {
  const { text, symbol } = PHASE_LABEL[phase];
  return (
    <span className={`badge badge-phase phase-${phase.toLowerCase().replace(/_/g, '-')}`} data-testid={testId} data-phase={phase}>
      <span className="badge-symbol" aria-hidden="true">
        {symbol}
      </span>
      {text}
    </span>
  );
}
