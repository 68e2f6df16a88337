import type { Transaction } from 'kysely';
import type { HoldResult } from '../../../shared/contract';
import type { DB } from '../db/tables';
import type { CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { bestSeats } from './best-seats';
import { holdSeats, releaseSeats } from './hold-seats';
import { assertOnSale, loadSession } from './session-for-sale';
import { seatStates } from './seat-states';

export interface HoldBestArgs {
  cinema: CinemaRow;
  sessionId: string;
  count: number;
  /** This terminal's seats of the previous proposal: given back and counted as free for this one. */
  instead: readonly string[];
  terminalId: string;
  userId: string;
  now: Date;
}

/**
 * Holds the `count` best adjacent seats (bestSeats) for this terminal, in place of the cashier's
 * previous proposal. All or nothing: with no such group left, nothing changes and the cashier is
 * told to choose on the map.
 */
export async function holdBestSeats(trx: Transaction<DB>, args: HoldBestArgs): Promise<HoldResult & { picked: string[] }> {
  const session = await loadSession(trx, args.cinema, args.sessionId);
  assertOnSale(session, args.cinema, args.now);
  const where = { sessionId: session.id, hallId: session.hall_id, terminalId: args.terminalId, now: args.now };
  const instead = new Set(args.instead);
  const rows = await seatStates(trx, where);
  const picked = bestSeats(
    rows.map((r) => ({ id: r.id, x: r.grid_x, y: r.grid_y, kind: r.kind, free: r.active === 1 && (r.state === 'FREE' || (r.state === 'MINE' && instead.has(r.id))) })),
    args.count,
  );
  if (!picked) {
    throw new DomainError('CONFLICT', { key: 'refusals:booking.noSeatsTogetherLeft', values: { count: args.count, sessionHallName: session.hall_name } }, { count: args.count });
  }
  const giveBack = [...instead].filter((id) => !picked.includes(id));
  if (giveBack.length > 0) await releaseSeats(trx, { sessionId: session.id, seatIds: giveBack, terminalId: args.terminalId, now: args.now });
  const held = await holdSeats(trx, { cinema: args.cinema, sessionId: session.id, seatIds: picked, terminalId: args.terminalId, userId: args.userId, now: args.now });
  return { ...held, picked };
}
