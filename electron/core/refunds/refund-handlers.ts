import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { exchangeTicket } from './exchange-ticket';
import { orderDetails, orderHistory } from './order-history';
import { refundOrder } from './refund-order';
import { previewRefund } from './preview-refund';
import { printRefundSlip } from './refund-slip';
import { openDrawerForCash } from '../printing/cash-drawer';

const cashMoved = (paidBack: { method: string; amount: number }[]) => paidBack.some((p) => p.method === 'CASH' && p.amount > 0);

type RefundHandlers = Pick<Handlers, 'orders.history' | 'orders.details' | 'orders.refund' | 'orders.refundPreview' | 'orders.printRefundSlip' | 'orders.exchange'>;

export const refundHandlers: RefundHandlers = {
  'orders.history': async (ctx, input) => orderHistory(ctx, input),
  'orders.details': async (ctx, input) => orderDetails(ctx.db, ctx, input.orderId),
  'orders.refund': async (ctx, input) => {
    const refund = await refundOrder(ctx, input);
    if (cashMoved(refund.paidBack)) await openDrawerForCash(ctx, 'CASH_REFUND', { orderId: refund.orderId });
    return refund;
  },
  'orders.refundPreview': async (ctx, input) => previewRefund(ctx, await requireTerminalCinema(ctx.db, ctx), input),
  'orders.printRefundSlip': async (ctx, input) => printRefundSlip(ctx, input.orderId, input.slipNumber),
  'orders.exchange': async (ctx, input) => {
    const exchange = await exchangeTicket(ctx, input);
    if (cashMoved(exchange.paidBack) || input.payments.some((p) => p.method === 'CASH')) await openDrawerForCash(ctx, 'CASH_EXCHANGE', { orderId: exchange.orderId });
    return exchange;
  },
};
