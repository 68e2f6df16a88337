import { sql, type Kysely } from 'kysely';

/**
 * Issue 13 centrally: the synced tables of local migration 0006 — price cards (rule 19),
 * reservations and their seats (rule 18) — and the cinema's new settings (reservation release
 * minutes, blind cash-up, ID-check ratings), synced with the cinema row.
 *
 * Following 0004, a new synced table is data: its row in `sync_tables` (push order: parents
 * first) and one row in `sync_references` per foreign key, so every id a terminal pushes is
 * checked against the pusher's cinema (`cinema_id` columns are checked by the push itself).
 */

const TABLES: Record<string, { order: number; columns: string[] }> = {
  price_cards: {
    order: 145,
    columns: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'price_default_id text NOT NULL', 'ticket_type text NOT NULL', 'seat_kind text NOT NULL', 'price bigint NOT NULL'],
  },
  reservations: {
    order: 213,
    columns: [
      'id text PRIMARY KEY',
      'cinema_id text NOT NULL',
      'session_id text NOT NULL',
      'code text NOT NULL',
      'customer_name text NOT NULL',
      'phone text NOT NULL',
      'status text NOT NULL',
      'release_at text NOT NULL',
      'order_id text',
      'created_by text NOT NULL',
      'terminal_id text NOT NULL',
    ],
  },
  reservation_seats: {
    order: 216,
    columns: ['id text PRIMARY KEY', 'reservation_id text NOT NULL', 'session_id text NOT NULL', 'seat_id text NOT NULL'],
  },
};

const REFERENCES: [table: string, column: string, parent: string][] = [
  ['price_cards', 'price_default_id', 'price_defaults'],
  ['reservations', 'session_id', 'sessions'],
  ['reservations', 'order_id', 'orders'],
  ['reservations', 'created_by', 'users'],
  ['reservations', 'terminal_id', 'terminals'],
  ['reservation_seats', 'reservation_id', 'reservations'],
  ['reservation_seats', 'session_id', 'sessions'],
  ['reservation_seats', 'seat_id', 'seats'],
];

const STATEMENTS = [
  `ALTER TABLE cinemas ADD COLUMN reservation_release_minutes bigint NOT NULL DEFAULT 30`,
  `ALTER TABLE cinemas ADD COLUMN blind_cash_up bigint NOT NULL DEFAULT 0`,
  `ALTER TABLE cinemas ADD COLUMN id_check_ratings text NOT NULL DEFAULT '{}'`,
  ...Object.entries(TABLES).flatMap(([t, { columns }]) => [
    `CREATE TABLE ${t} (
     ${[...columns, 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'].join(',\n     ')},
     scope_cinema_id text,
     deleted boolean NOT NULL DEFAULT false
   )`,
    `CREATE INDEX idx_${t}_scope ON ${t} (scope_cinema_id)`,
  ]),
  `CREATE INDEX idx_reservation_seats_session_seat ON reservation_seats (session_id, seat_id)`,
  `INSERT INTO sync_tables (name, push_order, shared, insert_once) VALUES
   ${Object.entries(TABLES).map(([t, { order }]) => `('${t}', ${order}, false, false)`).join(',\n   ')}`,
  `INSERT INTO sync_references (tbl, col, parent) VALUES
   ${REFERENCES.map(([t, c, p]) => `('${t}', '${c}', '${p}')`).join(',\n   ')}`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  const names = Object.keys(TABLES);
  await sql.raw(`DELETE FROM sync_references WHERE tbl IN (${names.map((n) => `'${n}'`).join(', ')})`).execute(db);
  await sql.raw(`DELETE FROM sync_tables WHERE name IN (${names.map((n) => `'${n}'`).join(', ')})`).execute(db);
  for (const t of [...names].reverse()) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
  for (const c of ['id_check_ratings', 'blind_cash_up', 'reservation_release_minutes']) await sql.raw(`ALTER TABLE cinemas DROP COLUMN IF EXISTS ${c}`).execute(db);
}
