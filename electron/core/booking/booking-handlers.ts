import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { holdSeats, releaseSeats } from './hold-seats';
import { seatMap } from './seat-map';

type BookingHandlers = Pick<Handlers, 'booking.seatMap' | 'booking.hold' | 'booking.release'>;

export const bookingHandlers: BookingHandlers = {
  'booking.seatMap': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    return seatMap(ctx.db, { cinema, sessionId: input.sessionId, terminalId: ctx.terminal.id, now: ctx.clock.now() });
  },

  // Holds are local, short-lived rows (never synced): no audit entry per click.
  'booking.hold': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    return ctx.db.transaction().execute((trx) =>
      holdSeats(trx, { cinema, sessionId: input.sessionId, seatIds: input.seatIds, terminalId: ctx.terminal.id, userId: ctx.user.id, now: ctx.clock.now() }),
    );
  },

  'booking.release': async (ctx, input) =>
    ctx.db.transaction().execute((trx) => releaseSeats(trx, { sessionId: input.sessionId, seatIds: input.seatIds, terminalId: ctx.terminal.id, now: ctx.clock.now() })),
};
