import { sql } from 'kysely';
import { inOneTransaction, type AnyDb } from './one-transaction';

/**
 * Issue 15 item 1: a settled week is corrected by an ADJUSTMENT row in payment_history (what the
 * week owes more, or less: a negative amount_due), never by rewriting its accrual. SQLite cannot
 * change a CHECK in place, so the table is rebuilt (create, copy, drop, rename) and its indexes and
 * triggers — the outbox's, and any later migration's — are put back exactly as they were.
 */

const DATE = `GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`;
const INSTANT = `GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;

function paymentHistory(name: string, withAdjustments: boolean): string {
  const kinds = withAdjustments ? `'ACCRUAL', 'PAYMENT', 'ADJUSTMENT'` : `'ACCRUAL', 'PAYMENT'`;
  return `CREATE TABLE ${name} (
  id TEXT PRIMARY KEY NOT NULL,
  contract_id TEXT NOT NULL REFERENCES rental_contracts (id),
  kind TEXT NOT NULL CHECK (kind IN (${kinds})),
  week_number INTEGER CHECK (week_number >= 1),
  week_start_date TEXT CHECK (week_start_date ${DATE}),
  week_end_date TEXT CHECK (week_end_date ${DATE}),
  percent_bp INTEGER CHECK (percent_bp > 0 AND percent_bp <= 10000),
  gross INTEGER CHECK (gross >= 0),
  discounts INTEGER CHECK (discounts >= 0),
  net INTEGER CHECK (net >= 0),
  amount_due INTEGER NOT NULL DEFAULT 0 CHECK (amount_due >= 0${withAdjustments ? ` OR kind = 'ADJUSTMENT'` : ''}),
  amount_paid INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  paid_at TEXT CHECK (paid_at ${INSTANT}),
  method TEXT,
  reference TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at ${INSTANT}),
  updated_at TEXT NOT NULL CHECK (length(updated_at) > 0),
  origin TEXT NOT NULL CHECK (length(origin) > 0),
  CHECK (week_end_date >= week_start_date),
  CHECK (kind <> 'ACCRUAL' OR (week_number IS NOT NULL AND week_start_date IS NOT NULL AND week_end_date IS NOT NULL
      AND gross IS NOT NULL AND discounts IS NOT NULL AND net IS NOT NULL AND amount_paid = 0)),
  CHECK (kind <> 'PAYMENT' OR (amount_paid > 0 AND amount_due = 0 AND paid_at IS NOT NULL))${
    withAdjustments
      ? `,
  -- A correction of one week's due, with its reason; never money paid.
  CHECK (kind <> 'ADJUSTMENT' OR (week_number IS NOT NULL AND week_start_date IS NOT NULL AND week_end_date IS NOT NULL
      AND amount_due <> 0 AND amount_paid = 0 AND length(trim(reference)) > 0))`
      : ''
  }
) STRICT`;
}

const COLUMNS =
  'id, contract_id, kind, week_number, week_start_date, week_end_date, percent_bp, gross, discounts, net, amount_due, amount_paid, paid_at, method, reference, created_at, updated_at, origin';

async function rebuild(db: AnyDb, withAdjustments: boolean): Promise<void> {
  const dependants = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE tbl_name = 'payment_history' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  await inOneTransaction(db, [
    paymentHistory('payment_history_rebuilt', withAdjustments),
    // Copying fires no trigger (the new table has none yet): nothing lands in the outbox.
    `INSERT INTO payment_history_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM payment_history${withAdjustments ? '' : ` WHERE kind <> 'ADJUSTMENT'`}`,
    'DROP TABLE payment_history',
    'ALTER TABLE payment_history_rebuilt RENAME TO payment_history',
    ...dependants.rows.map((r) => r.sql),
  ]);
}

export async function up(db: AnyDb): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: AnyDb): Promise<void> {
  await rebuild(db, false);
}
