import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { exchangeTicket } from './exchange-ticket';
import { orderDetails, orderHistory } from './order-history';
import { refundOrder } from './refund-order';
import { previewRefund } from './preview-refund';
import { printRefundSlip } from './refund-slip';

type RefundHandlers = Pick<Handlers, 'orders.history' | 'orders.details' | 'orders.refund' | 'orders.refundPreview' | 'orders.printRefundSlip' | 'orders.exchange'>;

export const refundHandlers: RefundHandlers = {
  'orders.history': async (ctx, input) => orderHistory(ctx, input),
  'orders.details': async (ctx, input) => orderDetails(ctx.db, ctx, input.orderId),
  'orders.refund': async (ctx, input) => refundOrder(ctx, input),
  'orders.refundPreview': async (ctx, input) => previewRefund(ctx, await requireTerminalCinema(ctx.db, ctx), input),
  'orders.printRefundSlip': async (ctx, input) => printRefundSlip(ctx, input.orderId, input.slipNumber),
  'orders.exchange': async (ctx, input) => exchangeTicket(ctx, input),
};
