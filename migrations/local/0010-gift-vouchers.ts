import { sql } from 'kysely';
import { inOneTransaction, type AnyDb } from './one-transaction';

/**
 * Rule 17, gift vouchers (issue 14 item 6):
 * - `gift_vouchers`: a voucher sold at the counter — the scrypt lookup key of its code (`code_hash`;
 *   the code, a bearer secret, is printed once on the slip and stored nowhere) and its last 4
 *   characters (`code_last4`, all that journals and reports show), the amount it was sold for and the cinema that sold it. Synced as a row of the CHAIN (no cinema scope, like
 *   the film catalogue) and written once: every cinema of the chain can look its code up, none can
 *   change it. `cinema_id` has no foreign key: another cinema's row is never pulled here.
 * - `gift_voucher_movements`: what moved its balance, signed — the SALE (+amount), a REDEMPTION
 *   (−, a VOUCHER payment of an order), a REFUND (+, the voucher share of a refund paid back to it)
 *   and an ADJUSTMENT (a manager's write-off of an overdraft). A movement is a row of the cinema
 *   that made it, written once; its order and payment are that cinema's.
 * - `gift_voucher_balances`: what the centre last said each cinema's movements add up to, per voucher
 *   (`by_cinema`, a JSON object cinema id → sum). Written by the centre only, pulled, never pushed
 *   (no outbox triggers). A terminal knows a voucher's balance as the other cinemas' sums from here
 *   plus its own cinema's movements, which it has row by row.
 * - `payments.method` admits VOUCHER. SQLite cannot change a CHECK in place, so the table is rebuilt
 *   as 0009 rebuilt payment_history (create, copy, drop, rename) from its own definition with only the
 *   method list changed, and its indexes and triggers (outbox, report sums) are put back as they were;
 *   every row is kept.
 */

const D = '[0-9]';
const INSTANT = `GLOB '${D}${D}${D}${D}-[01]${D}-[0-3]${D}T[0-2]${D}:[0-5]${D}:[0-5]${D}.${D}${D}${D}Z'`;
const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const NOT_APPLYING = '(SELECT applying FROM sync_apply_flag WHERE id = 1) = 0';
const SYNCED = `created_at TEXT NOT NULL DEFAULT ${NOW} CHECK (created_at ${INSTANT}),
  updated_at TEXT NOT NULL CHECK (length(updated_at) > 0),
  origin TEXT NOT NULL CHECK (length(origin) > 0)`;

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

const VOUCHER_TABLES = [
  `CREATE TABLE gift_vouchers (
  id TEXT PRIMARY KEY NOT NULL,
  code_hash TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  code_last4 TEXT NOT NULL CHECK (length(code_last4) = 4),
  cinema_id TEXT NOT NULL CHECK (length(cinema_id) > 0),
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  sold_at TEXT NOT NULL CHECK (sold_at ${INSTANT}),
  ${SYNCED}
) STRICT`,
  `CREATE TABLE gift_voucher_movements (
  id TEXT PRIMARY KEY NOT NULL,
  voucher_id TEXT NOT NULL REFERENCES gift_vouchers (id),
  cinema_id TEXT NOT NULL REFERENCES cinemas (id),
  kind TEXT NOT NULL CHECK (kind IN ('SALE', 'REDEMPTION', 'REFUND', 'ADJUSTMENT')),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  order_id TEXT REFERENCES orders (id),
  payment_id TEXT REFERENCES payments (id),
  terminal_id TEXT NOT NULL CHECK (length(terminal_id) > 0),
  at TEXT NOT NULL CHECK (at ${INSTANT}),
  note TEXT,
  ${SYNCED},
  CHECK (kind <> 'SALE' OR (amount > 0 AND order_id IS NOT NULL)),
  CHECK (kind <> 'REDEMPTION' OR (amount < 0 AND payment_id IS NOT NULL)),
  CHECK (kind <> 'REFUND' OR (amount > 0 AND payment_id IS NOT NULL))
) STRICT`,
  `CREATE INDEX idx_gift_voucher_movements_voucher_id ON gift_voucher_movements (voucher_id)`,
  `CREATE INDEX idx_gift_voucher_movements_order_id ON gift_voucher_movements (order_id)`,
  `CREATE INDEX idx_gift_voucher_movements_payment_id ON gift_voucher_movements (payment_id)`,
  `CREATE INDEX idx_gift_voucher_movements_cinema_at ON gift_voucher_movements (cinema_id, at)`,
  ...outbox('gift_vouchers'),
  ...outbox('gift_voucher_movements'),
  `CREATE TABLE gift_voucher_balances (
  id TEXT PRIMARY KEY NOT NULL,
  balance INTEGER NOT NULL,
  by_cinema TEXT NOT NULL CHECK (json_valid(by_cinema) AND json_type(by_cinema) = 'object'),
  updated_at TEXT NOT NULL CHECK (length(updated_at) > 0),
  origin TEXT NOT NULL CHECK (length(origin) > 0)
) STRICT`,
];

const OLD_METHODS = `CHECK (method IN ('CASH', 'CARD', 'BONUS'))`;
const NEW_METHODS = `CHECK (method IN ('CASH', 'CARD', 'BONUS', 'VOUCHER'))`;

/** payments rebuilt from its own CREATE statement, the method list swapped (`from` → `to`). */
async function rebuildPayments(db: AnyDb, from: string, to: string, before: string[], after: string[]): Promise<void> {
  const found = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'payments'`.execute(db);
  const create = found.rows[0]?.sql ?? '';
  // A renamed table's statement names it in quotes ("payments"): both spellings are its own.
  const swaps: [RegExp, string][] = [
    [/^CREATE TABLE "?payments"? \(/, 'CREATE TABLE payments_rebuilt ('],
    [new RegExp(from.replace(/[()]/g, '\\$&')), to],
  ];
  let rebuilt = create;
  for (const [a, b] of swaps) {
    if (!a.test(rebuilt)) throw new Error(`payments is not as migration 0010 expects it (no ${String(a)})`);
    rebuilt = rebuilt.replace(a, b);
  }
  const dependants = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE tbl_name = 'payments' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info('payments') ORDER BY cid`.execute(db);
  const list = columns.rows.map((c) => c.name).join(', ');
  // SQLite's own recipe for a table change: foreign keys off around it (payments refers to itself,
  // and dropping the old table would refuse while the copy's rows point at it), and the rename
  // done without re-reading the triggers of other tables that name payments (the report sums of
  // shifts), which would otherwise fail on the moment the table is away. The copy is row for row,
  // so every key still points where it did.
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  await sql`PRAGMA legacy_alter_table = ON`.execute(db);
  try {
    await inOneTransaction(db, [
      ...before,
      rebuilt,
      // Copying fires no trigger (the new table has none yet): nothing lands in the outbox.
      `INSERT INTO payments_rebuilt (${list}) SELECT ${list} FROM payments`,
      'DROP TABLE payments',
      'ALTER TABLE payments_rebuilt RENAME TO payments',
      ...dependants.rows.map((r) => r.sql),
      ...after,
    ]);
  } finally {
    await sql`PRAGMA legacy_alter_table = OFF`.execute(db);
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: AnyDb): Promise<void> {
  await rebuildPayments(db, OLD_METHODS, NEW_METHODS, [], VOUCHER_TABLES);
}

export async function down(db: AnyDb): Promise<void> {
  await rebuildPayments(
    db,
    NEW_METHODS,
    OLD_METHODS,
    ['DROP TABLE gift_voucher_balances', 'DROP TABLE gift_voucher_movements', 'DROP TABLE gift_vouchers', `DELETE FROM payments WHERE method = 'VOUCHER'`],
    [],
  );
}
