import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ShiftRow } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { preparedQuery } from '../db/prepared-query';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { appendJournal } from '../journal/append-journal';
import { issueZReport } from './z-report';

type Db = Kysely<DB> | Transaction<DB>;

/** This terminal's open shift (whoever opened it), with the cashier's name. */
export async function openShiftOf(db: Db, terminalId: string): Promise<(ShiftRow & { cashier_name: string }) | undefined> {
  return openShiftOfTerminal.first(db, { terminalId });
}

const openShiftOfTerminal = preparedQuery((db, p: { terminalId: string }) =>
  db
    .selectFrom('shifts as s')
    .innerJoin('users as u', 'u.id', 's.cashier_id')
    .selectAll('s')
    .select('u.display_name as cashier_name')
    .where('s.terminal_id', '=', p.terminalId)
    // A literal, so SQLite can use the partial unique index (terminal_id) WHERE status = 'OPEN'
    // instead of walking every shift the terminal ever had (a year is 700+; every sale asks).
    .where('s.status', '=', sql.lit('OPEN')),
);

/** Rule 14: the caller's open shift on this terminal, or a refusal that says what to do. */
export async function requireMyOpenShift(db: Db, ctx: SignedInContext): Promise<ShiftRow> {
  const shift = await openShiftOf(db, ctx.terminal.id);
  if (!shift) throw new DomainError('CONFLICT', { key: 'refusals:shifts.openShiftFirstSales' });
  if (shift.cashier_id !== ctx.user.id) {
    throw new DomainError('CONFLICT', { key: 'refusals:shifts.shiftOpenTerminalClose', values: { shiftCashierName: shift.cashier_name } });
  }
  return shift;
}

export async function openShift(trx: Transaction<DB>, ctx: SignedInContext, openingFloat: number): Promise<string> {
  const cinemaId = ctx.terminal.cinemaId;
  if (!cinemaId) throw new DomainError('NOT_FOUND', { key: 'refusals:shifts.terminalNotSetUp' });
  const open = await openShiftOf(trx, ctx.terminal.id);
  if (open) {
    throw new DomainError(
      'CONFLICT',
      open.cashier_id === ctx.user.id ? { key: 'refusals:shifts.ownShiftOpen' } : { key: 'refusals:shifts.otherShiftOpen', values: { name: open.cashier_name } },
    );
  }
  const id = newId();
  await trx
    .insertInto('shifts')
    .values({ id, cinema_id: cinemaId, terminal_id: ctx.terminal.id, cashier_id: ctx.user.id, opened_at: ctx.clock.now().toISOString(), opening_float: openingFloat, ...ctx.stamp() })
    .execute();
  await recordAudit(trx, ctx, { action: 'shift.open', entity: 'shift', entityId: id, details: { openingFloat } });
  await appendJournal(trx, ctx, 'SHIFT_OPEN', { shift: id, cashier: ctx.user.id, openingFloat });
  return id;
}

/**
 * Closes the caller's shift with the counted cash; expected = float + cash in − cash out, difference
 * recorded; journalled, and its numbered Z report issued in the same transaction (rule 16).
 */
export async function closeShift(trx: Transaction<DB>, ctx: SignedInContext, countedCash: number, expectedCash: number, shiftId: string): Promise<void> {
  const difference = countedCash - expectedCash;
  await trx
    .updateTable('shifts')
    .set({ status: 'CLOSED', closed_at: ctx.clock.now().toISOString(), counted_cash: countedCash, expected_cash: expectedCash, difference, ...ctx.stamp() })
    .where('id', '=', shiftId)
    .where('status', '=', 'OPEN')
    .execute();
  await recordAudit(trx, ctx, { action: 'shift.close', entity: 'shift', entityId: shiftId, details: { countedCash, expectedCash, difference } });
  await appendJournal(trx, ctx, 'SHIFT_CLOSE', { shift: shiftId, cashier: ctx.user.id, countedCash, expectedCash, difference });
  await issueZReport(trx, ctx, { id: shiftId, terminal_id: ctx.terminal.id }, { countedCash, expectedCash, difference });
}
