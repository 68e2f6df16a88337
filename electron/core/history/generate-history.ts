import type Database from 'better-sqlite3';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { addBusinessDays, businessDayRange, type BusinessDayRule } from '../../../shared/business-day';
import { percentOf, percentOfFloor } from '../../../shared/money';
import type { SeatKind, TicketType } from '../../../shared/enums';
import { basePriceAt, DEMO_SEAT_KIND_FACTORS, DEMO_TICKET_TYPE_FACTORS } from '../demo/seed-demo';
import { ticketPrice, type PriceFactors } from '../pricing/ticket-price';
import { formatOrderNumber } from '../orders/order-number';
import { formatHlc } from '../sync/hlc';
import { prepareHistoryInserts } from './history-inserts';
import { createReportSums } from './history-report-sums';
import { writeReferenceData, type FilmPlan, type HallPlan } from './history-reference';

/**
 * Issue 7's data generator: months to a year of realistic past sales for one cinema, written
 * straight into its SQLite file — halls with seat maps, distributors, films with ACTIVE contracts
 * (weekly splits, some minimum guarantees, one 90/10 deal), sessions every day, orders with
 * tickets, concession lines, CASH/CARD/BONUS payments, some promocode discounts, some refunds,
 * and two closed shifts a day. Every row obeys the schema's CHECK constraints, and the same seed
 * always gives the same figures, so tests can compare reports against SQL over known data.
 *
 * Speed (10 halls × a year ≈ 1 million tickets): raw prepared better-sqlite3 statements inside a
 * few big transactions (one per generated week), no kysely and no per-row async, the bulk tables'
 * triggers set aside during the week's transaction (their effects done set-wise, see below), a
 * 256 MB page cache. Given the file to itself (`exclusive`, as `loadHistory` does), it also loads
 * without the WAL and fsyncs and builds the non-unique indexes once at the end (a year: ~54 s →
 * ~37 s); the big tables are bound by position and ids formatted from lookup tables (→ ~27 s).
 * What remains is SQLite's own work per row (~15 s: the CHECKs, foreign keys, the primary and
 * UNIQUE keys), building the indexes (~7.5 s, one table scan and sort each) and the commits.
 */

export interface HistoryOptions {
  /** The cinema the history belongs to (it must exist, with its price factors if any). */
  cinemaId: string;
  /** The terminal the sales were made on (this terminal, normally). */
  terminalId: string;
  /** Business days of history, ending the day before `endDate`. */
  days: number;
  /** The first business day NOT generated (default: today's business day is left for live sales). */
  endDate: string;
  /** Halls to create for the history (each with its seat map). */
  halls: number;
  /** Same seed, same data. */
  seed?: number;
  /**
   * Cashiers who sold the history. Default: the cinema's active CASHIER and MANAGER users. Give a
   * password hash to also create three history cashiers (so shift and cashier reports have names).
   */
  staffPasswordHash?: string;
  /**
   * No other connection has the file open during the load (a fresh data folder being filled, as
   * `loadHistory` does): then it is loaded the way bulk loads are — no WAL (every page would be
   * written twice, to the log and again at the checkpoint) and no fsync while loading, and the bulk
   * tables' non-unique indexes built once at the end (one sort each) instead of kept up row by row.
   * The file is back in WAL mode with every index when this returns. A crash in the middle leaves
   * a file to throw away and generate again.
   */
  exclusive?: boolean;
}

export interface HistoryResult {
  firstDate: string;
  lastDate: string;
  halls: number;
  seats: number;
  films: number;
  contracts: number;
  sessions: number;
  orders: number;
  tickets: number;
  refundedOrders: number;
  concessionLines: number;
  payments: number;
  shifts: number;
  ms: number;
}

const MINUTE = 60_000;
/** The tables the days are written into (their triggers are set aside during the load). */
const BULK_TABLES = ['sessions', 'shifts', 'orders', 'tickets', 'ticket_revocations', 'order_concession_lines', 'payments', 'bonus_transactions'];

// ---------------------------------------------------------------------------------------------
// Randomness: pure-rand's xoroshiro128+ (the generator fast-check uses), seeded.

/** Two hex digits per byte value, and one per nibble (ids are made a million times: no formatting per id). */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX1 = Array.from({ length: 16 }, (_, i) => i.toString(16));

export class Random {
  private readonly rng: RandomGenerator;
  private readonly idRng: RandomGenerator;
  /** Ids come from their own stream, salted, so a second run into one file gets new ids but the same figures. */
  constructor(seed: number, idSalt: number) {
    this.rng = xoroshiro128plus(seed);
    this.idRng = xoroshiro128plus((seed * 7919) ^ idSalt);
  }
  /** An integer in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
  /** A float in [0, 1). */
  next(): number {
    return (this.rng.next() >>> 0) / 0x1_0000_0000;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  /**
   * A UUIDv7 for a row born at `at` (ms): the time in the first 48 bits as RFC 9562 says, the
   * random bits from this seeded generator — so the same seed gives the same ids, and a million
   * ids don't cost a million calls to the system's random source.
   */
  uuid7(at: number): string {
    const a = this.idRng.next();
    const b = this.idRng.next();
    const c = this.idRng.next();
    if (at !== this.timeAt) {
      // Rows of one sale share their instant: its 48 time bits are formatted once.
      const time = Math.floor(at).toString(16).padStart(12, '0');
      this.timeAt = at;
      this.timePrefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
    }
    return (
      this.timePrefix +
      HEX1[(a >>> 8) & 15]! +
      HEX2[a & 255]! +
      '-' +
      HEX1[8 | ((a >>> 12) & 3)]! +
      HEX1[(b >>> 28) & 15]! +
      HEX2[(b >>> 20) & 255]! +
      '-' +
      HEX2[(b >>> 8) & 255]! +
      HEX2[b & 255]! +
      HEX2[(c >>> 24) & 255]! +
      HEX2[(c >>> 16) & 255]! +
      HEX2[(c >>> 8) & 255]! +
      HEX2[c & 255]!
    );
  }
  private timeAt = Number.NaN;
  private timePrefix = '';
}


interface ShiftPlan {
  id: string;
  cashierId: string;
  openedAt: number;
  closedAt: number;
  cashIn: number;
  cashOut: number;
}

/** A distinct random subset of k indexes of [0, n) (partial Fisher–Yates on a reused array). */
function pickSeats(random: Random, scratch: number[], n: number, k: number): number[] {
  for (let i = 0; i < n; i++) scratch[i] = i;
  for (let i = 0; i < k; i++) {
    const j = random.int(i, n - 1);
    const t = scratch[i]!;
    scratch[i] = scratch[j]!;
    scratch[j] = t;
  }
  return scratch.slice(0, k);
}

/** Writes the history; returns what it wrote. Runs synchronously on the given connection. */
export function generateHistory(sqlite: Database.Database, options: HistoryOptions): HistoryResult {
  const started = performance.now();
  if (!options.exclusive) return writeHistory(sqlite, options, null, started);
  const bulk = enterBulkLoad(sqlite);
  let result: HistoryResult;
  try {
    result = writeHistory(sqlite, options, bulk, started);
  } finally {
    bulk.leave();
  }
  // Timed to the file being back in WAL mode with every index.
  result.ms = Math.round(performance.now() - started);
  return result;
}

function writeHistory(sqlite: Database.Database, options: HistoryOptions, bulk: BulkLoad | null, started: number): HistoryResult {
  checkSize(options);
  const idSalt = (sqlite.prepare('SELECT count(*) AS n FROM halls').get() as { n: number }).n;
  const random = new Random(options.seed ?? 1, idSalt);
  const cinema = readCinema(sqlite, options.cinemaId);
  const rule: BusinessDayRule = { timezone: cinema.timezone, dayStart: cinema.business_day_start };
  const firstDate = addBusinessDays(options.endDate, -options.days);
  const lastDate = addBusinessDays(options.endDate, -1);
  const origin = options.terminalId;
  let hlcCounter = 0;
  /** Synced columns for a row born at `at` (ms): created_at, a hybrid-logical-clock updated_at, origin. */
  const stampAt = (at: number) => {
    hlcCounter = (hlcCounter + 1) % 100_000;
    return { created_at: new Date(at).toISOString(), updated_at: formatHlc({ wall: at, counter: hlcCounter, node: origin }), origin };
  };
  /** The same hybrid-logical-clock updated_at as stampAt's, for the rows bound by position. */
  const hlcAt = (at: number) => {
    hlcCounter = (hlcCounter + 1) % 100_000;
    return formatHlc({ wall: at, counter: hlcCounter, node: origin });
  };
  const seedAt = businessDayRange(firstDate, rule).from.getTime() - 30 * 24 * 60 * MINUTE;

  const factors = readPriceFactors(sqlite, cinema.id);

  const ins = prepareHistoryInserts(sqlite);

  const result = emptyResult(firstDate, lastDate, options.halls);

  const inBulk = bulkTransactions(sqlite);
  // The days' rows (a million tickets and their orders, lines, payments) are loaded the way bulk
  // loads are: the triggers of those tables are dropped inside the week's transaction and created
  // again, from their own SQL, before it commits — so no other connection ever sees them missing.
  // A trigger costs more than the row it fires on (a ticket insert: ~60 µs with its two triggers,
  // ~25 µs without). What they would have done: the outbox stays empty (above), every ticket is in
  // its session's hall by construction (generate-history.test.ts checks it), and the report sums
  // (migration 0002) are added up as the rows are made and written with the week.
  const triggers = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')}) ORDER BY name`)
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  // The report sums of the week's rows, as the dropped triggers would have added them (history-report-sums.ts).
  const sums = createReportSums(sqlite, cinema.id);
  const inBulkWithoutTriggers = (work: () => void): void =>
    inBulk(() => {
      for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
      work();
      for (const t of triggers) sqlite.exec(t.sql);
      sums.flush();
    });

  // --- Reference data: halls, staff, distributors, films + contracts, concessions, promocode, customers.
  const reference = inBulk(() => writeReferenceData({ sqlite, options, ins, random, cinemaId: cinema.id, seedAt, stampAt, firstDate, lastDate, result }));

  // --- The days: sessions, shifts, orders. One transaction per week of history.
  const { halls, cashierIds, films, items, promocodeId, customers } = reference;
  const orderSeqRow = sqlite.prepare(`SELECT value FROM local_meta WHERE key = 'order_sequence'`).get() as { value: string } | undefined;
  let orderSeq = Number(orderSeqRow?.value ?? '0');
  const scratch: number[] = [];

  const closeShift = sqlite.prepare('UPDATE shifts SET expected_cash = ?, counted_cash = ?, difference = ? WHERE id = ?');
  const generateDay = (dayIndex: number) => {
    const date = addBusinessDays(firstDate, dayIndex);
    const dayFrom = businessDayRange(date, rule).from.getTime();
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const dayBoost = weekday === 5 || weekday === 6 ? 1.35 : weekday === 0 ? 1.2 : weekday === 2 ? 1.05 : 0.8;
    const showing = films.filter((f) => f.start <= date && date <= f.end);
    if (showing.length === 0) return;
    // Opening 09:00 local (business day starts at its configured hour; offsets are from there).
    const dayStartMinutes = Number(rule.dayStart.slice(0, 2)) * 60 + Number(rule.dayStart.slice(3, 5));
    const at = (localMinutes: number) => dayFrom + (localMinutes - dayStartMinutes) * MINUTE;
    const openAt = at(9 * 60);
    const midAt = at(17 * 60);
    const closeAt = at(24 * 60);
    const shiftA: ShiftPlan = { id: random.uuid7(openAt), cashierId: cashierIds[(dayIndex * 2) % cashierIds.length]!, openedAt: openAt, closedAt: midAt, cashIn: 0, cashOut: 0 };
    const shiftB: ShiftPlan = { id: random.uuid7(openAt), cashierId: cashierIds[(dayIndex * 2 + 1) % cashierIds.length]!, openedAt: midAt, closedAt: closeAt, cashIn: 0, cashOut: 0 };
    // Shifts are written first (orders refer to them) and updated with their cash at the end.
    for (const s of [shiftA, shiftB]) {
      ins.shift.run({
        id: s.id,
        cinema_id: cinema.id,
        terminal_id: options.terminalId,
        cashier_id: s.cashierId,
        opened_at: new Date(s.openedAt).toISOString(),
        opening_float: 20_000,
        closed_at: new Date(s.closedAt).toISOString(),
        counted_cash: 20_000,
        expected_cash: 20_000,
        difference: 0,
        status: 'CLOSED',
        ...stampAt(s.openedAt),
      });
    }
    result.shifts += 2;

    halls.forEach((hall, hallIndex) => {
      // First show between 10:00 and 11:00 local, last start no later than 23:00.
      let t = 10 * 60 + ((hallIndex * 15) % 60);
      let turn = dayIndex + hallIndex;
      while (t <= 23 * 60) {
        const suitable = showing.filter((f) => (t < 17 * 60 ? !f.late || showing.length < 3 : !f.family || t < 19 * 60));
        const pool = suitable.length > 0 ? suitable : showing;
        const film = pool[turn++ % pool.length]!;
        const ads = t >= 18 * 60 ? 20 : 15;
        const startsAt = at(t);
        const endsAt = startsAt + (ads + film.minutes) * MINUTE;
        const hh = String(Math.floor(t / 60) % 24).padStart(2, '0');
        const mm = String(t % 60).padStart(2, '0');
        const basePrice = basePriceAt(hall.type, `${hh}:${mm}`);
        const sessionId = random.uuid7(startsAt);
        ins.session.run({
          id: sessionId,
          film_id: film.id,
          hall_id: hall.id,
          starts_at: new Date(startsAt).toISOString(),
          ends_at: new Date(endsAt).toISOString(),
          ads_minutes: ads,
          base_price: basePrice,
          format: hall.type === 'IMAX' ? 'IMAX' : '2D',
          language: 'de',
          status: 'CLOSED',
          ...stampAt(startsAt - 14 * 24 * 60 * MINUTE),
        });
        result.sessions++;

        // How full: the film's appeal fading week by week, the weekday, the hour, and chance.
        const filmWeek = Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${film.start}T00:00:00Z`)) / (7 * 86_400_000));
        const hourFactor = t < 14 * 60 ? (film.family ? 0.8 : 0.35) : t < 17 * 60 ? 0.6 : t < 21 * 60 ? 1 : 0.7;
        const occupancy = Math.min(0.97, film.appeal * Math.pow(0.8, filmWeek) * dayBoost * hourFactor * (0.7 + random.next() * 0.8));
        const sold = Math.min(hall.seats.length, Math.round(hall.seats.length * occupancy));
        const seatIndexes = pickSeats(random, scratch, hall.seats.length, sold);

        let k = 0;
        while (k < seatIndexes.length) {
          const group = Math.min(seatIndexes.length - k, random.pick([1, 2, 2, 2, 3, 4, 4, 5]));
          // Bought up to four hours ahead, never before the box office opened that day.
          const soldAt = startsAt - random.int(3, Math.max(3, Math.min(240, Math.floor((startsAt - openAt) / MINUTE)))) * MINUTE;
          const shift = soldAt < midAt ? shiftA : shiftB;
          sellOrder({ sessionId, film, hall, seatIndexes: seatIndexes.slice(k, k + group), basePrice, soldAt, startsAt, shift });
          k += group;
        }
        t = Math.ceil((t + ads + film.minutes + hall.cleaning) / 5) * 5;
      }
    });

    // Walk-up concession sales with no ticket: a few per day.
    for (let i = 0; i < halls.length * 3; i++) {
      const soldAt = openAt + random.int(30, 13 * 60) * MINUTE;
      sellOrder({ sessionId: null, film: null, hall: null, seatIndexes: [], basePrice: 0, soldAt, startsAt: soldAt + 60 * MINUTE, shift: soldAt < midAt ? shiftA : shiftB });
    }

    for (const s of [shiftA, shiftB]) {
      const expected = 20_000 + s.cashIn - s.cashOut;
      // Most drawers are right; some are a little off (the Z report shows the difference).
      const counted = random.chance(0.1) ? expected + random.int(-500, 300) : expected;
      closeShift.run(expected, Math.max(0, counted), Math.max(0, counted) - expected, s.id);
    }
  };

  const sellOrder = (sale: Sale) => {
    const orderId = random.uuid7(sale.soldAt);
    const soldIso = new Date(sale.soldAt).toISOString();
    const promo = sale.seatIndexes.length > 0 && random.chance(0.04);
    const tickets = ticketsOf(random, sale, factors, promo);
    const lines = snackLinesOf(random, sale, items);
    const subtotal = tickets.reduce((s, t) => s + t.price, 0) + lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const discount = tickets.reduce((s, t) => s + t.discount, 0);
    const total = subtotal - discount;

    // Loyalty: a customer on some orders; points pay part of a few of them.
    const customer = random.chance(0.12) ? random.pick(customers) : null;
    let bonusRedeemed = 0;
    if (customer && customer.balance >= 500 && random.chance(0.4)) {
      bonusRedeemed = Math.min(customer.balance, percentOfFloor(total, cinema.bonus_max_share_bp));
    }
    const paidWithMoney = total - bonusRedeemed;
    const bonusEarned = customer ? percentOfFloor(paidWithMoney, cinema.bonus_accrual_bp) : 0;
    const refunded = random.chance(0.015);
    orderSeq++;
    ins.order.run(
      orderId,
      formatOrderNumber(options.terminalId, orderSeq),
      cinema.id,
      options.terminalId,
      sale.shift.cashierId,
      sale.shift.id,
      customer?.id ?? null,
      promo ? promocodeId : null,
      subtotal,
      discount,
      total,
      bonusRedeemed,
      bonusEarned,
      refunded ? 'REFUNDED' : 'PAID',
      soldIso,
      soldIso,
      hlcAt(sale.soldAt),
      origin,
    );
    result.orders++;
    for (const t of tickets) {
      ins.ticket.run(
        t.id,
        sale.sessionId,
        t.seatId,
        orderId,
        t.type,
        t.price,
        t.discount,
        refunded ? 'REFUNDED' : 'SOLD',
        // Past tickets are never shown at the door again, so they carry a marker instead of a
        // signature (signing a million payloads would dominate the load for nothing).
        `HISTORY:${t.id}`,
        sale.shift.cashierId,
        options.terminalId,
        soldIso,
        soldIso,
        hlcAt(sale.soldAt),
        origin,
      );
    }
    result.tickets += tickets.length;
    const hour = soldIso.slice(0, 13);
    const kept = refunded ? [] : tickets;
    const gross = kept.reduce((sum, t) => sum + t.price, 0);
    const ticketDiscount = kept.reduce((sum, t) => sum + t.discount, 0);
    const concessions = refunded ? 0 : lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    sums.add(sums.hours, `${hour}\u0000${sale.shift.cashierId}`, [1, concessions, kept.length, gross, ticketDiscount]);
    if (kept.length > 0) sums.add(sums.days, `${soldIso.slice(0, 10)}\u0000${sale.film!.id}\u0000${sale.hall!.id}`, [kept.length, gross, ticketDiscount]);
    for (const l of lines) {
      ins.line.run(l.id, orderId, l.itemId, l.quantity, l.unitPrice, 0, l.quantity * l.unitPrice, l.vat, refunded ? l.quantity : 0, soldIso, hlcAt(sale.soldAt), origin);
    }
    result.concessionLines += lines.length;

    const payments = paymentsOf(random, sale, bonusRedeemed, paidWithMoney);
    for (const p of payments) {
      ins.payment.run(p.id, orderId, sale.shift.id, p.method, 'PAYMENT', p.amount, p.tendered, p.change, p.approval, p.last4, null, soldIso, hlcAt(sale.soldAt), origin);
    }
    result.payments += payments.length;
    for (const p of payments) sums.add(sums.payments, `${hour}\u0000${p.method}\u0000PAYMENT`, [1, p.amount]);
    if (customer) {
      if (bonusRedeemed > 0) {
        ins.bonus.run({ id: random.uuid7(sale.soldAt), account_id: customer.accountId, kind: 'REDEMPTION', amount: -bonusRedeemed, order_id: orderId, note: 'History', ...stampAt(sale.soldAt) });
        customer.balance -= bonusRedeemed;
      }
      if (bonusEarned > 0) {
        ins.bonus.run({ id: random.uuid7(sale.soldAt), account_id: customer.accountId, kind: 'ACCRUAL', amount: bonusEarned, order_id: orderId, note: 'History', ...stampAt(sale.soldAt) });
        customer.balance += bonusEarned;
      }
    }

    if (refunded) {
      // Refunded before the show, in the same shift, back to the original methods (rule 8).
      const refundAt = Math.min(sale.startsAt - MINUTE, sale.soldAt + random.int(1, 30) * MINUTE, sale.shift.closedAt - MINUTE);
      const at = Math.max(refundAt, sale.soldAt);
      const atIso = new Date(at).toISOString();
      for (const p of payments) {
        ins.payment.run(random.uuid7(at), orderId, sale.shift.id, p.method, 'REFUND', p.amount, null, null, p.approval, p.last4, p.id, atIso, hlcAt(at), origin);
        if (p.method === 'CASH') sale.shift.cashOut += p.amount;
        sums.add(sums.payments, `${atIso.slice(0, 13)}\u0000${p.method}\u0000REFUND`, [1, p.amount]);
      }
      result.payments += payments.length;
      for (const t of tickets) ins.revocation.run({ id: random.uuid7(at), ticket_id: t.id, reason: 'REFUNDED', revoked_at: atIso, ...stampAt(at) });
      if (customer) {
        // The accrual is reversed and the redeemed points come back.
        const back = bonusRedeemed - bonusEarned;
        if (back !== 0) ins.bonus.run({ id: random.uuid7(at), account_id: customer.accountId, kind: 'REVERSAL', amount: back, order_id: orderId, note: 'History refund', ...stampAt(at) });
        customer.balance += back;
      }
      result.refundedOrders++;
    }
  };

  withLoadMemory(sqlite, () => {
    for (let week = 0; week * 7 < options.days; week++) {
      inBulkWithoutTriggers(() => {
        for (let d = week * 7; d < Math.min(options.days, week * 7 + 7); d++) generateDay(d);
      });
    }
    bulk?.rebuildIndexes();
  });
  inBulk(() => {
    sqlite.prepare(`INSERT INTO local_meta (key, value) VALUES ('order_sequence', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(orderSeq));
  });
  result.ms = Math.round(performance.now() - started);
  return result;
}

interface Sale {
  sessionId: string | null;
  film: FilmPlan | null;
  hall: HallPlan | null;
  seatIndexes: number[];
  basePrice: number;
  soldAt: number;
  startsAt: number;
  shift: ShiftPlan;
}

const TICKET_TYPES: readonly TicketType[] = ['ADULT', 'CHILD', 'STUDENT', 'SENIOR'];

/** A sale's tickets: types as a family film or an evening film's audience buys them, priced as the counter would. */
function ticketsOf(random: Random, sale: Sale, factors: PriceFactors, promo: boolean) {
  return sale.seatIndexes.map((si) => {
    const seat = sale.hall!.seats[si]!;
    const roll = random.next();
    const type: TicketType = sale.film!.family ? (roll < 0.5 ? 'CHILD' : roll < 0.9 ? 'ADULT' : 'SENIOR') : roll < 0.72 ? 'ADULT' : roll < 0.86 ? 'STUDENT' : roll < 0.95 ? 'SENIOR' : 'CHILD';
    const price = ticketPrice(sale.basePrice, seat.kind, TICKET_TYPES.includes(type) ? type : 'ADULT', factors);
    return { id: random.uuid7(sale.soldAt), seatId: seat.id, type, price, discount: promo ? percentOf(price, 1500) : 0 };
  });
}

/** Snacks with some ticket sales (and every snack-only sale): up to three lines. */
function snackLinesOf(random: Random, sale: Sale, items: readonly { id: string; price: number; vat_bp: number }[]) {
  const lines: { id: string; itemId: string; quantity: number; unitPrice: number; vat: number }[] = [];
  if (random.chance(sale.seatIndexes.length === 0 ? 1 : 0.4)) {
    const n = random.int(1, Math.max(1, Math.min(3, sale.seatIndexes.length)));
    for (let i = 0; i < n; i++) {
      const item = random.pick(items);
      lines.push({ id: random.uuid7(sale.soldAt), itemId: item.id, quantity: random.int(1, 2), unitPrice: item.price, vat: item.vat_bp });
    }
  }
  return lines;
}

/** Payments: points first, then card (55 %) or cash with notes tendered and change given (the cash goes into the shift's drawer). */
function paymentsOf(random: Random, sale: Sale, bonusRedeemed: number, paidWithMoney: number) {
  const payments: { id: string; method: 'CASH' | 'CARD' | 'BONUS'; amount: number; tendered: number | null; change: number | null; approval: string | null; last4: string | null }[] = [];
  if (bonusRedeemed > 0) payments.push({ id: random.uuid7(sale.soldAt), method: 'BONUS', amount: bonusRedeemed, tendered: null, change: null, approval: null, last4: null });
  if (paidWithMoney <= 0) return payments;
  if (random.chance(0.55)) {
    // In this order: the same seed gives the same history.
    const id = random.uuid7(sale.soldAt);
    const approval = String(random.int(100_000, 999_999));
    const last4 = String(random.int(0, 9999)).padStart(4, '0');
    payments.push({ id, method: 'CARD', amount: paidWithMoney, tendered: null, change: null, approval, last4 });
  } else {
    const note = random.pick([500, 1000, 2000, 5000]);
    const tendered = Math.ceil(paidWithMoney / note) * note;
    payments.push({ id: random.uuid7(sale.soldAt), method: 'CASH', amount: paidWithMoney, tendered, change: tendered - paidWithMoney, approval: null, last4: null });
    sale.shift.cashIn += paidWithMoney;
  }
  return payments;
}

function checkSize(options: HistoryOptions): void {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 3660) throw new RangeError('days must be a whole number from 1 to 3660');
  if (!Number.isInteger(options.halls) || options.halls < 1 || options.halls > 40) throw new RangeError('halls must be a whole number from 1 to 40');
}

interface HistoryCinema {
  id: string;
  timezone: string;
  business_day_start: string;
  ticket_vat_bp: number;
  bonus_accrual_bp: number;
  bonus_max_share_bp: number;
}

function readCinema(sqlite: Database.Database, cinemaId: string): HistoryCinema {
  const cinema = sqlite
    .prepare('SELECT id, timezone, business_day_start, ticket_vat_bp, bonus_accrual_bp, bonus_max_share_bp FROM cinemas WHERE id = ?')
    .get(cinemaId) as HistoryCinema | undefined;
  if (!cinema) throw new Error(`There is no cinema ${cinemaId} to generate history for.`);
  return cinema;
}

/** Price factors as the cinema has them (demo factors where it has none). */
function readPriceFactors(sqlite: Database.Database, cinemaId: string): PriceFactors {
  const rows = sqlite.prepare('SELECT dimension, key, factor_bp FROM price_factors WHERE cinema_id = ?').all(cinemaId) as { dimension: string; key: string; factor_bp: number }[];
  const factors: PriceFactors = rows.length ? { seatKind: {}, ticketType: {} } : { seatKind: { ...DEMO_SEAT_KIND_FACTORS }, ticketType: { ...DEMO_TICKET_TYPE_FACTORS } };
  for (const f of rows) {
    if (f.dimension === 'SEAT_KIND') factors.seatKind[f.key as SeatKind] = f.factor_bp;
    else factors.ticketType[f.key as TicketType] = f.factor_bp;
  }
  return factors;
}

function emptyResult(firstDate: string, lastDate: string, halls: number): HistoryResult {
  return { firstDate, lastDate, halls, seats: 0, films: 0, contracts: 0, sessions: 0, orders: 0, tickets: 0, refundedOrders: 0, concessionLines: 0, payments: 0, shifts: 0, ms: 0 };
}

/**
 * History is local bulk data, not something this terminal should push to the central database
 * (the central side would receive a year of invented sales): it gets no outbox rows. Its rows are
 * written with the outbox silenced (`sync_apply_flag.applying = 1`, exactly as during a sync pull;
 * set inside each transaction and reset before it commits, so no other write ever sees it on).
 */
function bulkTransactions(sqlite: Database.Database): <T>(work: () => T) => T {
  const silenceOutbox = sqlite.prepare('UPDATE sync_apply_flag SET applying = ? WHERE id = 1');
  return <T>(work: () => T): T =>
    sqlite.transaction(() => {
      silenceOutbox.run(1);
      const value = work();
      silenceOutbox.run(0);
      return value;
    })();
}

/** Runs a bulk load with the connection's temp store and page cache made for it, given back afterwards. */
function withLoadMemory(sqlite: Database.Database, load: () => void): void {
  // Statement journals (SQLite's per-statement undo, needed because of the triggers and foreign
  // keys) go to a temp file by default: millions of tiny writes for a bulk load. In memory here.
  const tempStore = sqlite.pragma('temp_store', { simple: true }) as number;
  sqlite.pragma('temp_store = MEMORY');
  // A year is a gigabyte of rows and indexes: with SQLite's default 2 MB page cache, every insert
  // into an index away from its end (seat, cashier) reads its pages back from the OS. 256 MB for
  // the load, given back afterwards.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  try {
    load();
  } finally {
    sqlite.pragma(`temp_store = ${Number(tempStore)}`);
    sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}

/**
 * Bulk-load settings for a file no other connection uses (see `HistoryOptions.exclusive`): the
 * journal in memory (a failed week still rolls back) instead of the WAL, no fsync, and the
 * non-unique indexes of the bulk tables dropped, to be created again from their own SQL by
 * `rebuildIndexes()`. UNIQUE indexes stay (one seat sold once per session, order numbers) and
 * check every row as it comes. `leave()` puts WAL mode and the connection's synchronous level back.
 */
interface BulkLoad {
  rebuildIndexes(): void;
  leave(): void;
}

function enterBulkLoad(sqlite: Database.Database): BulkLoad {
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const journal = sqlite.pragma('journal_mode', { simple: true }) as string;
  let switched: string;
  try {
    switched = sqlite.pragma('journal_mode = MEMORY', { simple: true }) as string;
  } catch (error) {
    switched = (error as Error).message;
  }
  if (switched !== 'memory') throw new Error(`The database file is in use by another connection (${switched}): a bulk load needs it alone. Close the app first.`);
  sqlite.pragma('synchronous = OFF');
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
       AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  sqlite.transaction(() => {
    for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name}"`);
  })();
  let rebuilt = false;
  return {
    rebuildIndexes() {
      // Each CREATE INDEX reads its whole table (tickets: ~400 MB, more than the page cache):
      // through a memory map instead of a read() into the cache per page.
      const mmapSize = sqlite.pragma('mmap_size', { simple: true }) as number;
      sqlite.pragma('mmap_size = 4294967296');
      try {
        sqlite.transaction(() => {
          for (const i of indexes) sqlite.exec(i.sql);
        })();
      } finally {
        sqlite.pragma(`mmap_size = ${Number(mmapSize)}`);
      }
      rebuilt = true;
    },
    leave() {
      // After a failure the indexes still come back (the rows are there, only incomplete).
      if (!rebuilt) this.rebuildIndexes();
      sqlite.pragma(`synchronous = ${Number(synchronous)}`);
      sqlite.pragma(`journal_mode = ${journal}`);
    },
  };
}
