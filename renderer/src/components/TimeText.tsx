import { useLocale } from '../i18n/i18n';
import { formatTimeParts } from '../format/time';

/** A session time set large, with "PM" (where the locale uses one) set small beside it. */
export function TimeText({ instant, timeZone, className, testId }: { instant: string; timeZone: string; className?: string; testId?: string }) {
  const { clock, period } = formatTimeParts(instant, timeZone, useLocale());
  return (
    <span className={className} data-testid={testId}>
      {clock}
      {period && <span className="time-period"> {period}</span>}
    </span>
  );
}
