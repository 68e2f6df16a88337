import type { SeatMap } from '../../../shared/contract';
import type { CoreServices } from '../context';
import { DomainError } from '../errors';
import { syncOf } from './sync-engine';
import { seatWords } from '../../../shared/seat-map';

/**
 * Rule 4, online: a seat held on one terminal is held in the central database too, so no other
 * terminal can hold it. `hold` is the cashier's click: AFTER the local hold committed (never inside
 * a SQLite transaction), quickly, and it stays local when the centre does not answer at once.
 * `confirm` is the sale's (and a re-seat's): while the centre counts as reachable, the seats must
 * be held there for this terminal before the sale commits — a few tries within a short bound; if
 * none gets through, the terminal counts as offline from then on and the sale is an OFFLINE one
 * (the local hold alone; a clash is caught as a conflict when it is pushed).
 */
export interface CentralHolds {
  /** Refuses with SEAT_TAKEN (naming the seat) when another terminal holds or sold one of them centrally. */
  hold(sessionId: string, seatIds: readonly string[], holdSeconds: number): Promise<void>;
  /** Before a sale: CONFIRMED, OFFLINE (the centre unreachable) or NOT_SYNCED (no central database); SEAT_TAKEN as hold. */
  confirm(sessionId: string, seatIds: readonly string[], holdSeconds: number): Promise<CentralHoldCheck>;
  /** Lets go of this terminal's central holds (best effort). */
  release(sessionId: string, seatIds: readonly string[]): Promise<void>;
  /** A reservation picked up here: its seats' central holds (made where it was reserved) become this terminal's (best effort). */
  takeOverReservation(reservationId: string): Promise<void>;
  /** The seat map with the seats other terminals of the cinema hold or sold centrally (online; as it is otherwise). */
  overlay(map: SeatMap): Promise<SeatMap>;
}

export type CentralHoldCheck = 'CONFIRMED' | 'OFFLINE' | 'NOT_SYNCED';

/**
 * The longest hold the central database takes (sync_hold_seats refuses more). A reservation lasting
 * days is held this long — by then the sync has spread the reservation itself, which keeps its
 * seats taken on every terminal.
 */
export const CENTRAL_HOLD_MAX_SECONDS = 3600;

/** How long a cashier's click may wait for the central database before the hold stays local. */
const CENTRAL_HOLD_TIMEOUT_MS = 1500;
/** A sale's confirmation: this many tries within this long, then the terminal counts as offline. */
const CONFIRM_TRIES = 4;
const CONFIRM_WITHIN_MS = 4000;
/** The seat map does not wait longer than this for the centre's view. */
const OVERLAY_TIMEOUT_MS = 700;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** The centre does not know the session or seat yet (created here, not pushed): a push first helps. */
const notKnownYet = (e: unknown) => /is not a (session of this cinema|seat of this session's hall)/.test(message(e));

async function seatTaken(services: CoreServices, taken: string[]): Promise<DomainError> {
  const seats = await services.db.selectFrom('seats').select(['id', 'row_label', 'number']).where('id', 'in', taken).execute();
  const first = seats[0];
  return new DomainError('SEAT_TAKEN', { key: 'refusals:sync.beingSoldAnotherTerminal', values: { seat: first ? seatWords(first.row_label, first.number) : { key: 'refusals:sync.thatSeat' } } }, {
    seatIds: taken,
  });
}

export function centralHoldsOf(services: CoreServices): CentralHolds {
  const sync = () => syncOf(services);
  return {
    async hold(sessionId, seatIds, holdSeconds) {
      const client = sync().centralWhenOnline();
      if (!client || seatIds.length === 0) return;
      let answer: Awaited<ReturnType<typeof client.holdSeats>> | 'timeout';
      try {
        answer = await withTimeout(client.holdSeats(sessionId, [...seatIds], holdSeconds), CENTRAL_HOLD_TIMEOUT_MS);
      } catch (e) {
        services.log.error('central seat hold failed; the hold stays local until the sale confirms it', { error: message(e) });
        return;
      }
      if (answer === 'timeout' || answer.ok) return;
      throw await seatTaken(services, answer.taken);
    },

    async confirm(sessionId, seatIds, holdSeconds) {
      const engine = sync();
      if (!engine.syncsWithCentral || seatIds.length === 0) return 'NOT_SYNCED';
      const deadline = Date.now() + CONFIRM_WITHIN_MS;
      let pushed = false;
      let lastError = 'no answer';
      for (let attempt = 0; attempt < CONFIRM_TRIES && Date.now() < deadline; attempt++) {
        const client = engine.centralWhenOnline();
        if (!client) return 'OFFLINE';
        try {
          const answer = await withTimeout(client.holdSeats(sessionId, [...seatIds], holdSeconds), Math.max(1, deadline - Date.now()));
          if (answer === 'timeout') break;
          if (answer.ok) return 'CONFIRMED';
          throw await seatTaken(services, answer.taken);
        } catch (e) {
          if (e instanceof DomainError) throw e;
          lastError = message(e);
          if (notKnownYet(e) && !pushed) {
            pushed = true;
            await withTimeout(
              engine.syncNow().catch(() => undefined),
              Math.max(1, deadline - Date.now()),
            );
            continue;
          }
          await new Promise((r) => setTimeout(r, 150));
        }
      }
      engine.lostCentral(`The central database did not confirm the seats of a sale (${lastError}); selling offline.`);
      return 'OFFLINE';
    },

    async release(sessionId, seatIds) {
      const client = sync().centralWhenOnline();
      if (!client || seatIds.length === 0) return;
      await withTimeout(client.releaseSeats(sessionId, [...seatIds]), CENTRAL_HOLD_TIMEOUT_MS).catch(() => undefined);
    },

    async takeOverReservation(reservationId) {
      const client = sync().centralWhenOnline();
      if (!client) return;
      await withTimeout(client.pickUpReservation(reservationId), CENTRAL_HOLD_TIMEOUT_MS).catch((e: unknown) =>
        services.log.error('taking over the central holds of a reservation failed; the sale confirms its seats as usual', { error: message(e) }),
      );
    },

    async overlay(map) {
      const client = sync().centralWhenOnline();
      if (!client) return map;
      const states = await withTimeout(client.sessionSeats(map.session.id), OVERLAY_TIMEOUT_MS).catch(() => 'timeout' as const);
      return states === 'timeout' ? map : overlayCentralSeats(map, states);
    },
  };
}

/**
 * Seats free here but held at another terminal or sold centrally show as such (a sale not yet
 * pulled, a hold of the counter beside this one). Seats this terminal holds or sold stay as they are.
 */
export function overlayCentralSeats(map: SeatMap, central: readonly { seatId: string; state: 'HELD' | 'SOLD' }[]): SeatMap {
  const byId = new Map(central.map((c) => [c.seatId, c.state]));
  if (byId.size === 0) return map;
  const counts = { ...map.counts };
  const seats = map.seats.map((s) => {
    const state = byId.get(s.id);
    if (s.state !== 'FREE' || !state) return s;
    if (s.active) {
      counts.free -= 1;
      counts[state === 'HELD' ? 'held' : 'sold'] += 1;
    }
    return { ...s, state, heldBack: false };
  });
  return { ...map, seats, counts };
}
