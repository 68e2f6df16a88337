import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOneCinemaTwoTerminals, type OneCinemaTwoTerminals } from './testing/central-fixture';
import type { SyncTerminal } from './testing/sync-terminal';
import { systemContext } from '../system-context';
import { newId } from '../ids';
import { contractWeeks } from '../settlements/contract-weeks';
import { ROUNDED_ONCE_REASON, roundingAdjustmentId } from '../settlements/correct-accrued-weeks';

/** Issue 15, item 1: a week an older terminal accrued with the double rounding is corrected where it arrives by sync. */
let cinema: OneCinemaTwoTerminals;
let t1: SyncTerminal, t2: SyncTerminal;

beforeAll(async () => {
  cinema = await startOneCinemaTwoTerminals();
  ({ t1, t2 } = cinema);
}, 120_000);

afterAll(() => cinema?.stop());

describe('settlement weeks arriving by sync', () => {
  it('an accrual written with the old double rounding on T1 is corrected by one adjustment on T2 as it arrives, and the adjustment reaches T1', async () => {
    expect((await t1.db.selectFrom('cinemas').select('ticket_vat_bp').executeTakeFirstOrThrow()).ticket_vat_bp).toBe(700);
    const contract = await t1.db
      .selectFrom('rental_contracts')
      .select(['id', 'start_date', 'end_date'])
      .where('deal_type', '=', 'PERCENTAGE')
      .where('minimum_guarantee', 'is', null)
      .where('status', 'in', ['ACTIVE', 'CLOSED'])
      .executeTakeFirstOrThrow();
    const week = contractWeeks(contract.start_date, contract.end_date)[0]!;
    await t1.db.deleteFrom('payment_history').where('contract_id', '=', contract.id).where('week_number', '=', week.week).execute();
    // As an older terminal accrued it: 166.20 incl. 7 % VAT, net rounded to 155.33, 35 % → 54.37 (it owes 54.36).
    const accrualId = newId();
    await t1.db
      .insertInto('payment_history')
      .values({
        id: accrualId,
        contract_id: contract.id,
        kind: 'ACCRUAL',
        week_number: week.week,
        week_start_date: week.startDate,
        week_end_date: week.endDate,
        percent_bp: 3500,
        gross: 16620,
        discounts: 0,
        net: 15533,
        amount_due: 5437,
        amount_paid: 0,
        ...systemContext(t1.core.services).stamp(),
      })
      .execute();
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    const adjustments = (t: SyncTerminal) =>
      t.db.selectFrom('payment_history').select(['id', 'amount_due', 'reference']).where('contract_id', '=', contract.id).where('kind', '=', 'ADJUSTMENT').execute();
    expect(await adjustments(t2)).toEqual([{ id: roundingAdjustmentId(accrualId), amount_due: -1, reference: ROUNDED_ONCE_REASON }]);
    const audit = await t2.db.selectFrom('audit_log').select('details').where('action', '=', 'settlements.adjust').where('entity_id', '=', contract.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ weeks: [{ week: week.week, accrued: 5437, due: 5436, adjustment: -1 }] });
    // The accrual itself is untouched; the adjustment travels back to T1, once.
    expect(await t2.db.selectFrom('payment_history').select('amount_due').where('id', '=', accrualId).executeTakeFirstOrThrow()).toEqual({ amount_due: 5437 });
    await t2.sync.syncNow();
    await t1.sync.syncNow();
    expect(await adjustments(t1)).toEqual([{ id: roundingAdjustmentId(accrualId), amount_due: -1, reference: ROUNDED_ONCE_REASON }]);
  }, 60_000);
});
