import { sql } from 'kysely';
import { inOneTransaction, type AnyDb } from './one-transaction';

/**
 * Issue 13 at the counter:
 * - `price_cards` (rule 19): fixed ticket prices for a default price band, per ticket type and
 *   seat kind ('ANY' = every kind without its own price). A session priced in that band sells at
 *   the card's price instead of base × factors. Two terminals may write the same cell offline, so
 *   there is no unique index (a pulled row could not be applied): readers take the newest.
 * - `reservations` + `reservation_seats` (rule 18): seats kept under a name and phone without
 *   payment until `release_at` (the start minus the cinema's `reservation_release_minutes`),
 *   then free with no job, like holds; paid at pickup as a normal sale (`order_id`).
 * - cinemas: `reservation_release_minutes`, `blind_cash_up` (a closing shift's cash is counted
 *   before the expected amount is shown), `id_check_ratings` (rule 20: rating → minimum age, for the
 *   ratings that need an ID check at the counter; none until the cinema lists them).
 * All three tables sync (outbox triggers as in 0001).
 */

const D = '[0-9]';
const INSTANT = `GLOB '${D}${D}${D}${D}-[01]${D}-[0-3]${D}T[0-2]${D}:[0-5]${D}:[0-5]${D}.${D}${D}${D}Z'`;
const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const NOT_APPLYING = '(SELECT applying FROM sync_apply_flag WHERE id = 1) = 0';
const SYNCED = `created_at TEXT NOT NULL DEFAULT ${NOW} CHECK (created_at ${INSTANT}),
  updated_at TEXT NOT NULL CHECK (length(updated_at) > 0),
  origin TEXT NOT NULL CHECK (length(origin) > 0)`;
const TABLES = ['price_cards', 'reservations', 'reservation_seats'];

const outbox = (t: string) => [
  `CREATE TRIGGER ${t}_outbox_insert AFTER INSERT ON ${t}
WHEN ${NOT_APPLYING}
BEGIN
  INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('${t}', NEW.id, 'UPSERT', NEW.updated_at);
END`,
  `CREATE TRIGGER ${t}_outbox_update AFTER UPDATE ON ${t}
WHEN ${NOT_APPLYING}
BEGIN
  INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('${t}', NEW.id, 'UPSERT', NEW.updated_at);
END`,
  `CREATE TRIGGER ${t}_outbox_delete AFTER DELETE ON ${t}
WHEN ${NOT_APPLYING}
BEGIN
  INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('${t}', OLD.id, 'DELETE', OLD.updated_at);
END`,
];

/** No rating needs an ID check until the cinema lists its own (e.g. {"FSK 16":16,"FSK 18":18}). */
export const DEFAULT_ID_CHECK_RATINGS = '{}';

const STATEMENTS = [
  `ALTER TABLE cinemas ADD COLUMN reservation_release_minutes INTEGER NOT NULL DEFAULT 30 CHECK (reservation_release_minutes >= 0 AND reservation_release_minutes <= 1440)`,
  `ALTER TABLE cinemas ADD COLUMN blind_cash_up INTEGER NOT NULL DEFAULT 0 CHECK (blind_cash_up IN (0, 1))`,
  `ALTER TABLE cinemas ADD COLUMN id_check_ratings TEXT NOT NULL DEFAULT '${DEFAULT_ID_CHECK_RATINGS}' CHECK (json_valid(id_check_ratings) AND json_type(id_check_ratings) = 'object')`,

  `CREATE TABLE price_cards (
  id TEXT PRIMARY KEY NOT NULL,
  cinema_id TEXT NOT NULL REFERENCES cinemas (id),
  price_default_id TEXT NOT NULL REFERENCES price_defaults (id),
  ticket_type TEXT NOT NULL CHECK (ticket_type IN ('ADULT', 'CHILD', 'STUDENT', 'SENIOR')),
  seat_kind TEXT NOT NULL CHECK (seat_kind IN ('ANY', 'STANDARD', 'VIP', 'LOVESEAT', 'WHEELCHAIR', 'COMPANION')),
  price INTEGER NOT NULL CHECK (price >= 0),
  ${SYNCED}
) STRICT`,
  `CREATE INDEX idx_price_cards_price_default_id ON price_cards (price_default_id)`,
  `CREATE INDEX idx_price_cards_cinema_id ON price_cards (cinema_id)`,

  `CREATE TABLE reservations (
  id TEXT PRIMARY KEY NOT NULL,
  cinema_id TEXT NOT NULL REFERENCES cinemas (id),
  session_id TEXT NOT NULL REFERENCES sessions (id),
  code TEXT NOT NULL CHECK (length(code) = 6),
  customer_name TEXT NOT NULL CHECK (length(trim(customer_name)) > 0),
  phone TEXT NOT NULL CHECK (length(trim(phone)) > 0),
  status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'PICKED_UP', 'CANCELLED')),
  release_at TEXT NOT NULL CHECK (release_at ${INSTANT}),
  order_id TEXT REFERENCES orders (id),
  created_by TEXT NOT NULL REFERENCES users (id),
  terminal_id TEXT NOT NULL REFERENCES terminals (id),
  ${SYNCED},
  CHECK ((status = 'PICKED_UP') = (order_id IS NOT NULL))
) STRICT`,
  `CREATE INDEX idx_reservations_session_id ON reservations (session_id)`,
  `CREATE INDEX idx_reservations_code ON reservations (code)`,
  `CREATE INDEX idx_reservations_order_id ON reservations (order_id)`,
  `CREATE INDEX idx_reservations_cinema_id ON reservations (cinema_id, release_at)`,
  `CREATE INDEX idx_reservations_created_by ON reservations (created_by)`,
  `CREATE INDEX idx_reservations_terminal_id ON reservations (terminal_id)`,

  `CREATE TABLE reservation_seats (
  id TEXT PRIMARY KEY NOT NULL,
  reservation_id TEXT NOT NULL REFERENCES reservations (id),
  session_id TEXT NOT NULL REFERENCES sessions (id),
  seat_id TEXT NOT NULL REFERENCES seats (id),
  ${SYNCED}
) STRICT`,
  `CREATE INDEX idx_reservation_seats_reservation_id ON reservation_seats (reservation_id)`,
  `CREATE INDEX idx_reservation_seats_session_seat ON reservation_seats (session_id, seat_id)`,
  `CREATE INDEX idx_reservation_seats_seat_id ON reservation_seats (seat_id)`,

  ...TABLES.flatMap(outbox),
];

export async function up(db: AnyDb): Promise<void> {
  await inOneTransaction(db, STATEMENTS);
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['reservation_seats', 'reservations', 'price_cards']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
  for (const c of ['id_check_ratings', 'blind_cash_up', 'reservation_release_minutes']) await sql.raw(`ALTER TABLE cinemas DROP COLUMN ${c}`).execute(db);
}
