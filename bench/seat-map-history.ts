/**
 * The 300-seat map on a year of history: seatMap (the domain function behind booking.seatMap)
 * for today's IMAX session and for busy past sessions, p50/p99 over many reads.
 * Run: npx tsx bench/seat-map-history.ts [days] [halls]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { coreWithHistory } from '../electron/core/history/testing';
import { seatMap } from '../electron/core/booking/seat-map';

const days = Number(process.argv[2] ?? 365);
const halls = Number(process.argv[3] ?? 10);
const { t, sqlite, history } = await coreWithHistory({ days, halls });
try {
  console.log(`history: ${history.sessions} sessions, ${history.tickets} tickets, ${history.orders} orders (generated in ${(history.ms / 1000).toFixed(1)} s)`);
  const db = t.core.services.db;
  const cinema = await db.selectFrom('cinemas').selectAll().executeTakeFirstOrThrow();
  const today = await db
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select('s.id')
    .where('h.name', '=', 'Hall 3 IMAX')
    .where('s.starts_at', '>', t.clock.now().toISOString())
    .orderBy('s.starts_at')
    .executeTakeFirstOrThrow();
  const busy = sqlite
    .prepare(`SELECT session_id AS id, COUNT(*) AS n FROM tickets WHERE status = 'SOLD' GROUP BY session_id ORDER BY n DESC LIMIT 20`)
    .all() as { id: string; n: number }[];
  const ids = [today.id, ...busy.map((b) => b.id)];
  const times: number[] = [];
  for (let round = 0; round < 50; round++) {
    for (const sessionId of ids) {
      const t0 = performance.now();
      await seatMap(db, { cinema, sessionId, terminalId: t.core.terminal().id, now: t.clock.now() });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log(`seatMap on ${ids.length} sessions (busiest has ${busy[0]?.n ?? 0} sold): n=${times.length} min=${at(0)} p50=${at(0.5)} p99=${at(0.99)} ms`);
} finally {
  sqlite.close();
  await t.close();
}
