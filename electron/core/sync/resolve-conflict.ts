import type { Transaction } from 'kysely';
import type { RequestContext, SignedInContext } from '../context';
import type { DB, NewRow, TicketRow } from '../db/tables';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { readMeta, writeMeta } from '../terminal/identity';
import { encodeTicketQr } from '../tickets/ticket-qr';
import { CONFLICT_KEY_PREFIX } from './pull';
import type { StoredConflict } from './sync-engine';
import { centralHoldsOf } from './central-holds';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { issueCorrectionSlip } from '../receipts/issue-receipt';
import { spreadOverRates } from '../receipts/correction-vat';
import { payBack, refundSources } from '../refunds/refund-sources';
import { statusAfterRefund } from '../refunds/refund-order';
import { settleAccrual } from '../loyalty/settle-accrual';
import { seatWords } from '../../../shared/seat-map';
import { balanceOf } from '../vouchers/voucher-balance';

export type ConflictAction = 'RESEAT' | 'REFUND' | 'ACKNOWLEDGE';
/** Decisions waiting to be reported to the central database (sent with the next sync). */
export const RESOLUTION_KEY_PREFIX = 'sync_resolution:';

/**
 * A manager's decision on a conflict. For a seat sold twice offline, the second customer is
 * re-seated (a new ticket on a free seat, to reprint; the clashing ticket becomes EXCHANGED and
 * its code revoked) or refunded (ticket REFUNDED, code revoked, money back as any refund pays it:
 * refundConflictTicket). The fix travels to every terminal as ordinary synced rows; bonus and promocode
 * conflicts are acknowledged after the manager has dealt with them. An overdrawn gift voucher
 * (rule 17) is acknowledged the same way, and the overdraft is written off: an ADJUSTMENT movement
 * of this cinema brings the voucher back to 0, so it pays nothing more and reports owe nothing on it.
 */
export async function resolveConflict(
  ctx: SignedInContext,
  input: { conflictId: string; action: ConflictAction; seatId?: string; cardApprovalCode?: string },
): Promise<{ newTicketId: string | null }> {
  const raw = await readMeta(ctx.db, CONFLICT_KEY_PREFIX + input.conflictId);
  if (!raw) throw new DomainError('NOT_FOUND', { key: 'refusals:sync.noSuchSyncConflict' });
  const conflict = JSON.parse(raw) as StoredConflict;
  if (conflict.resolved_at) throw new DomainError('CONFLICT', { key: 'refusals:sync.conflictAlreadyBeenResolved' });
  if (conflict.kind !== 'DOUBLE_SALE') {
    if (input.action !== 'ACKNOWLEDGE') throw new DomainError('VALIDATION', { key: 'refusals:sync.bonusVoucherPromocodeConflict' });
    await ctx.db.transaction().execute(async (trx) => {
      const writtenOff = conflict.kind === 'VOUCHER_OVERDRAWN' ? await writeOffOverdraft(trx, ctx, conflict.subject_id, conflict.id) : 0;
      await markResolved(trx, ctx, conflict, 'ACKNOWLEDGED');
      await recordAudit(trx, ctx, { action: 'sync.conflict.acknowledge', entity: 'sync_conflict', entityId: conflict.id, details: { kind: conflict.kind, writtenOff } });
    });
    return { newTicketId: null };
  }
  if (input.action === 'ACKNOWLEDGE') throw new DomainError('VALIDATION', { key: 'refusals:sync.seatSoldTwiceSettled' });
  const ticket = conflict.details.ticket as TicketRow;
  const order = await ctx.db.selectFrom('orders').select(['id', 'number']).where('id', '=', ticket.order_id).executeTakeFirst();
  if (!order) throw new DomainError('CONFLICT', { key: 'refusals:sync.orderTicketNotReached' });
  // Issue 11: two re-seats on two terminals must not take the same seat — the seat is held at the
  // central database first (refused as SEAT_TAKEN when another terminal holds or sold it).
  if (input.action === 'RESEAT' && input.seatId) {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    await centralHoldsOf(ctx.services).confirm(ticket.session_id, [input.seatId], cinema.hold_minutes * 60);
  }
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (trx) => {
    let newTicketId: string | null = null;
    const existing = await trx.selectFrom('tickets').select(['id', 'status']).where('id', '=', ticket.id).executeTakeFirst();
    const revoke = async (reason: 'CONFLICT') => {
      const already = await trx.selectFrom('ticket_revocations').select('id').where('ticket_id', '=', ticket.id).executeTakeFirst();
      if (!already) await trx.insertInto('ticket_revocations').values({ id: newId(), ticket_id: ticket.id, reason, revoked_at: now.toISOString(), ...ctx.stamp() }).execute();
    };
    const writeOld = async (changes: Partial<NewRow<'tickets'>>) => {
      if (existing) await trx.updateTable('tickets').set({ ...changes, ...ctx.stamp() }).where('id', '=', ticket.id).execute();
      else await trx.insertInto('tickets').values({ ...ticket, ...changes, ...ctx.stamp() }).execute();
    };

    if (input.action === 'RESEAT') {
      if (!input.seatId) throw new DomainError('VALIDATION', { key: 'refusals:sync.chooseFreeSeatMove' });
      const seat = await trx
        .selectFrom('seats as st')
        .innerJoin('sessions as s', 's.hall_id', 'st.hall_id')
        .select(['st.id', 'st.row_label', 'st.number', 'st.active'])
        .where('st.id', '=', input.seatId)
        .where('s.id', '=', ticket.session_id)
        .executeTakeFirst();
      if (!seat || !seat.active) throw new DomainError('VALIDATION', { key: 'refusals:sync.seatNotActiveSeat' });
      const taken = await trx.selectFrom('tickets').select('id').where('session_id', '=', ticket.session_id).where('seat_id', '=', seat.id).where('status', '=', 'SOLD').executeTakeFirst();
      if (taken) throw new DomainError('SEAT_TAKEN', { key: 'refusals:sync.alreadySoldChooseAnother', values: { seat: seatWords(seat.row_label, seat.number) } });
      newTicketId = newId();
      await trx
        .insertInto('tickets')
        .values({
          ...ticket,
          id: newTicketId,
          seat_id: seat.id,
          status: 'SOLD',
          scanned_at: null,
          scanned_by: null,
          scanned_terminal_id: null,
          exchanged_to_ticket_id: null,
          qr_payload: encodeTicketQr({ ticketId: newTicketId, sessionId: ticket.session_id, seatId: seat.id, terminalId: ctx.terminal.id, soldAt: now }, ctx.services.signing.privateKeyPem),
          ...ctx.stamp(),
        })
        .execute();
      // The clashing ticket steps aside (never deleted): EXCHANGED, pointing at the new one.
      await writeOld({ status: 'EXCHANGED', exchanged_to_ticket_id: newTicketId });
      await revoke('CONFLICT');
    } else {
      // Refunded at the counter already (e.g. before the conflict arrived): no second payout.
      const refundedBefore = existing?.status === 'REFUNDED';
      await writeOld({ status: 'REFUNDED' });
      await revoke('CONFLICT');
      await refundConflictTicket(trx, ctx, { ticket, order, conflictId: conflict.id, amount: refundedBefore ? 0 : ticket.price - ticket.discount, cardApprovalCode: input.cardApprovalCode });
    }
    await markResolved(trx, ctx, conflict, input.action === 'RESEAT' ? 'RESEATED' : 'REFUNDED');
    await recordAudit(trx, ctx, {
      action: `sync.conflict.${input.action.toLowerCase()}`,
      entity: 'ticket',
      entityId: ticket.id,
      details: { conflictId: conflict.id, orderNumber: order.number, newTicketId, seatId: input.seatId ?? null },
    });
    return { newTicketId };
  });
}

/**
 * Rule 8 for the ticket that lost its seat: its price goes back the way a counter refund pays
 * (payBack: shared in proportion over what the order's payments have left, through this terminal's
 * open shift — refused without one — card with the approval code, points to the account), reason
 * TECHNICAL_PROBLEM (the offline double sale was the system's doing, not the customer's); the
 * accrual follows the money (rule 6), the order is REFUNDED once nothing of it stands, and the
 * slip (rule 16) lists what was actually paid back. VAT: the ticket rate, as before.
 */
async function refundConflictTicket(
  trx: Transaction<DB>,
  ctx: SignedInContext,
  args: { ticket: TicketRow; order: { id: string; number: string }; conflictId: string; amount: number; cardApprovalCode: string | undefined },
): Promise<void> {
  const cinema = await requireTerminalCinema(trx, ctx);
  const why = `seat sold twice, ticket of order ${args.order.number} refunded`;
  const { paidBack } = await payBack(trx, ctx, {
    orderId: args.order.id,
    orderNumber: args.order.number,
    amount: args.amount,
    currency: cinema.currency,
    cardApprovalCode: args.cardApprovalCode,
    reason: 'TECHNICAL_PROBLEM',
    why,
  });
  const { customer_id } = await trx.selectFrom('orders').select('customer_id').where('id', '=', args.order.id).executeTakeFirstOrThrow();
  // Net money paid after this refund: what the order's money (not points) payments have left.
  const netMoney = (await refundSources(trx, args.order.id)).filter((s) => s.method !== 'BONUS').reduce((sum, s) => sum + s.remaining, 0);
  await settleAccrual(trx, ctx, { orderId: args.order.id, customerId: customer_id, netMoney, accrualBp: cinema.bonus_accrual_bp, why });
  const status = await statusAfterRefund(trx, args.order.id);
  await trx.updateTable('orders').set({ status, ...ctx.stamp() }).where('id', '=', args.order.id).where('status', '<>', status).execute();
  if (paidBack.length > 0) {
    await issueCorrectionSlip(trx, ctx, {
      kind: 'REFUND',
      orderId: args.order.id,
      orderNumber: args.order.number,
      vat: spreadOverRates(-args.amount, [{ rateBp: cinema.ticket_vat_bp, gross: args.amount }]),
      payments: paidBack.map((p) => ({ method: p.method, amount: -p.amount })),
      details: { conflict: args.conflictId, tickets: [args.ticket.id] },
    });
  }
}

/** Rule 17: an overdrawn voucher back to 0 by an ADJUSTMENT of this cinema (nothing when it is no longer below 0). */
async function writeOffOverdraft(trx: Transaction<DB>, ctx: SignedInContext, voucherId: string, conflictId: string): Promise<number> {
  const cinema = await requireTerminalCinema(trx, ctx);
  const voucher = await trx.selectFrom('gift_vouchers').select('id').where('id', '=', voucherId).executeTakeFirst();
  if (!voucher) return 0;
  const balance = await balanceOf(trx, voucherId, cinema.id);
  if (balance >= 0) return 0;
  const at = ctx.clock.now().toISOString();
  await trx
    .insertInto('gift_voucher_movements')
    .values({ id: newId(), voucher_id: voucherId, cinema_id: cinema.id, kind: 'ADJUSTMENT', amount: -balance, order_id: null, payment_id: null, terminal_id: ctx.terminal.id, at, note: `Overdraft written off (conflict ${conflictId})`, created_at: at, ...ctx.stamp() })
    .execute();
  return -balance;
}

async function markResolved(trx: Parameters<typeof writeMeta>[0], ctx: RequestContext, conflict: StoredConflict, resolution: string): Promise<void> {
  const resolved: StoredConflict = { ...conflict, resolved_at: ctx.clock.now().toISOString(), resolution, resolved_terminal_id: ctx.terminal.id };
  await writeMeta(trx, CONFLICT_KEY_PREFIX + conflict.id, JSON.stringify(resolved));
  await writeMeta(trx, RESOLUTION_KEY_PREFIX + conflict.id, resolution);
}
