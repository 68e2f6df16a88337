/**
 * Times the counter's hot paths through the real dispatcher on a temp SQLite file (demo data):
 * the 300-seat map of a session, and one whole sale (2 held seats + a drink, cash) — median and p99.
 * Run: npx tsx bench/counter-sale.ts [sales]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startCounter } from '../electron/core/orders/counter-fixture';

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `n=${s.length} min=${s[0]!.toFixed(2)} median=${at(0.5).toFixed(2)} p99=${at(0.99).toFixed(2)} max=${s[s.length - 1]!.toFixed(2)} ms`;
}

const SALES = Number(process.argv[2] ?? 280);
const f = await startCounter();
try {
  await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
  const s = await f.session();
  const water = await f.item('Cola 0.5 l');
  const map0 = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
  const free = map0.seats.filter((x) => x.kind === 'STANDARD').map((x) => x.id);
  const mapTimes: number[] = [];
  const saleTimes: number[] = [];
  for (let i = 0; i + 1 < free.length && saleTimes.length < SALES / 2; i += 2) {
    const seatIds = [free[i]!, free[i + 1]!];
    let t0 = performance.now();
    await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    mapTimes.push(performance.now() - t0);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds }, f.cashier);
    const draft = { sessionId: s.id, tickets: seatIds.map((seatId) => ({ seatId, ticketType: 'ADULT' as const })), concessions: [{ itemId: water.id, quantity: 1 }] };
    const q = await f.t.call('orders.quote', draft, f.cashier);
    t0 = performance.now();
    await f.t.call('orders.sell', { ...draft, payments: [{ method: 'CASH', amount: q.toPay, tendered: q.toPay + 1000 }] }, f.cashier);
    saleTimes.push(performance.now() - t0);
  }
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    mapTimes.push(performance.now() - t0);
  }
  // On a shared machine wall times carry other processes' load; report it beside the figures.
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log(`seat map (300 seats, via dispatcher): ${stats(mapTimes)}`);
  console.log(`sale (2 tickets + 1 drink, cash, via dispatcher): ${stats(saleTimes)}`);
} finally {
  await f.close();
}
