import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { prepareOrder } from './prepare-order';
import { readerLanguage } from '../reader-language';
import { sellOrder } from './sell-order';
import { centralHoldsOf } from '../sync/central-holds';
import { openDrawerForCash } from '../printing/cash-drawer';
import { refreshVoucherBalances } from '../vouchers/central-balance';

type OrderHandlers = Pick<Handlers, 'orders.quote' | 'orders.sell'>;

export const orderHandlers: OrderHandlers = {
  'orders.quote': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    return (await prepareOrder(ctx.db, { cinema, terminalId: ctx.terminal.id, now: ctx.clock.now(), draft: input, sale: false, language: readerLanguage(ctx) })).quote;
  },
  // Rule 4/5 online: the seats are held at the central database for this terminal before the sale
  // commits (or the sale is marked offline); never inside the SQLite transaction.
  'orders.sell': async (ctx, input) => {
    const seatIds = input.tickets.map((t) => t.seatId);
    const cinema = input.sessionId && seatIds.length > 0 ? await requireTerminalCinema(ctx.db, ctx) : null;
    const centralHold = cinema && input.sessionId ? await centralHoldsOf(ctx.services).confirm(input.sessionId, seatIds, cinema.hold_minutes * 60) : 'NOT_SYNCED';
    // Rule 17 online: the vouchers it spends are checked against the centre's balance of this moment.
    await refreshVoucherBalances(ctx.services, input.payments.flatMap((p) => (p.method === 'VOUCHER' ? [p.code] : [])));
    const sale = await sellOrder(ctx, input, {}, centralHold, cinema ?? undefined);
    if (input.payments.some((p) => p.method === 'CASH')) await openDrawerForCash(ctx, 'CASH_SALE', { orderId: sale.orderId });
    return sale;
  },
};
