import { inOneTransaction, type AnyDb } from './one-transaction';

/**
 * Issue 20 / issue 13 item 9:
 * - `payments.refund_reason`: why money went back (a REFUND row; the reason list is in
 *   shared/enums.ts), so reports can show refunds by reason.
 * - `order_concession_lines.wasted_quantity`: of the refunded units, those that did not go back
 *   to stock (handed over, opened, spoilt) — the waste the reports show.
 * Both are local columns of synced tables: the central database keeps them once its schema has
 * them (its push takes the columns it knows and ignores the rest).
 */
const REASONS = ['CUSTOMER_CHANGED_MIND', 'WRONG_SALE', 'SESSION_CANCELLED', 'TECHNICAL_PROBLEM', 'COMPLAINT', 'OTHER', 'EXCHANGE'];

export async function up(db: AnyDb): Promise<void> {
  await inOneTransaction(db, [
    // NULL for payments; the list is copied, on purpose, from shared/enums.ts as of this migration.
    `ALTER TABLE payments ADD COLUMN refund_reason TEXT CHECK (refund_reason IN (${REASONS.map((r) => `'${r}'`).join(', ')}))`,
    `ALTER TABLE order_concession_lines ADD COLUMN wasted_quantity INTEGER NOT NULL DEFAULT 0 CHECK (wasted_quantity >= 0 AND wasted_quantity <= refunded_quantity)`,
  ]);
}

export async function down(db: AnyDb): Promise<void> {
  await inOneTransaction(db, ['ALTER TABLE order_concession_lines DROP COLUMN wasted_quantity', 'ALTER TABLE payments DROP COLUMN refund_reason']);
}
