import type { SaleInput, SaleResult, SoldTicket } from '../../../shared/contract';
import type { SignedInContext } from '../context';
import { requireTerminalCinema, type CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { preparedListQuery, preparedQuery } from '../db/prepared-query';
import type { Row } from '../db/tables';
import { recordAudit } from '../audit/record-audit';
import type { CentralHoldCheck } from '../sync/central-holds';
import { encodeTicketQr } from '../tickets/ticket-qr';
import { issuePickupCode } from '../concessions/pickup-code';
import { requireMyOpenShift } from '../shifts/shifts';
import { settlePayments } from '../payments/settle-payments';
import { nextOrderNumber } from './order-number';
import { prepareOrder, type SaleStep } from './prepare-order';
import { markPickedUp } from '../booking/reservations';
import { issueReceipt } from '../receipts/issue-receipt';
import { vatBreakdown } from '../receipts/vat-breakdown';
import { checkRedemptions, recordRedemptions } from '../vouchers/redeem-vouchers';

// The order row of every sale (db/prepared-query.ts: compiled once).
const insertOrder = preparedQuery((db, p: Row<'orders'>) =>
  db.insertInto('orders').values({
    id: p.id,
    number: p.number,
    cinema_id: p.cinema_id,
    terminal_id: p.terminal_id,
    cashier_id: p.cashier_id,
    shift_id: p.shift_id,
    customer_id: p.customer_id,
    promocode_id: p.promocode_id,
    subtotal: p.subtotal,
    discount: p.discount,
    total: p.total,
    bonus_redeemed: p.bonus_redeemed,
    bonus_earned: p.bonus_earned,
    status: p.status,
    paid_at: p.paid_at,
    created_at: p.created_at,
    updated_at: p.updated_at,
    origin: p.origin,
  }),
);

type SoldTicketRow = Omit<Row<'tickets'>, 'scanned_at' | 'scanned_by' | 'scanned_terminal_id' | 'exchanged_to_ticket_id'>;
// One statement per ticket, compiled once, instead of a many-row insert kysely builds afresh.
const insertTicket = preparedQuery((db, p: SoldTicketRow) =>
  db.insertInto('tickets').values({
    id: p.id,
    session_id: p.session_id,
    seat_id: p.seat_id,
    order_id: p.order_id,
    ticket_type: p.ticket_type,
    price: p.price,
    discount: p.discount,
    status: p.status,
    qr_payload: p.qr_payload,
    sold_by: p.sold_by,
    terminal_id: p.terminal_id,
    sold_at: p.sold_at,
    created_at: p.created_at,
    updated_at: p.updated_at,
    origin: p.origin,
  }),
);
const insertConcessionLine = preparedQuery((db, p: Omit<Row<'order_concession_lines'>, 'refunded_quantity' | 'wasted_quantity'>) =>
  db.insertInto('order_concession_lines').values({
    id: p.id,
    order_id: p.order_id,
    item_id: p.item_id,
    quantity: p.quantity,
    unit_price: p.unit_price,
    discount: p.discount,
    total: p.total,
    vat_bp: p.vat_bp,
    preorder_id: p.preorder_id,
    created_at: p.created_at,
    updated_at: p.updated_at,
    origin: p.origin,
  }),
);

const releaseSoldHolds = preparedListQuery((db, p: { sessionId: string; terminalId: string }, seatIds) =>
  db.deleteFrom('seat_holds').where('session_id', '=', p.sessionId).where('terminal_id', '=', p.terminalId).where('seat_id', 'in', seatIds),
);

export interface SaleHooks {
  /** Called after each step of the sale; a test throws here to prove that nothing is left behind. */
  afterStep?(step: SaleStep): void;
}

/**
 * Rule 5: sells an order in ONE transaction — open shift → holds mine and valid → seats free →
 * prices → promocode → bonus → payments = total → order → tickets with signed QR → concession
 * lines, preorder and stock → bonus accrual → holds released → audit. Any error undoes all of it
 * (the outbox rows come from triggers inside the same transaction).
 */
/**
 * `centralHold`: how the seats were confirmed at the central database before this transaction
 * (central-holds.ts confirm) — an OFFLINE sale relied on its local hold alone; the audit says so.
 * `terminalCinema`: the terminal's cinema when the caller has just read it (read here otherwise).
 */
export async function sellOrder(
  ctx: SignedInContext,
  input: SaleInput,
  hooks: SaleHooks = {},
  centralHold: CentralHoldCheck = 'NOT_SYNCED',
  terminalCinema?: CinemaRow,
): Promise<SaleResult> {
  const cinema = terminalCinema ?? (await requireTerminalCinema(ctx.db, ctx));
  const step = (s: SaleStep) => hooks.afterStep?.(s);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    // Every row of the sale is born at the sale's instant on the terminal clock (not SQLite's own).
    const born = () => ({ created_at: nowIso, ...ctx.stamp() });

    const shift = await requireMyOpenShift(trx, ctx);
    step('shift');

    const prepared = await prepareOrder(trx, { cinema, terminalId: ctx.terminal.id, now, draft: input, sale: true, step });
    const { quote, session, seats, customer } = prepared;

    const { rows: paymentRows, change } = settlePayments({ toPay: quote.toPay, bonusPoints: quote.bonus.used, payments: input.payments, currency: cinema.currency });
    // Rule 17: vouchers named are known here, in this currency, with enough left (none named: no query).
    const redemptions = await checkRedemptions(trx, cinema, input.payments);
    step('payments');

    const orderId = newId();
    const number = await nextOrderNumber(trx, ctx.terminal.id);
    await insertOrder.run(trx, {
      id: orderId,
      number,
      cinema_id: cinema.id,
      terminal_id: ctx.terminal.id,
      cashier_id: ctx.user.id,
      shift_id: shift.id,
      customer_id: customer?.id ?? null,
      promocode_id: prepared.promocodeId,
      subtotal: quote.subtotal,
      discount: quote.discount,
      total: quote.total,
      bonus_redeemed: quote.bonus.used,
      bonus_earned: quote.bonus.toEarn,
      status: 'PAID',
      paid_at: nowIso,
      ...born(),
    });
    if (quote.bonus.used > 0 && customer) {
      await trx
        .insertInto('bonus_transactions')
        .values({ id: newId(), account_id: customer.accountId, kind: 'REDEMPTION', amount: -quote.bonus.used, order_id: orderId, note: `Order ${number}`, ...born() })
        .execute();
    }
    // An order a code covers in full (total 0) has no payment to record.
    const paymentIds = paymentRows.map(() => newId());
    if (paymentRows.length > 0) {
      await trx
        .insertInto('payments')
        .values(paymentRows.map((p, i) => ({ id: paymentIds[i]!, order_id: orderId, shift_id: shift.id, kind: 'PAYMENT' as const, ...p, ...born() })))
        .execute();
    }
    if (redemptions.length > 0) {
      await recordRedemptions(trx, ctx, { cinemaId: cinema.id, orderId, orderNumber: number, redemptions: redemptions.map((r) => ({ ...r, paymentId: paymentIds[r.index]! })) });
    }
    step('order');

    const ticketLines = quote.lines.filter((l) => l.kind === 'TICKET');
    const tickets: SoldTicket[] = ticketLines.map((line, i) => {
      const seat = seats[i]!;
      const id = newId();
      const qrPayload = encodeTicketQr({ ticketId: id, sessionId: session!.id, seatId: seat.id, terminalId: ctx.terminal.id, soldAt: now }, ctx.services.signing.privateKeyPem);
      return { id, seatId: seat.id, row: seat.row_label, number: seat.number, ticketType: line.ticketType!, price: line.unitPrice, discount: line.discount, qrPayload };
    });
    for (const t of tickets) {
      await insertTicket.run(trx, {
        id: t.id,
        session_id: session!.id,
        seat_id: t.seatId,
        order_id: orderId,
        ticket_type: t.ticketType,
        price: t.price,
        discount: t.discount,
        status: 'SOLD',
        qr_payload: t.qrPayload,
        sold_by: ctx.user.id,
        terminal_id: ctx.terminal.id,
        sold_at: nowIso,
        ...born(),
      });
    }
    step('tickets');

    const concessionLines = quote.lines.filter((l) => l.kind === 'CONCESSION');
    let pickupCode: string | null = null;
    let preorderId: string | null = null;
    if (input.preorder && concessionLines.length > 0) {
      pickupCode = await issuePickupCode(trx, cinema.id);
      preorderId = newId();
      await trx
        .insertInto('concession_preorders')
        .values({ id: preorderId, order_id: orderId, cinema_id: cinema.id, session_id: session?.id ?? null, pickup_code: pickupCode, status: 'PENDING', ...born() })
        .execute();
    }
    for (const line of concessionLines) {
      await insertConcessionLine.run(trx, {
        id: newId(),
        order_id: orderId,
        item_id: line.refId,
        quantity: line.quantity,
        unit_price: line.unitPrice,
        discount: line.discount,
        total: line.total,
        vat_bp: line.vatBp,
        preorder_id: preorderId,
        ...born(),
      });
      const item = prepared.items.get(line.refId)!;
      if (item.stock !== null) {
        const updated = await trx
          .updateTable('concession_items')
          .set((eb) => ({ stock: eb('stock', '-', line.quantity), ...ctx.stamp() }))
          .where('id', '=', item.id)
          .where('stock', '>=', line.quantity)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          const left = await trx.selectFrom('concession_items').select('stock').where('id', '=', item.id).executeTakeFirst();
          const n = left?.stock ?? 0;
          throw new DomainError('CONFLICT', n === 0 ? { key: 'refusals:orders.outOfStock', values: { name: item.name } } : { key: 'refusals:orders.lowStock', values: { name: item.name, left: n } }, {
            itemId: item.id,
          });
        }
      }
    }
    step('concessions');

    if (quote.bonus.toEarn > 0 && customer) {
      await trx
        .insertInto('bonus_transactions')
        .values({ id: newId(), account_id: customer.accountId, kind: 'ACCRUAL', amount: quote.bonus.toEarn, order_id: orderId, note: `Order ${number}`, ...born() })
        .execute();
    }
    step('accrual');

    if (session && tickets.length > 0) {
      await releaseSoldHolds.run(
        trx,
        { sessionId: session.id, terminalId: ctx.terminal.id },
        tickets.map((t) => t.seatId),
      );
    }
    // Rule 18: a pickup's reservation is settled by this sale.
    if (input.reservationId) await markPickedUp(trx, ctx, cinema.id, input.reservationId, orderId);
    step('release');

    // Rule 16: the numbered receipt and its signed journal entry, in this same transaction.
    const receipt = await issueReceipt(trx, ctx, {
      kind: 'SALE',
      orderId,
      shiftId: shift.id,
      amount: quote.total,
      vat: vatBreakdown(quote.lines.map((l) => ({ rateBp: l.vatBp, gross: l.total }))),
      payments: paymentRows.map((p) => ({ method: p.method, amount: p.amount })),
      details: {
        orderNumber: number,
        cashier: ctx.user.id,
        lines: quote.lines.map((l) => ({ kind: l.kind, ref: l.refId, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount, total: l.total, vatBp: l.vatBp })),
      },
    });
    step('receipt');

    await recordAudit(trx, ctx, {
      action: 'order.sell',
      entity: 'order',
      entityId: orderId,
      details: {
        number,
        total: quote.total,
        discount: quote.discount,
        tickets: tickets.length,
        concessionLines: concessionLines.length,
        payments: paymentRows.map((p) => ({ method: p.method, amount: p.amount })),
        promocode: quote.promocode?.applied ? quote.promocode.code : null,
        bonusRedeemed: quote.bonus.used,
        bonusEarned: quote.bonus.toEarn,
        centralHold,
        // Rule 20: the cashier's ID check, confirmed for this order.
        ageCheck: quote.ageCheck ? { ...quote.ageCheck, confirmed: true } : null,
      },
    });
    step('audit');

    return {
      orderId,
      number,
      paidAt: nowIso,
      subtotal: quote.subtotal,
      discount: quote.discount,
      total: quote.total,
      bonusRedeemed: quote.bonus.used,
      bonusEarned: quote.bonus.toEarn,
      change,
      tickets,
      pickupCode,
      receiptNumber: receipt.number,
    };
  });
}
