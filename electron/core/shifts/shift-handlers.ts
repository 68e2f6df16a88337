import type { Handlers } from '../api';
import { loadShiftReport } from './shift-report';
import { closeShift, openShift, openShiftOf, requireMyOpenShift } from './shifts';

type ShiftHandlers = Pick<Handlers, 'shifts.current' | 'shifts.open' | 'shifts.close'>;

export const shiftHandlers: ShiftHandlers = {
  'shifts.current': async (ctx) => {
    const open = await openShiftOf(ctx.db, ctx.terminal.id);
    return { open: open ? await loadShiftReport(ctx.db, open.id) : null, mine: open?.cashier_id === ctx.user.id };
  },

  'shifts.open': async (ctx, input) => {
    const id = await ctx.db.transaction().execute((trx) => openShift(trx, ctx, input.openingFloat));
    return loadShiftReport(ctx.db, id);
  },

  'shifts.close': async (ctx, input) => {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const shift = await requireMyOpenShift(trx, ctx);
      const x = await loadShiftReport(trx, shift.id);
      await closeShift(trx, ctx, input.countedCash, x.expectedCash, shift.id);
      return shift.id;
    });
    return loadShiftReport(ctx.db, id);
  },
};
