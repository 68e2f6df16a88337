import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { SessionStatus } from '../../../shared/enums';
import type { CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { preparedQuery } from '../db/prepared-query';

export interface SaleSession {
  id: string;
  starts_at: string;
  ends_at: string;
  status: SessionStatus;
  base_price: number;
  format: string;
  film_id: string;
  film_title: string;
  age_rating: string;
  hall_id: string;
  hall_name: string;
  hall_type: string;
}

const sessionInCinema = preparedQuery((db, p: { sessionId: string; cinemaId: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .where('s.id', '=', p.sessionId)
    .where('h.cinema_id', '=', p.cinemaId)
    .select(['s.id', 's.starts_at', 's.ends_at', 's.status', 's.base_price', 's.format', 'f.id as film_id', 'f.title as film_title', 'f.age_rating', 'h.id as hall_id', 'h.name as hall_name', 'h.type as hall_type']),
);

/** A session of this terminal's cinema with its film and hall, or NOT_FOUND. */
export async function loadSession(db: Kysely<DB> | Transaction<DB>, cinema: CinemaRow, sessionId: string): Promise<SaleSession> {
  const row = await sessionInCinema.first(db, { sessionId, cinemaId: cinema.id });
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:booking.sessionDoesNotExist' });
  return row as SaleSession;
}

/** The instant sales of a session close (rule 5): start + the cinema's sales_close_minutes. */
export function salesCloseAt(session: Pick<SaleSession, 'starts_at'>, cinema: Pick<CinemaRow, 'sales_close_minutes'>): Date {
  return new Date(Date.parse(session.starts_at) + cinema.sales_close_minutes * 60_000);
}

/** Refuses a session that can't be sold now: cancelled, closed, not on sale yet, or past its sales close. */
export function assertOnSale(session: SaleSession, cinema: CinemaRow, now: Date): void {
  // Named only when refusing: formatting a time is the costliest part of this check.
  const what = (): Words => ({ key: 'refusals:booking.session', values: { title: session.film_title, at: { instant: session.starts_at, timeZone: cinema.timezone }, hall: session.hall_name } });
  if (session.status === 'CANCELLED') throw new DomainError('CONFLICT', { key: 'refusals:booking.cancelledSold', values: { what: what() } });
  if (session.status === 'CLOSED') throw new DomainError('CONFLICT', { key: 'refusals:booking.closedSoldAnyMore', values: { what: what() } });
  if (session.status === 'SCHEDULED') throw new DomainError('CONFLICT', { key: 'refusals:booking.notSaleYetManager', values: { what: what() } });
  const closes = salesCloseAt(session, cinema);
  if (now.getTime() >= closes.getTime()) {
    throw new DomainError('CONFLICT', { key: 'refusals:booking.salesClosed', values: { what: what(), at: { instant: closes.toISOString(), timeZone: cinema.timezone } } });
  }
}
