import { useTerminalNow } from '../hooks/use-terminal-now';
import { formatClock, formatInstantDate } from '../format/time';

/** The terminal's time in the cinema's zone, ticking each second. */
export function Clock({ timeZone }: { timeZone: string }) {
  const now = useTerminalNow(1000);
  return (
    <div className="clock" data-testid="header-clock" title={`Time in ${timeZone}`}>
      <time className="clock-time" dateTime={new Date(now).toISOString()}>
        {formatClock(now, timeZone)}
      </time>
      <span className="clock-date">{formatInstantDate(now, timeZone)}</span>
    </div>
  );
}
