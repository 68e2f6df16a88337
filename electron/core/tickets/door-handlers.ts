import type { Handlers } from '../api';
import { DOORS_OPEN_MINUTES, admittedCount, requireDoorSession, scanTicket } from './scan-ticket';
import { seatLabel } from '../../../shared/seat-map';

type DoorHandlers = Pick<Handlers, 'tickets.scan' | 'door.session'>;

const RECENT_SCANS = 8;

export const doorHandlers: DoorHandlers = {
  'tickets.scan': async (ctx, input) => scanTicket(ctx, input),

  'door.session': async (ctx, input) => {
    const session = await requireDoorSession(ctx.db, input.sessionId, ctx.terminal.cinemaId);
    const [admitted, sold, recent] = await Promise.all([
      admittedCount(ctx.db, session.id),
      ctx.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('session_id', '=', session.id)
        .where('status', '=', 'SOLD')
        .executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('ticket_scans as sc')
        .innerJoin('users as u', 'u.id', 'sc.user_id')
        .leftJoin('tickets as t', 't.id', 'sc.ticket_id')
        .leftJoin('seats as s', 's.id', 't.seat_id')
        .select(['sc.id', 'sc.result', 'sc.scanned_at', 'u.display_name', 's.row_label', 's.number'])
        .where('sc.session_id', '=', session.id)
        .orderBy('sc.scanned_at', 'desc')
        .orderBy('sc.id', 'desc')
        .limit(RECENT_SCANS)
        .execute(),
    ]);
    return {
      session,
      admitted,
      sold: Number(sold.n),
      doorsOpenMinutes: DOORS_OPEN_MINUTES,
      recent: recent.map((r) => ({
        id: r.id,
        result: r.result,
        scannedAt: r.scanned_at,
        seat: r.row_label && r.number ? seatLabel(r.row_label, r.number) : null,
        userName: r.display_name,
      })),
    };
  },
};
