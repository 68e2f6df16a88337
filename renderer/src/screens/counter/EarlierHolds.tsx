import { Trans, useTranslation } from 'react-i18next';
import type { SeatMapSeat } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { seatNames } from './sale-seats';

/** Seats this terminal still holds from a sale that was left (reload, sign-out, F2): the cashier decides; nothing is charged for them. */
export function EarlierHolds({ seats, onAdd, onRelease }: { seats: readonly SeatMapSeat[]; onAdd(): void; onRelease(): void }) {
  const { t } = useTranslation('counter');
  const n = seats.length;
  return (
    <Notice
      testId="earlier-holds"
      action={
        <>
          <Button size="sm" onClick={onAdd} testId="earlier-holds-add">
            {t('earlier.add')}
          </Button>
          <Button size="sm" variant="primary" onClick={onRelease} testId="earlier-holds-release">
            {t('earlier.release', { count: n })}
          </Button>
        </>
      }
    >
      <Trans t={t} i18nKey="earlier.text" count={n} values={{ seats: seatNames(seats) }} components={{ strong: <strong /> }} />
    </Notice>
  );
}
