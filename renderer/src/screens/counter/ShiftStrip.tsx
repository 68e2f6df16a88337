import { Trans, useTranslation } from 'react-i18next';
import type { CurrentShift } from '../../../../shared/contract';
import { useLocale } from '../../i18n/i18n';
import { formatMoney } from '../../../../shared/money';
import { Button } from '../../components/Button';
import { formatTime } from '../../format/time';

/** One line about the open shift, with the way to its X report and closing. */
export function ShiftStrip({ current, currency, timeZone, onOpenPanel }: { current: CurrentShift; currency: string; timeZone: string; onOpenPanel(): void }) {
  const { t } = useTranslation('counter');
  const locale = useLocale();
  const open = current.open;
  if (!open) return null;
  return (
    <div className="shift-strip" data-testid="shift-strip">
      <span>
        <span aria-hidden="true">● </span>
        <Trans t={t} i18nKey="shift.strip" values={{ name: open.cashier.name, time: formatTime(open.openedAt, timeZone, locale) }} components={{ strong: <strong /> }} />
        {open.expectedCash !== null && (
          <Trans t={t} i18nKey="shift.stripExpected" values={{ amount: formatMoney(open.expectedCash, currency, locale) }} components={{ span: <span className="money" /> }} />
        )}
      </span>
      <Button size="sm" onClick={onOpenPanel} shortcut="F9" testId="shift-report-open">
        {t('shift.reportOrClose')}
      </Button>
    </div>
  );
}
