import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays, businessDateOf } from '../../../shared/business-day';
import { manualClock } from '../clock';
import { startCore, type Core } from '../app-core';
import { DEMO_CINEMA, DEMO_DAYS, DEMO_LOGINS, DEMO_LAST_START, DEMO_FILMS, planDemoWeek, hallSeats, DEMO_HALLS } from './seed-demo';

const NOW = '2026-11-25T12:00:00Z';
const rule = { timezone: DEMO_CINEMA.timezone, dayStart: DEMO_CINEMA.businessDayStart };
const quietLog = { info: () => undefined, error: () => undefined };

let dir: string;
let core: Core;

const open = () => startCore({ dataDir: dir, demo: true, clock: manualClock(NOW), log: quietLog });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'box-office-demo-'));
  core = await open();
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const db = () => core.services.db;

const MINUTE = 60_000;
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const localHHMM = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: DEMO_CINEMA.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function sessionsWithHalls() {
  return db()
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .select(['s.id', 's.hall_id', 's.film_id', 's.starts_at', 's.ends_at', 's.ads_minutes', 's.status', 's.base_price', 's.format', 'h.cleaning_minutes', 'h.type as hall_type', 'f.duration_minutes'])
    .orderBy('s.hall_id')
    .orderBy('s.starts_at')
    .execute();
}

describe('demo data', () => {
  it('creates one cinema with this terminal registered for it', async () => {
    const cinemas = await db().selectFrom('cinemas').selectAll().execute();
    expect(cinemas).toHaveLength(1);
    expect(cinemas[0]).toMatchObject({ name: 'Aurora Cinema', timezone: 'Europe/Berlin', currency: 'EUR', ticket_vat_bp: 700 });
    expect(core.terminal().cinemaId).toBe(cinemas[0]!.id);
    const terminal = await db().selectFrom('terminals').selectAll().where('id', '=', core.terminal().id).executeTakeFirstOrThrow();
    expect(terminal.cinema_id).toBe(cinemas[0]!.id);
    expect(terminal.public_key).toBe(core.services.signing.publicKeyPem);
  });

  it('has a standard hall of ≈120 seats, a VIP hall of ≈40 with loveseats and an IMAX hall of ≈300', async () => {
    const rows = await db()
      .selectFrom('seats')
      .innerJoin('halls', 'halls.id', 'seats.hall_id')
      .select(['halls.type', 'seats.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['halls.type', 'seats.kind'])
      .execute();
    const count = (type: string, kind?: string) => rows.filter((r) => r.type === type && (!kind || r.kind === kind)).reduce((s, r) => s + Number(r.n), 0);
    expect(count('STANDARD')).toBe(120);
    expect(count('VIP')).toBe(40);
    expect(count('VIP', 'LOVESEAT')).toBeGreaterThanOrEqual(8);
    expect(count('VIP', 'LOVESEAT') % 2).toBe(0);
    expect(count('IMAX')).toBe(300);
    expect(count('IMAX', 'WHEELCHAIR')).toBeGreaterThan(0);
    const halls = await db().selectFrom('halls').select(['type', 'cleaning_minutes']).orderBy('name').execute();
    expect(halls.map((h) => [h.type, h.cleaning_minutes])).toEqual([
      ['STANDARD', 15],
      ['VIP', 20],
      ['IMAX', 25],
    ]);
  });

  it('lays seats out on the grid: rows A… front to back, numbers left to right, aisles as gaps', async () => {
    const seats = await db().selectFrom('seats').innerJoin('halls', 'halls.id', 'seats.hall_id').select(['halls.type', 'row_label', 'number', 'grid_x', 'grid_y']).execute();
    const standard = seats.filter((s) => s.type === 'STANDARD');
    const rowA = standard.filter((s) => s.row_label === 'A').sort((a, b) => a.number - b.number);
    expect(rowA.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The centre aisle: one empty column between seat 6 and 7.
    expect(rowA[6]!.grid_x - rowA[5]!.grid_x).toBe(2);
    expect(new Set(standard.map((s) => s.row_label))).toEqual(new Set('ABCDEFGHIJ'));
    for (const s of seats) expect(s.grid_y).toBe(s.row_label.charCodeAt(0) - 'A'.charCodeAt(0));
    // x grows with the seat number in every row.
    const byRow = groupBy(seats, (s) => `${s.type}/${s.row_label}`);
    for (const row of byRow.values()) {
      const sorted = [...row].sort((a, b) => a.number - b.number);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.grid_x).toBeGreaterThan(sorted[i - 1]!.grid_x);
    }
  });

  it('puts a companion seat right beside every wheelchair place, and loveseats in adjacent pairs', async () => {
    const seats = await db().selectFrom('seats').select(['hall_id', 'row_label', 'number', 'grid_x', 'grid_y', 'kind']).execute();
    const at = new Map(seats.map((s) => [`${s.hall_id}/${s.grid_x}/${s.grid_y}`, s]));
    const wheelchairs = seats.filter((s) => s.kind === 'WHEELCHAIR');
    expect(wheelchairs.length).toBeGreaterThanOrEqual(2);
    for (const w of wheelchairs) {
      const beside = [at.get(`${w.hall_id}/${w.grid_x - 1}/${w.grid_y}`), at.get(`${w.hall_id}/${w.grid_x + 1}/${w.grid_y}`)];
      expect(beside.some((s) => s?.kind === 'COMPANION'), `companion beside ${w.row_label}${w.number}`).toBe(true);
    }
    for (const l of seats.filter((s) => s.kind === 'LOVESEAT')) {
      const partnerX = l.number % 2 === 1 ? l.grid_x + 1 : l.grid_x - 1;
      expect(at.get(`${l.hall_id}/${partnerX}/${l.grid_y}`)?.kind, `partner of ${l.row_label}${l.number}`).toBe('LOVESEAT');
    }
  });

  it('programmes 7 business days from today in every hall, from about 10:00 to 23:30, on sale', async () => {
    const sessions = await sessionsWithHalls();
    const today = businessDateOf(new Date(NOW), rule);
    expect(today).toBe('2026-11-25');
    const expectedDays = Array.from({ length: DEMO_DAYS }, (_, i) => addBusinessDays(today, i));
    const halls = await db().selectFrom('halls').select('id').execute();
    for (const hall of halls) {
      const days = new Set(sessions.filter((s) => s.hall_id === hall.id).map((s) => businessDateOf(s.starts_at, rule)));
      expect([...days].sort()).toEqual(expectedDays);
    }
    for (const s of sessions) {
      const start = localHHMM(s.starts_at);
      expect(start >= '10:00' && start <= DEMO_LAST_START, `${s.starts_at} starts at ${start}`).toBe(true);
      expect(new Date(s.starts_at).getTime() % (5 * MINUTE)).toBe(0);
      expect(s.status).toBe('ON_SALE');
      expect(s.ads_minutes).toBeGreaterThanOrEqual(15);
      expect(s.ads_minutes).toBeLessThanOrEqual(20);
      expect(new Date(s.ends_at).getTime() - new Date(s.starts_at).getTime()).toBe((s.ads_minutes + s.duration_minutes) * MINUTE);
      expect(s.base_price).toBeGreaterThan(0);
      if (s.hall_type === 'IMAX') expect(s.format).toBe('IMAX');
      else expect(['2D', '3D']).toContain(s.format);
    }
    // Matinee is cheaper than the evening in the same hall.
    const standard = sessions.filter((s) => s.hall_type === 'STANDARD');
    const matinee = standard.find((s) => localHHMM(s.starts_at) < '17:00')!;
    const evening = standard.find((s) => localHHMM(s.starts_at) >= '17:00')!;
    expect(matinee.base_price).toBeLessThan(evening.base_price);
  });

  it('never overlaps two sessions of one hall, counting ads, film and cleaning (rule 1)', async () => {
    const sessions = await sessionsWithHalls();
    expect(sessions.length).toBeGreaterThan(60);
    for (let i = 1; i < sessions.length; i++) {
      const [a, b] = [sessions[i - 1]!, sessions[i]!];
      if (a.hall_id !== b.hall_id) continue;
      const busyUntil = new Date(a.starts_at).getTime() + (a.ads_minutes + a.duration_minutes + a.cleaning_minutes) * MINUTE;
      expect(new Date(b.starts_at).getTime(), `${b.starts_at} after ${a.starts_at}`).toBeGreaterThanOrEqual(busyUntil);
    }
  });

  it('shows every film, and every session lies inside an ACTIVE contract of its film for this cinema', async () => {
    const sessions = await sessionsWithHalls();
    expect(new Set(sessions.map((s) => s.film_id)).size).toBe(DEMO_FILMS.length);
    const contracts = await db().selectFrom('rental_contracts').selectAll().where('status', '=', 'ACTIVE').execute();
    expect(contracts).toHaveLength(DEMO_FILMS.length);
    const cinemaId = core.terminal().cinemaId;
    for (const s of sessions) {
      const first = businessDateOf(s.starts_at, rule);
      const last = businessDateOf(s.ends_at, rule);
      const covering = contracts.filter((c) => c.film_id === s.film_id && c.cinema_id === cinemaId && c.start_date <= first && last <= c.end_date);
      expect(covering, `contract for session ${s.id}`).toHaveLength(1);
    }
    // Contracts start before the demo week.
    for (const c of contracts) expect(c.start_date < '2026-11-25').toBe(true);
  });

  it('gives every contract contiguous weekly splits, and has one 90/10 deal and some guarantees', async () => {
    const contracts = await db().selectFrom('rental_contracts').selectAll().execute();
    const splits = await db().selectFrom('contract_splits').selectAll().orderBy('week_number').execute();
    for (const c of contracts) {
      const weeks = splits.filter((s) => s.contract_id === c.id);
      expect(weeks.map((w) => w.week_number)).toEqual(weeks.map((_, i) => i + 1));
      expect(weeks.length).toBeGreaterThanOrEqual(3);
      for (const w of weeks) expect(w.percent_bp > 0 && w.percent_bp <= 10_000).toBe(true);
    }
    const ninetyTen = contracts.filter((c) => c.deal_type === 'NINETY_TEN');
    expect(ninetyTen).toHaveLength(1);
    expect(ninetyTen[0]!.house_allowance).toBeGreaterThan(0);
    expect(contracts.filter((c) => c.minimum_guarantee !== null).length).toBeGreaterThan(0);
    const films = await db().selectFrom('films').selectAll().execute();
    for (const f of films) {
      expect(f.duration_minutes).toBeGreaterThanOrEqual(85);
      expect(f.duration_minutes).toBeLessThanOrEqual(170);
      expect(JSON.parse(f.genres)).not.toHaveLength(0);
      expect(f.distributor_id).not.toBeNull();
    }
    expect(await db().selectFrom('distributors').selectAll().execute()).toHaveLength(4);
  });

  it('configures prices, concessions, a promocode and loyalty customers with an opening balance', async () => {
    const factors = await db().selectFrom('price_factors').select(['dimension', 'key', 'factor_bp']).execute();
    const factor = (dimension: string, key: string) => factors.find((f) => f.dimension === dimension && f.key === key)?.factor_bp;
    expect(factor('SEAT_KIND', 'VIP')).toBe(15_000);
    expect(factor('SEAT_KIND', 'WHEELCHAIR')).toBe(10_000);
    expect(factor('TICKET_TYPE', 'CHILD')).toBe(7_000);
    expect(factor('TICKET_TYPE', 'SENIOR')).toBe(7_500);
    const defaults = await db().selectFrom('price_defaults').selectAll().execute();
    expect(new Set(defaults.map((d) => d.hall_type))).toEqual(new Set(['STANDARD', 'VIP', 'IMAX', '4DX']));

    const items = await db().selectFrom('concession_items').selectAll().execute();
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.some((i) => i.stock !== null)).toBe(true);
    expect(new Set(items.map((i) => i.vat_bp))).toEqual(new Set([700, 1900]));

    const promo = await db().selectFrom('promocodes').selectAll().executeTakeFirstOrThrow();
    expect(promo).toMatchObject({ code: 'WELCOME10', kind: 'PERCENT', value: 1000, max_uses: 500, per_customer_limit: 1, applies_to: 'TICKETS', active: 1 });
    expect(promo.valid_from! <= '2026-11-25' && promo.valid_to! >= '2027-02-25').toBe(true);

    const balances = await db()
      .selectFrom('bonus_balances')
      .innerJoin('bonus_accounts', 'bonus_accounts.id', 'bonus_balances.account_id')
      .select(['bonus_accounts.card_number', 'bonus_balances.balance'])
      .execute();
    expect(balances.length).toBeGreaterThanOrEqual(3);
    for (const b of balances) expect(b.balance).toBeGreaterThan(0);
    const kinds = await db().selectFrom('bonus_transactions').select('kind').distinct().execute();
    expect(kinds).toEqual([{ kind: 'ADJUSTMENT' }]);
  });

  it('lets each of the four demo users sign in with the role README lists, and the manager has a PIN', async () => {
    expect(DEMO_LOGINS.map((l) => l.role).sort()).toEqual(['ADMIN', 'CASHIER', 'MANAGER', 'USHER']);
    for (const login of DEMO_LOGINS) {
      const result = await core.call({ op: 'auth.login', input: { username: login.username, password: login.password } });
      expect(result, login.username).toMatchObject({ ok: true, value: { user: { username: login.username, role: login.role } } });
    }
    const manager = await db().selectFrom('users').selectAll().where('username', '=', 'manager').executeTakeFirstOrThrow();
    const { verifySecret } = await import('../auth/password');
    expect(await verifySecret('2468', manager.pin_hash!)).toBe(true);
  });

  it('records the seed in the audit log and leaves no broken foreign key', async () => {
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'demo.seed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ halls: 3, seats: 460, films: 12, firstBusinessDate: '2026-11-25' });
    const { rows } = await sql`PRAGMA foreign_key_check`.execute(db());
    expect(rows).toEqual([]);
  });

  it('does nothing on a second start of the same folder', async () => {
    const tables = ['cinemas', 'halls', 'seats', 'films', 'rental_contracts', 'sessions', 'users', 'customers', 'concession_items', 'promocodes', 'audit_log'] as const;
    const countAll = async () =>
      Object.fromEntries(
        await Promise.all(tables.map(async (t) => [t, Number((await db().selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)] as const)),
      );
    const before = await countAll();
    const cinemaId = core.terminal().cinemaId;
    await core.close();
    core = await open();
    expect(await countAll()).toEqual(before);
    expect(core.terminal().cinemaId).toBe(cinemaId);
  });
});

describe('demo programme planning', () => {
  it('plans the same week for a date across the autumn daylight-saving change without overlaps', () => {
    const plan = planDemoWeek({ firstDate: '2026-10-22', days: 7, timezone: 'Europe/Berlin' });
    const byHall = groupBy(plan, (s) => s.hallKey);
    for (const [key, sessions] of byHall) {
      const cleaning = DEMO_HALLS.find((h) => h.key === key)!.cleaningMinutes;
      for (let i = 1; i < sessions.length; i++) {
        expect(sessions[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(sessions[i - 1]!.endsAt.getTime() + cleaning * MINUTE);
      }
      expect(new Set(sessions.map((s) => s.businessDate)).size).toBe(7);
    }
    // 2026-10-25 is the change: the first show is still at 10:00 local.
    const sunday = plan.filter((s) => s.businessDate === '2026-10-25' && s.hallKey === 'hall-1');
    expect(localHHMM(sunday[0]!.startsAt.toISOString())).toBe('10:00');
  });

  it('builds the seat maps the halls declare', () => {
    expect(DEMO_HALLS.map((h) => hallSeats(h).length)).toEqual([120, 40, 300]);
  });
});
