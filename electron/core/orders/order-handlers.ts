import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { prepareOrder } from './prepare-order';
import { sellOrder } from './sell-order';

type OrderHandlers = Pick<Handlers, 'orders.quote' | 'orders.sell'>;

export const orderHandlers: OrderHandlers = {
  'orders.quote': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    return (await prepareOrder(ctx.db, { cinema, terminalId: ctx.terminal.id, now: ctx.clock.now(), draft: input, sale: false })).quote;
  },
  'orders.sell': async (ctx, input) => sellOrder(ctx, input),
};
