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
export async function up(db: AnyDb): Promise<void> {
  await inOneTransaction(db, [
    `ALTER TABLE payments ADD COLUMN refund_reason TEXT CHECK (refund_reason IS NULL OR (kind = 'REFUND' AND length(refund_reason) BETWEEN 1 AND 40))`,
    `ALTER TABLE order_concession_lines ADD COLUMN wasted_quantity INTEGER NOT NULL DEFAULT 0 CHECK (wasted_quantity >= 0 AND wasted_quantity <= refunded_quantity)`,
  ]);
}

export async function down(db: AnyDb): Promise<void> {
  await inOneTransaction(db, ['ALTER TABLE order_concession_lines DROP COLUMN wasted_quantity', 'ALTER TABLE payments DROP COLUMN refund_reason']);
}
