import type { CoreServices } from '../context';
import { DomainError } from '../errors';
import { syncOf } from './sync-engine';

/**
 * Rule 4, online: a seat held on one terminal is held in the central database too, so no other
 * terminal can hold it. Called by the booking code AFTER its local hold committed (never inside a
 * SQLite transaction). Offline — or when the central database does not answer quickly — holds
 * stay local and the sale goes on; a clash is then caught as a conflict when the sale is pushed.
 */
export interface CentralHolds {
  /** Refuses with SEAT_TAKEN (naming the seat) when another terminal holds or sold one of them centrally. */
  hold(sessionId: string, seatIds: readonly string[], holdSeconds: number): Promise<void>;
  /** Lets go of this terminal's central holds (best effort). */
  release(sessionId: string, seatIds: readonly string[]): Promise<void>;
}

/** How long a cashier's click may wait for the central database before the hold stays local. */
const CENTRAL_HOLD_TIMEOUT_MS = 1500;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);
}

export function centralHoldsOf(services: CoreServices): CentralHolds {
  return {
    async hold(sessionId, seatIds, holdSeconds) {
      const client = syncOf(services).centralWhenOnline();
      if (!client || seatIds.length === 0) return;
      let answer: Awaited<ReturnType<typeof client.holdSeats>> | 'timeout';
      try {
        answer = await withTimeout(client.holdSeats(sessionId, [...seatIds], holdSeconds), CENTRAL_HOLD_TIMEOUT_MS);
      } catch (e) {
        services.log.error('central seat hold failed; the hold stays local', { error: e instanceof Error ? e.message : String(e) });
        return;
      }
      if (answer === 'timeout' || answer.ok) return;
      const seats = await services.db.selectFrom('seats').select(['id', 'row_label', 'number']).where('id', 'in', answer.taken).execute();
      const first = seats[0];
      throw new DomainError(
        'SEAT_TAKEN',
        `${first ? `Row ${first.row_label}, seat ${first.number}` : 'That seat'} is being sold at another terminal. Choose another seat.`,
        { seatIds: answer.taken },
      );
    },
    async release(sessionId, seatIds) {
      const client = syncOf(services).centralWhenOnline();
      if (!client || seatIds.length === 0) return;
      await withTimeout(client.releaseSeats(sessionId, [...seatIds]), CENTRAL_HOLD_TIMEOUT_MS).catch(() => undefined);
    },
  };
}
