import { useTranslation } from 'react-i18next';
import { useTerminalNow } from '../hooks/use-terminal-now';
import { formatClock, formatInstantDate } from '../format/time';
import { useLocale } from '../i18n/i18n';

/** The terminal's time in the cinema's zone, ticking each second. */
export function Clock({ timeZone }: { timeZone: string }) {
  const now = useTerminalNow(1000);
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="clock" data-testid="header-clock" title={t('app.timeIn', { timeZone })}>
      <time className="clock-time" dateTime={new Date(now).toISOString()}>
        {formatClock(now, timeZone, locale)}
      </time>
      <span className="clock-date">{formatInstantDate(now, timeZone, locale)}</span>
    </div>
  );
}
