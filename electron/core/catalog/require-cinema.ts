import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { preparedQuery } from '../db/prepared-query';

export type CinemaRow = Selectable<DB['cinemas']>;

const cinemaById = preparedQuery((db, p: { cinemaId: string }) => db.selectFrom('cinemas').selectAll().where('id', '=', p.cinemaId));

/** The cinema this terminal belongs to; every counter operation happens in it. */
export async function requireTerminalCinema(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext): Promise<CinemaRow> {
  const cinemaId = ctx.terminal.cinemaId;
  const cinema = cinemaId ? await cinemaById.first(db, { cinemaId }) : undefined;
  if (!cinema) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.terminalNotSetUp' });
  return cinema;
}

export function businessDayRuleOf(cinema: CinemaRow) {
  return { timezone: cinema.timezone, dayStart: cinema.business_day_start };
}
