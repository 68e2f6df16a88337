import { useCallback, useEffect, useRef, useState } from 'react';
import type { HoldResult, SeatMap } from '../../../../shared/contract';
import { call } from '../../api/client';

/**
 * The map with this terminal's holds as the box office last answered them: every seat in
 * `held.seatIds` is ours (until `held.expiresAt`), and a seat shown as ours that is not in it was
 * released. Seats that do not change keep their objects, so the map redraws only what changed.
 */
export function applyHold(map: SeatMap, held: HoldResult): SeatMap {
  const ours = new Set(held.seatIds);
  let free = map.counts.free;
  let mine = 0;
  let changed = false;
  const seats = map.seats.map((s) => {
    const isOurs = ours.has(s.id);
    if (isOurs) mine += 1;
    if (isOurs && (s.state === 'FREE' || (s.state === 'MINE' && s.expiresAt !== held.expiresAt))) {
      changed = true;
      if (s.state === 'FREE') free -= 1;
      return { ...s, state: 'MINE' as const, expiresAt: held.expiresAt };
    }
    if (!isOurs && s.state === 'MINE') {
      changed = true;
      free += 1;
      return { ...s, state: 'FREE' as const, expiresAt: null };
    }
    return s;
  });
  return changed ? { ...map, seats, counts: { ...map.counts, free, mine } } : map;
}

/** Numbers requests as they are sent; an answer is shown only if no later-sent request's answer was shown already. */
export function sendOrder(): { send(): number; mayShow(sent: number): boolean } {
  let sent = 0;
  let shown = 0;
  return {
    send: () => ++sent,
    mayShow(n) {
      if (n <= shown) return false;
      shown = n;
      return true;
    },
  };
}

export interface SeatMapState {
  data: SeatMap | undefined;
  error: unknown;
  reload(): void;
  /**
   * Sends a hold or release and shows its answer at once; the map is read again behind it for
   * other counters' seats. Answers count in the order their requests were sent: one that comes
   * back after the answer to a later click is not shown (it would take that click's seat away).
   */
  changeHolds(request: () => Promise<HoldResult>): Promise<void>;
}

/**
 * A session's seat map, read again every `refreshMs` and after each hold. Answers are ordered: a
 * map read that was asked before a newer answer (a later read, or a hold's answer) is dropped, so
 * a seat never flickers back to its old state.
 */
export function useSeatMap(sessionId: string, refreshMs: number): SeatMapState {
  const [state, setState] = useState<{ sessionId: string; seq: number; data?: SeatMap; error?: unknown }>({ sessionId, seq: 0 });
  const seq = useRef(0);
  const holds = useRef(sendOrder());

  const reload = useCallback(() => {
    const asked = ++seq.current;
    call('booking.seatMap', { sessionId }).then(
      (data) => setState((s) => (s.sessionId === sessionId && s.seq > asked ? s : { sessionId, seq: asked, data })),
      (error: unknown) => setState((s) => (s.sessionId === sessionId && s.seq > asked ? s : { sessionId, seq: asked, data: s.sessionId === sessionId ? s.data : undefined, error })),
    );
  }, [sessionId]);

  const changeHolds = useCallback(
    async (request: () => Promise<HoldResult>) => {
      const sent = holds.current.send();
      const held = await request();
      if (holds.current.mayShow(sent)) {
        const at = ++seq.current;
        setState((s) => (s.sessionId === sessionId && s.data ? { ...s, seq: at, data: applyHold(s.data, held) } : s));
      }
      reload();
    },
    [sessionId, reload],
  );

  useEffect(() => {
    reload();
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload, refreshMs]);

  const current = state.sessionId === sessionId;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, reload, changeHolds };
}
