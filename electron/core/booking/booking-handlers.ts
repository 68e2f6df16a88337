import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { holdSeats, releaseSeats } from './hold-seats';
import { holdBestSeats } from './hold-best';
import { cancelReservation, createReservation, findReservations, pickUpReservation } from './reservations';
import { seatMap } from './seat-map';
import { CENTRAL_HOLD_MAX_SECONDS, centralHoldsOf } from '../sync/central-holds';
import { ephemeralTransaction } from '../db/ephemeral-transaction';

type BookingHandlers = Pick<
  Handlers,
  'booking.seatMap' | 'booking.hold' | 'booking.holdBest' | 'booking.release' | 'reservations.create' | 'reservations.find' | 'reservations.pickUp' | 'reservations.cancel'
>;

export const bookingHandlers: BookingHandlers = {
  'booking.seatMap': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    // Online, other terminals' central holds and sales not yet pulled show too (issue 11).
    return centralHoldsOf(ctx.services).overlay(await seatMap(ctx.db, { cinema, sessionId: input.sessionId, terminalId: ctx.terminal.id, now: ctx.clock.now() }));
  },

  // Holds are local, short-lived rows (never synced): no audit entry per click, and their commit
  // does not wait for the disk (a hold lost in a power cut is a seat to click again; the sale that
  // follows is written durably, holds and all).
  'booking.hold': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const held = await ephemeralTransaction(ctx.db, (trx) =>
      holdSeats(trx, { cinema, sessionId: input.sessionId, seatIds: input.seatIds, terminalId: ctx.terminal.id, userId: ctx.user.id, now: ctx.clock.now() }),
    );
    // Online, the seats are held centrally too (after the local commit, never inside it).
    try {
      await centralHoldsOf(ctx.services).hold(input.sessionId, input.seatIds, cinema.hold_minutes * 60);
    } catch (e) {
      await ephemeralTransaction(ctx.db, (trx) => releaseSeats(trx, { sessionId: input.sessionId, seatIds: input.seatIds, terminalId: ctx.terminal.id, now: ctx.clock.now() }));
      throw e;
    }
    return held;
  },

  'booking.holdBest': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const now = ctx.clock.now();
    const held = await ephemeralTransaction(ctx.db, (trx) =>
      holdBestSeats(trx, { cinema, sessionId: input.sessionId, count: input.count, instead: input.instead, terminalId: ctx.terminal.id, userId: ctx.user.id, now }),
    );
    const central = centralHoldsOf(ctx.services);
    void central.release(input.sessionId, input.instead.filter((id) => !held.picked.includes(id)));
    try {
      await central.hold(input.sessionId, held.picked, cinema.hold_minutes * 60);
    } catch (e) {
      await ephemeralTransaction(ctx.db, (trx) => releaseSeats(trx, { sessionId: input.sessionId, seatIds: held.picked, terminalId: ctx.terminal.id, now: ctx.clock.now() }));
      throw e;
    }
    return held;
  },

  // Rule 18. Online, reserved seats are held centrally until the release time, like holds.
  'reservations.create': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const reservation = await ctx.db.transaction().execute((trx) => createReservation(trx, ctx, cinema, input));
    const seconds = Math.min(CENTRAL_HOLD_MAX_SECONDS, Math.max(60, Math.round((Date.parse(reservation.releaseAt) - ctx.clock.now().getTime()) / 1000)));
    try {
      await centralHoldsOf(ctx.services).hold(input.sessionId, input.seatIds, seconds);
    } catch (e) {
      await ctx.db.transaction().execute((trx) => cancelReservation(trx, ctx, cinema, reservation.id));
      throw e;
    }
    return reservation;
  },
  'reservations.find': async (ctx, input) => findReservations(ctx.db, await requireTerminalCinema(ctx.db, ctx), input.query, ctx.clock.now()),
  'reservations.pickUp': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const picked = await ephemeralTransaction(ctx.db, (trx) => pickUpReservation(trx, ctx, cinema, input.reservationId));
    // Reserved at another terminal: its central holds become this one's, so the sale confirms them.
    await centralHoldsOf(ctx.services).takeOverReservation(input.reservationId);
    return picked;
  },
  'reservations.cancel': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const cancelled = await ctx.db.transaction().execute((trx) => cancelReservation(trx, ctx, cinema, input.reservationId));
    void centralHoldsOf(ctx.services).release(cancelled.session.id, cancelled.seats.map((s) => s.id));
    return cancelled;
  },

  'booking.release': async (ctx, input) => {
    const released = await ephemeralTransaction(ctx.db, (trx) => releaseSeats(trx, { sessionId: input.sessionId, seatIds: input.seatIds, terminalId: ctx.terminal.id, now: ctx.clock.now() }));
    if (input.seatIds) void centralHoldsOf(ctx.services).release(input.sessionId, input.seatIds);
    return released;
  },
};
