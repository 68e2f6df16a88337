import type { Handlers } from './api';
import { businessDateOf } from '../../shared/business-day';
import { businessDayRuleOf, requireTerminalCinema } from './catalog/require-cinema';
import { programmeDay } from './scheduling/programme-day';

type SystemHandlers = Pick<Handlers, 'system.status' | 'programme.day'>;

export const systemHandlers: SystemHandlers = {
  'system.status': async (ctx) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const now = ctx.clock.now();
    return {
      terminal: { id: ctx.terminal.id, name: ctx.terminal.name },
      cinema: { id: cinema.id, name: cinema.name, timezone: cinema.timezone, currency: cinema.currency },
      now: now.toISOString(),
      businessDate: businessDateOf(now, businessDayRuleOf(cinema)),
    };
  },

  'programme.day': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const businessDate = input.date ?? businessDateOf(ctx.clock.now(), businessDayRuleOf(cinema));
    return { businessDate, sessions: await programmeDay(ctx.db, cinema, businessDate, ctx.clock.now()) };
  },
};
