import { sql } from 'kysely';
import { inOneTransaction, type AnyDb } from './one-transaction';

/**
 * Rule 16, the money trail (issue 14):
 * - the cinema's legal name and VAT/tax number for receipts (synced with the cinema row);
 * - `fiscal_receipts`: every receipt and refund/exchange slip, numbered per terminal without gaps
 *   (the number is taken inside the sale's own transaction, so a failed sale leaves no hole);
 * - `z_reports`: a shift's closing, numbered per terminal without gaps, with the running grand totals;
 * - `journal_entries`: the hash chain of every money-moving event, signed (rule 16); its signers'
 *   public keys in `journal_signers`.
 * None of these tables syncs as rows: the journal travels to the centre through its own function,
 * which checks the chain, and carries every receipt's and Z report's content. All four are
 * append-only, and none has a foreign key into a synced table: a pulled change there can never
 * be blocked by (or take away) a piece of the money trail.
 */

const INSTANT = `GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const HASH = `GLOB '${'[0-9a-f]'.repeat(64)}'`;

const appendOnly = (table: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN
  SELECT RAISE(ABORT, '${table} is append-only');
END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN
  SELECT RAISE(ABORT, '${table} is append-only');
END`,
];

const STATEMENTS = [
  `ALTER TABLE cinemas ADD COLUMN legal_name TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE cinemas ADD COLUMN tax_number TEXT NOT NULL DEFAULT ''`,

  `CREATE TABLE fiscal_receipts (
  id TEXT PRIMARY KEY NOT NULL,
  terminal_id TEXT NOT NULL CHECK (length(terminal_id) > 0),
  number INTEGER NOT NULL CHECK (number > 0),
  kind TEXT NOT NULL CHECK (kind IN ('SALE', 'REFUND', 'EXCHANGE', 'VOUCHER_SALE')),
  order_id TEXT,
  refers_to_id TEXT REFERENCES fiscal_receipts (id),
  shift_id TEXT NOT NULL CHECK (length(shift_id) > 0),
  issued_at TEXT NOT NULL CHECK (issued_at ${INSTANT}),
  amount INTEGER NOT NULL,
  vat TEXT NOT NULL CHECK (json_valid(vat) AND json_type(vat) = 'array'),
  payments TEXT NOT NULL CHECK (json_valid(payments) AND json_type(payments) = 'array'),
  journal_counter INTEGER NOT NULL CHECK (journal_counter > 0),
  CHECK (kind = 'SALE' OR kind = 'VOUCHER_SALE' OR refers_to_id IS NOT NULL OR order_id IS NOT NULL)
) STRICT`,
  `CREATE UNIQUE INDEX uq_fiscal_receipts_terminal_number ON fiscal_receipts (terminal_id, number)`,
  `CREATE INDEX idx_fiscal_receipts_order_id ON fiscal_receipts (order_id)`,
  `CREATE INDEX idx_fiscal_receipts_refers_to_id ON fiscal_receipts (refers_to_id)`,
  `CREATE INDEX idx_fiscal_receipts_shift_id ON fiscal_receipts (shift_id)`,
  ...appendOnly('fiscal_receipts'),

  `CREATE TABLE z_reports (
  id TEXT PRIMARY KEY NOT NULL,
  terminal_id TEXT NOT NULL CHECK (length(terminal_id) > 0),
  number INTEGER NOT NULL CHECK (number > 0),
  shift_id TEXT NOT NULL UNIQUE CHECK (length(shift_id) > 0),
  closed_at TEXT NOT NULL CHECK (closed_at ${INSTANT}),
  receipts INTEGER NOT NULL CHECK (receipts >= 0),
  first_receipt INTEGER,
  last_receipt INTEGER,
  grand_total INTEGER NOT NULL CHECK (grand_total >= 0),
  grand_total_refunds INTEGER NOT NULL CHECK (grand_total_refunds >= 0),
  figures TEXT NOT NULL CHECK (json_valid(figures) AND json_type(figures) = 'object'),
  journal_counter INTEGER NOT NULL CHECK (journal_counter > 0),
  CHECK ((receipts = 0) = (first_receipt IS NULL) AND (first_receipt IS NULL) = (last_receipt IS NULL))
) STRICT`,
  `CREATE UNIQUE INDEX uq_z_reports_terminal_number ON z_reports (terminal_id, number)`,
  ...appendOnly('z_reports'),

  `CREATE TABLE journal_signers (
  id TEXT PRIMARY KEY NOT NULL,
  algorithm TEXT NOT NULL CHECK (length(algorithm) > 0),
  public_key TEXT NOT NULL CHECK (length(public_key) > 0),
  first_used_at TEXT NOT NULL CHECK (first_used_at ${INSTANT})
) STRICT`,
  ...appendOnly('journal_signers'),

  `CREATE TABLE journal_entries (
  terminal_id TEXT NOT NULL CHECK (length(terminal_id) > 0),
  counter INTEGER NOT NULL CHECK (counter > 0),
  kind TEXT NOT NULL CHECK (length(kind) > 0),
  at TEXT NOT NULL CHECK (at ${INSTANT}),
  content TEXT NOT NULL CHECK (json_valid(content)),
  prev_hash TEXT NOT NULL CHECK (prev_hash ${HASH}),
  hash TEXT NOT NULL CHECK (hash ${HASH}),
  signer_id TEXT NOT NULL REFERENCES journal_signers (id),
  signature TEXT NOT NULL CHECK (length(signature) > 0),
  PRIMARY KEY (terminal_id, counter)
) STRICT`,
  `CREATE INDEX idx_journal_entries_signer_id ON journal_entries (signer_id)`,
  `CREATE INDEX idx_journal_entries_at ON journal_entries (at)`,
  ...appendOnly('journal_entries'),
];

export async function up(db: AnyDb): Promise<void> {
  await inOneTransaction(db, STATEMENTS);
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['journal_entries', 'journal_signers', 'z_reports', 'fiscal_receipts']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
  await sql`ALTER TABLE cinemas DROP COLUMN tax_number`.execute(db);
  await sql`ALTER TABLE cinemas DROP COLUMN legal_name`.execute(db);
}
