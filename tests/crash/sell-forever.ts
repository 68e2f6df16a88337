/**
 * The crash harness's child: a cashier who never stops selling, against a real SQLite file.
 *
 *   tsx tests/crash/sell-forever.ts <dataDir>
 *
 * Opens the terminal's core on <dataDir> (already seeded with the demo cinema), signs the cashier
 * in, opens a shift if none is open, then sells orders one after another: hold 1–3 free seats of
 * an upcoming session, quote, pay (cash, card or split) and — only after `orders.sell` answered
 * ok — prints "SOLD <orderId> <tickets> <total>" with a synchronous write, so the parent knows
 * which sales were acknowledged before it SIGKILLs this process.
 */
import { writeSync } from 'node:fs';
import { startCore } from '../../electron/core/app-core';
import type { InputOf, OperationName, ResultOf } from '../../shared/contract';
import { DEMO_LOGINS } from '../../electron/core/demo/seed-demo';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: sell-forever <dataDir>');
  process.exit(2);
}

const say = (line: string) => writeSync(1, line + '\n');
const quiet = { info: () => undefined, error: (m: string, extra?: Record<string, unknown>) => writeSync(2, `${m} ${JSON.stringify(extra ?? {})}\n`) };

const core = await startCore({ dataDir, log: quiet });
let token: string | null = null;

async function call<N extends OperationName>(op: N, input: InputOf<N>): Promise<ResultOf<N>> {
  const result = await core.call({ op, input, token });
  if (!result.ok) throw Object.assign(new Error(`${op}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
  return result.value as ResultOf<N>;
}

// The session is issued directly rather than through auth.login: scrypt would make every restart
// slow, and signing in is not what this harness is about (login has its own tests).
const cashier = DEMO_LOGINS.find((l) => l.role === 'CASHIER')!;
const cashierRow = await core.services.db.selectFrom('users').select('id').where('username', '=', cashier.username).executeTakeFirstOrThrow();
token = (await core.services.sessions.issue(cashierRow.id)).token;
const shift = await call('shifts.current', {});
if (!shift.open) await call('shifts.open', { openingFloat: 20_000 });

/** Upcoming sessions still on sale, today and the next days. */
async function sessionsOnSale(): Promise<string[]> {
  const soon = Date.now() + 45 * 60_000;
  const out: string[] = [];
  const today = (await call('programme.day', {})).businessDate;
  for (let d = 0; d < 3; d++) {
    const date = new Date(Date.parse(`${today}T12:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    const day = await call('programme.day', { date });
    for (const s of day.sessions) if ((s.status === 'ON_SALE' || s.status === 'SCHEDULED') && Date.parse(s.startsAt) > soon) out.push(s.id);
  }
  return out;
}

let sessions = await sessionsOnSale();
say('READY');
let n = 0;
for (;;) {
  if (sessions.length === 0) {
    say('SOLD OUT');
    break;
  }
  const sessionId = sessions[n % sessions.length]!;
  n++;
  const map = await call('booking.seatMap', { sessionId });
  const free = map.seats.filter((s) => s.active && s.state === 'FREE' && !s.heldBack && (s.kind === 'STANDARD' || s.kind === 'VIP'));
  if (free.length === 0) {
    sessions = sessions.filter((id) => id !== sessionId);
    continue;
  }
  const start = Math.floor(Math.random() * free.length);
  const seats = free.slice(start, start + 1 + Math.floor(Math.random() * 3));
  try {
    await call('booking.hold', { sessionId, seatIds: seats.map((s) => s.id) });
    const draft = { sessionId, tickets: seats.map((s, i) => ({ seatId: s.id, ticketType: i === 1 ? ('CHILD' as const) : ('ADULT' as const) })), ageConfirmed: true };
    const quote = await call('orders.quote', draft);
    const toPay = quote.toPay;
    const kind = n % 3;
    const payments =
      kind === 0
        ? [{ method: 'CASH' as const, amount: toPay, tendered: Math.ceil(toPay / 1000) * 1000 + 1000 }]
        : kind === 1 || toPay < 2
          ? [{ method: 'CARD' as const, amount: toPay, approvalCode: `A${String(n).padStart(5, '0')}`, last4: '4242' }]
          : [
              { method: 'CASH' as const, amount: Math.floor(toPay / 2), tendered: Math.floor(toPay / 2) },
              { method: 'CARD' as const, amount: toPay - Math.floor(toPay / 2), approvalCode: `B${String(n).padStart(5, '0')}`, last4: '1111' },
            ];
    const sale = await call('orders.sell', { ...draft, payments });
    say(`SOLD ${sale.orderId} ${sale.tickets.length} ${sale.total}`);
  } catch (e) {
    // Seat taken by a hold left from before the last kill, sales closed, …: try another seat.
    const code = (e as { code?: string }).code;
    if (code === 'INTERNAL' || code === undefined) {
      writeSync(2, `sale failed: ${(e as Error).message}\n`);
      process.exit(3);
    }
  }
}
await core.close();
