import type { ExchangeResult } from '../../../shared/contract/refunds';
import type { PaymentMethod, TicketType } from '../../../shared/enums';
import type { SignedInContext } from '../context';
import { DomainError, inWords } from '../errors';
import { readerLanguage } from '../reader-language';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { assertOnSale, loadSession } from '../booking/session-for-sale';
import { seatStates } from '../booking/seat-states';
import { refuseUnavailable } from '../booking/hold-seats';
import { loadPriceFactors, ticketPrice } from '../pricing/ticket-price';
import { settlePayments, type MoneyPayment } from '../payments/settle-payments';
import { encodeTicketQr } from '../tickets/ticket-qr';
import { businessDayRuleOf } from '../catalog/require-cinema';
import { settleAccrual } from '../loyalty/settle-accrual';
import { approvalFor, requireApproval } from './manager-approval';
import { payBack, refundShift } from './refund-sources';
import { admittedWords, refundableOrder, startedWords } from './plan-refund';
import { loadStandingOrder, repriceStanding, writeStanding } from './standing-order';
import { issueCorrectionSlip } from '../receipts/issue-receipt';
import { spreadOverRates } from '../receipts/correction-vat';
import { seatWords } from '../../../shared/seat-map';

export interface ExchangeInput {
  ticketId: string;
  sessionId: string;
  seatId: string;
  ticketType?: TicketType;
  payments: MoneyPayment[];
  managerPin?: string;
  cardApprovalCode?: string;
}

/**
 * Rule 8: moves a ticket to another seat or session in ONE transaction. The new seat must be free
 * or held by this terminal; its price follows rule 3 and the order's promocode is re-applied to
 * the lines that stand with it under the code's own rules (percent, fixed share, film list, scope,
 * minimum — dropped where it no longer applies); what the order costs more than was paid is paid
 * now, what it costs less is paid back to the original payments, and the accrual follows the
 * money (a top-up earns points). The old ticket becomes EXCHANGED and its code is revoked; the new
 * ticket gets a new signed code; the order stays. After the old session started, or once the
 * ticket was let in at the door, only with a manager.
 */
export async function exchangeTicket(ctx: SignedInContext, input: ExchangeInput): Promise<ExchangeResult> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const approval = await approvalFor(ctx, input.managerPin);

  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    const old = await trx
      .selectFrom('tickets as t')
      .innerJoin('sessions as s', 's.id', 't.session_id')
      .innerJoin('films as f', 'f.id', 's.film_id')
      .innerJoin('seats as st', 'st.id', 't.seat_id')
      .leftJoin('users as u', 'u.id', 't.scanned_by')
      .select(['t.id', 't.order_id', 't.status', 't.price', 't.discount', 't.ticket_type', 't.session_id', 't.seat_id', 't.scanned_at', 'u.display_name as scanned_by', 's.starts_at', 'f.title', 'st.row_label', 'st.number'])
      .where('t.id', '=', input.ticketId)
      .executeTakeFirst();
    if (!old) throw new DomainError('NOT_FOUND', { key: 'refusals:refunds.noSuchTicketReload' });
    const order = await refundableOrder(trx, old.order_id, cinema.id);
    if (old.status !== 'SOLD') throw new DomainError('CONFLICT', { key: 'refusals:refunds.orderAlreadyExchanged', values: { seat: seatWords(old.row_label, old.number), orderNumber: order.number, status: { key: `refusals:refunds.ticketStatus.${old.status}` } } });
    if (old.session_id === input.sessionId && old.seat_id === input.seatId) throw new DomainError('VALIDATION', { key: 'refusals:refunds.sameSeatSameSession' });

    const started = Date.parse(old.starts_at) <= now.getTime();
    const admitted = admittedWords({ row: old.row_label, number: old.number, scannedAt: old.scanned_at, scannedBy: old.scanned_by }, cinema.timezone);
    const why = [...(started ? [startedWords(old.title, old.starts_at, cinema.timezone)] : []), ...(admitted ? [admitted] : [])];
    const overrideUserId = requireApproval(approval, why.map((w) => inWords(w, readerLanguage(ctx))));

    const session = await loadSession(trx, cinema, input.sessionId);
    assertOnSale(session, cinema, now);
    const states = await seatStates(trx, { sessionId: session.id, hallId: session.hall_id, terminalId: ctx.terminal.id, now });
    const [seat] = refuseUnavailable(states, [input.seatId], session.hall_name, cinema.timezone);

    const ticketType = input.ticketType ?? old.ticket_type;
    const price = ticketPrice(session.base_price, seat!.kind, ticketType, await loadPriceFactors(trx, cinema.id));
    const newTicketId = newId();
    const standing = await loadStandingOrder(trx, order.id);
    const after = repriceStanding({
      tickets: [...standing.tickets.filter((t) => t.id !== old.id).map((t) => ({ key: t.id, price: t.price, filmId: t.filmId })), { key: newTicketId, price, filmId: session.film_id }],
      items: standing.items.map((l) => ({ key: l.id, units: l.quantity - l.refunded, unitPrice: l.unitPrice })),
      terms: standing.terms,
      now,
      day: businessDayRuleOf(cinema),
      currency: cinema.currency,
    });
    const discount = after.discounts.get(newTicketId) ?? 0;
    const difference = after.total - standing.netPaid;

    let change = 0;
    let paidBack: ExchangeResult['paidBack'] = [];
    let taken: { method: PaymentMethod; amount: number }[] = [];
    const paid = input.payments.reduce((s, p) => s + p.amount, 0);
    if (difference > 0) {
      if (paid === 0) throw new DomainError('VALIDATION', { key: 'refusals:refunds.newTicketCostsMore', values: { amount: { minor: difference, currency: cinema.currency } } }, { difference });
      const settled = settlePayments({ toPay: difference, bonusPoints: 0, payments: input.payments, currency: cinema.currency });
      change = settled.change;
      taken = settled.rows.map((p) => ({ method: p.method, amount: p.amount }));
      const shiftId = await refundShift(trx, ctx);
      await trx
        .insertInto('payments')
        .values(settled.rows.map((p) => ({ id: newId(), order_id: order.id, shift_id: shiftId, kind: 'PAYMENT' as const, refunds_payment_id: null, created_at: nowIso, ...p, ...ctx.stamp() })))
        .execute();
    } else {
      if (paid > 0) throw new DomainError('VALIDATION', difference === 0 ? { key: 'refusals:refunds.exchangeCostsSame' } : { key: 'refusals:refunds.exchangeCostsLess', values: { amount: { minor: -difference, currency: cinema.currency } } });
      if (difference < 0) {
        const back = await payBack(trx, ctx, {
          orderId: order.id,
          orderNumber: order.number,
          amount: -difference,
          currency: cinema.currency,
          cardApprovalCode: input.cardApprovalCode,
          reason: 'EXCHANGE',
          why: `exchange in order ${order.number}`,
        });
        paidBack = back.paidBack;
      }
    }

    const qrPayload = encodeTicketQr({ ticketId: newTicketId, sessionId: session.id, seatId: seat!.id, terminalId: ctx.terminal.id, soldAt: now }, ctx.services.signing.privateKeyPem);
    await trx
      .insertInto('tickets')
      .values({
        id: newTicketId,
        session_id: session.id,
        seat_id: seat!.id,
        order_id: order.id,
        ticket_type: ticketType,
        price,
        discount,
        status: 'SOLD',
        qr_payload: qrPayload,
        sold_by: ctx.user.id,
        terminal_id: ctx.terminal.id,
        sold_at: nowIso,
        ...ctx.stamp(),
      })
      .execute();
    const updated = await trx
      .updateTable('tickets')
      .set({ status: 'EXCHANGED', exchanged_to_ticket_id: newTicketId, ...ctx.stamp() })
      .where('id', '=', old.id)
      .where('status', '=', 'SOLD')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', { key: 'refusals:refunds.ticketChangedMeanwhileReload' });
    await trx.insertInto('ticket_revocations').values({ id: newId(), ticket_id: old.id, reason: 'EXCHANGED', revoked_at: nowIso, ...ctx.stamp() }).execute();
    await writeStanding(trx, ctx, { ...standing, tickets: standing.tickets.filter((t) => t.id !== old.id) }, after, new Map());
    const moneyNow = standing.netMoney + (difference > 0 ? difference : -paidBack.filter((p) => p.method !== 'BONUS').reduce((s, p) => s + p.amount, 0));
    await settleAccrual(trx, ctx, { orderId: order.id, customerId: standing.customerId, netMoney: moneyNow, accrualBp: cinema.bonus_accrual_bp, why: `exchange in order ${order.number}` });
    await trx.deleteFrom('seat_holds').where('session_id', '=', session.id).where('seat_id', '=', seat!.id).where('terminal_id', '=', ctx.terminal.id).execute();

    // Rule 16: the exchange's numbered slip (referring to the order's receipt) and its journal entry.
    const fiscal = await issueCorrectionSlip(trx, ctx, {
      kind: 'EXCHANGE',
      orderId: order.id,
      orderNumber: order.number,
      vat: spreadOverRates(difference, [{ rateBp: cinema.ticket_vat_bp, gross: Math.abs(difference) }]),
      payments: [...taken, ...paidBack.map((p) => ({ method: p.method, amount: -p.amount }))],
      details: { from: old.id, to: newTicketId, price, discount },
    });

    await recordAudit(trx, ctx, {
      action: 'ticket.exchange',
      entity: 'ticket',
      entityId: old.id,
      overrideUserId,
      details: {
        order: order.number,
        from: { sessionId: old.session_id, seat: `${old.row_label}${old.number}`, price: old.price, discount: old.discount },
        to: { ticketId: newTicketId, sessionId: session.id, seat: `${seat!.row_label}${seat!.number}`, price, discount, ticketType },
        difference,
        paidBack,
        receipt: fiscal.number,
        refersToReceipt: fiscal.refersToReceipt,
        promocode: standing.terms ? { code: standing.terms.code, dropped: after.dropped !== null } : null,
        sessionStarted: started,
      },
    });

    return {
      orderId: order.id,
      number: order.number,
      oldTicketId: old.id,
      newTicket: { id: newTicketId, sessionId: session.id, seatId: seat!.id, row: seat!.row_label, number: seat!.number, ticketType, price, discount, qrPayload },
      difference,
      change,
      paidBack,
      approvedBy: approval.manager?.displayName ?? null,
      slipNumber: fiscal.number,
    };
  });
}
