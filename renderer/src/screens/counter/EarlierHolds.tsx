import type { SeatMapSeat } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { seatNames } from './sale-seats';

/** Seats this terminal still holds from a sale that was left (reload, sign-out, F2): the cashier decides; nothing is charged for them. */
export function EarlierHolds({ seats, onAdd, onRelease }: { seats: readonly SeatMapSeat[]; onAdd(): void; onRelease(): void }) {
  const n = seats.length;
  return (
    <Notice
      testId="earlier-holds"
      action={
        <>
          <Button size="sm" onClick={onAdd} testId="earlier-holds-add">
            Add to this order
          </Button>
          <Button size="sm" variant="primary" onClick={onRelease} testId="earlier-holds-release">
            Release {n === 1 ? 'it' : 'them'}
          </Button>
        </>
      }
    >
      <strong>
        {n} {n === 1 ? 'seat' : 'seats'} still held from an earlier sale
      </strong>{' '}
      ({seatNames(seats)}): not in this order.
    </Notice>
  );
}
