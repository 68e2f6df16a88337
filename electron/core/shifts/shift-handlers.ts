import { requireTerminalCinema } from '../catalog/require-cinema';
import type { Handlers } from '../api';
import { loadShiftReport } from './shift-report';
import { reportSeenBy } from './blind-count';
import { closeShift, openShift, openShiftOf, requireMyOpenShift } from './shifts';
import { openDrawerForCash } from '../printing/cash-drawer';

type ShiftHandlers = Pick<Handlers, 'shifts.current' | 'shifts.open' | 'shifts.close'>;

export const shiftHandlers: ShiftHandlers = {
  'shifts.current': async (ctx) => {
    const open = await openShiftOf(ctx.db, ctx.terminal.id);
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const blindCashUp = cinema.blind_cash_up === 1;
    return { open: open ? reportSeenBy(await loadShiftReport(ctx.db, open.id), ctx.user.role, blindCashUp) : null, mine: open?.cashier_id === ctx.user.id, blindCashUp };
  },

  'shifts.open': async (ctx, input) => {
    const id = await ctx.db.transaction().execute((trx) => openShift(trx, ctx, input.openingFloat));
    // The float goes into the drawer.
    if (input.openingFloat > 0) await openDrawerForCash(ctx, 'SHIFT_OPEN', { shiftId: id });
    return loadShiftReport(ctx.db, id);
  },

  'shifts.close': async (ctx, input) => {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const shift = await requireMyOpenShift(trx, ctx);
      const x = await loadShiftReport(trx, shift.id);
      await closeShift(trx, ctx, input.countedCash, x.expectedCash, shift.id);
      return shift.id;
    });
    // The cash is counted out of the drawer.
    await openDrawerForCash(ctx, 'SHIFT_CLOSE', { shiftId: id });
    return loadShiftReport(ctx.db, id);
  },
};
