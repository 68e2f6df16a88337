import type { CurrentShift } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { Button } from '../../components/Button';
import { formatTime } from '../../format/time';

/** One line about the open shift, with the way to its X report and closing. */
export function ShiftStrip({ current, currency, timeZone, onOpenPanel }: { current: CurrentShift; currency: string; timeZone: string; onOpenPanel(): void }) {
  const open = current.open;
  if (!open) return null;
  return (
    <div className="shift-strip" data-testid="shift-strip">
      <span>
        <span aria-hidden="true">● </span>
        Shift of <strong>{open.cashier.name}</strong> open since {formatTime(open.openedAt, timeZone)}
        {open.expectedCash !== null && (
          <>
            {' '}
            · expected cash <span className="money">{formatMoney(open.expectedCash, currency)}</span>
          </>
        )}
      </span>
      <Button size="sm" onClick={onOpenPanel} shortcut="F9" testId="shift-report-open">
        X report / close shift
      </Button>
    </div>
  );
}
