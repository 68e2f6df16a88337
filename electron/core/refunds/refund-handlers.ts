import type { Handlers } from '../api';
import { exchangeTicket } from './exchange-ticket';
import { orderDetails, orderHistory } from './order-history';
import { refundOrder } from './refund-order';

type RefundHandlers = Pick<Handlers, 'orders.history' | 'orders.details' | 'orders.refund' | 'orders.exchange'>;

export const refundHandlers: RefundHandlers = {
  'orders.history': async (ctx, input) => orderHistory(ctx, input),
  'orders.details': async (ctx, input) => orderDetails(ctx.db, ctx, input.orderId),
  'orders.refund': async (ctx, input) => refundOrder(ctx, input),
  'orders.exchange': async (ctx, input) => exchangeTicket(ctx, input),
};
