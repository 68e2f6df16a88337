import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import * as enums from '../../../shared/enums';
import { down, up } from '../../../migrations/local/0001-initial-schema';
import * as reportHourSums from '../../../migrations/local/0002-report-hour-sums';
import * as moneyTrail from '../../../migrations/local/0007-money-trail';
import * as giftVouchers from '../../../migrations/local/0010-gift-vouchers';
import * as priceCardsReservations from '../../../migrations/local/0006-price-cards-reservations-age-checks';
import { formatHlc } from '../sync/hlc';
import { migrateToLatest } from './migrate';
import { openDatabase, type LocalDatabase } from './open';
import { LOCAL_TABLES, PULLED_TABLES, SYNCED_TABLES, type DB } from './tables';

// ---------------------------------------------------------------------------------------------
// Harness: every test gets its own SQLite file in its own temp folder.

const open: { local: LocalDatabase; dir: string }[] = [];

function newFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'box-office-schema-'));
  return { dir, file: join(dir, 'terminal.db') };
}

/** A migrated database, closed and removed after the test (or after the describe, with `shared`). */
async function freshDatabase(shared?: typeof open): Promise<LocalDatabase> {
  const { dir, file } = newFile();
  const local = openDatabase(file);
  (shared ?? open).push({ local, dir });
  await migrateToLatest(local.db);
  return local;
}

async function closeAll(list = open): Promise<void> {
  for (const { local, dir } of list.splice(0)) {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

afterEach(() => closeAll());

/** Runs a statement that the schema must refuse; returns the SQLite error code. */
function refusal(local: LocalDatabase, statement: string, ...params: unknown[]): string {
  try {
    local.sqlite.prepare(statement).run(...params);
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  throw new Error(`The database accepted: ${statement}`);
}

const run = (local: LocalDatabase, statement: string, ...params: unknown[]) => local.sqlite.prepare(statement).run(...params);
const all = <T = Record<string, unknown>>(local: LocalDatabase, statement: string, ...params: unknown[]) =>
  local.sqlite.prepare(statement).all(...params) as T[];

const userTables = (local: LocalDatabase) =>
  all<{ name: string }>(
    local,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name`,
  ).map((r) => r.name);

// ---------------------------------------------------------------------------------------------
// A complete, valid data set: one row in every table, every column given (so a column missing
// from tables.ts or from the migration shows up as a type error or a failed insert).

const T0 = '2026-11-25T15:00:00.000Z';
const TERMINAL = 'terminal-1';
const HLC1 = formatHlc({ wall: Date.parse(T0), counter: 0, node: TERMINAL });
const HLC2 = formatHlc({ wall: Date.parse(T0) + 1000, counter: 0, node: TERMINAL });
const stamp = { created_at: T0, updated_at: HLC1, origin: TERMINAL };

const ID = {
  cinema: 'cinema-1',
  hall: 'hall-1',
  seat: 'seat-1',
  terminal: TERMINAL,
  user: 'user-1',
  distributor: 'distributor-1',
  film: 'film-1',
  contract: 'contract-1',
  split: 'split-1',
  override: 'override-1',
  accrual: 'payment-history-1',
  session: 'session-1',
  priceDefault: 'price-default-1',
  priceFactor: 'price-factor-1',
  hold: 'hold-1',
  customer: 'customer-1',
  account: 'account-1',
  promocode: 'promocode-1',
  promocodeFilm: 'promocode-film-1',
  item: 'item-1',
  shift: 'shift-1',
  order: 'order-1',
  bonusTransaction: 'bonus-transaction-1',
  preorder: 'preorder-1',
  line: 'line-1',
  ticket: 'ticket-1',
  revocation: 'revocation-1',
  scan: 'scan-1',
  payment: 'payment-1',
  report: 'report-1',
  audit: 'audit-1',
} as const;

type SeedEntry = { [T in keyof DB]: { table: T; values: Insertable<DB[T]> } }[keyof DB];
const entry = <T extends keyof DB>(table: T, values: Insertable<DB[T]>) => ({ table, values }) as SeedEntry;

/** In insertion order: parents first. */
function seedEntries(): SeedEntry[] {
  return [
    entry('local_meta', { key: 'terminal_id', value: TERMINAL }),
    entry('login_attempts', { username: 'anna', failures: 1, locked_until: null, last_failure_at: T0 }),
    entry('cinemas', {
      id: ID.cinema,
      name: 'Aurora',
      address: '1 Main Street',
      timezone: 'Europe/Berlin',
      currency: 'EUR',
      ticket_vat_bp: 700,
      legal_name: 'Aurora Lichtspiele GmbH',
      tax_number: 'DE123456789',
      business_day_start: '06:00',
      week_start_day: 4,
      sales_close_minutes: 15,
      hold_minutes: 5,
      bonus_accrual_bp: 1000,
      bonus_max_share_bp: 5000,
      hold_wheelchair_until_full: 1,
      reservation_release_minutes: 30,
      blind_cash_up: 1,
      id_check_ratings: '{"FSK 16":16,"FSK 18":18}',
      active: 1,
      ...stamp,
    }),
    entry('halls', { id: ID.hall, cinema_id: ID.cinema, name: 'Hall 1', type: 'STANDARD', cleaning_minutes: 15, active: 1, ...stamp }),
    entry('seats', {
      id: ID.seat,
      hall_id: ID.hall,
      row_label: 'A',
      number: 1,
      grid_x: 0,
      grid_y: 0,
      kind: 'STANDARD',
      active: 1,
      ...stamp,
    }),
    entry('terminals', { id: ID.terminal, cinema_id: ID.cinema, name: 'Counter 1', public_key: 'PEM', revoked_at: null, ...stamp }),
    entry('users', {
      id: ID.user,
      username: 'Anna',
      display_name: 'Anna Petrova',
      role: 'CASHIER',
      password_hash: 'scrypt$hash',
      pin_hash: null,
      cinema_id: ID.cinema,
      active: 1,
      language: 'de',
      ...stamp,
    }),
    entry('distributors', {
      id: ID.distributor,
      legal_name: 'Films Ltd',
      tax_id: '123',
      contact_name: 'Bob',
      email: 'bob@example.com',
      phone: '+49 30 1234',
      address: 'Berlin',
      bank_name: 'Bank',
      bank_account: 'DE00',
      bank_code: 'BIC',
      active: 1,
      ...stamp,
    }),
    entry('films', {
      id: ID.film,
      title: 'The Long Night',
      duration_minutes: 120,
      age_rating: '12+',
      genres: '["drama"]',
      release_date: '2026-11-19',
      distributor_id: ID.distributor,
      active: 1,
      ...stamp,
    }),
    entry('rental_contracts', {
      id: ID.contract,
      film_id: ID.film,
      distributor_id: ID.distributor,
      cinema_id: ID.cinema,
      start_date: '2026-11-19',
      end_date: '2026-12-31',
      deal_type: 'PERCENTAGE',
      minimum_guarantee: 50_000,
      house_allowance: null,
      status: 'ACTIVE',
      ...stamp,
    }),
    entry('contract_splits', { id: ID.split, contract_id: ID.contract, week_number: 1, percent_bp: 6000, ...stamp }),
    entry('contract_week_overrides', {
      id: ID.override,
      contract_id: ID.contract,
      week_number: 2,
      percent_bp: 5500,
      reason: 'Holiday week agreed by phone',
      user_id: ID.user,
      ...stamp,
    }),
    entry('payment_history', {
      id: ID.accrual,
      contract_id: ID.contract,
      kind: 'ACCRUAL',
      week_number: 1,
      week_start_date: '2026-11-19',
      week_end_date: '2026-11-25',
      percent_bp: 6000,
      gross: 120_000,
      discounts: 10_000,
      net: 102_803,
      amount_due: 61_682,
      amount_paid: 0,
      paid_at: null,
      method: null,
      reference: null,
      ...stamp,
    }),
    entry('sessions', {
      id: ID.session,
      film_id: ID.film,
      hall_id: ID.hall,
      starts_at: '2026-11-26T18:00:00.000Z',
      ends_at: '2026-11-26T20:15:00.000Z',
      ads_minutes: 15,
      base_price: 1000,
      format: '2D',
      language: 'de',
      subtitles: null,
      status: 'ON_SALE',
      ...stamp,
    }),
    entry('price_defaults', {
      id: ID.priceDefault,
      cinema_id: ID.cinema,
      hall_type: 'STANDARD',
      weekday_mask: 127,
      band_start: '17:00',
      band_end: '24:00',
      base_price: 1200,
      active: 1,
      ...stamp,
    }),
    entry('price_factors', { id: ID.priceFactor, cinema_id: ID.cinema, dimension: 'TICKET_TYPE', key: 'CHILD', factor_bp: 7000, ...stamp }),
    entry('price_cards', { id: 'price-card-1', cinema_id: ID.cinema, price_default_id: ID.priceDefault, ticket_type: 'ADULT', seat_kind: 'ANY', price: 1200, ...stamp }),
    entry('seat_holds', {
      id: ID.hold,
      session_id: ID.session,
      seat_id: ID.seat,
      terminal_id: ID.terminal,
      user_id: ID.user,
      created_at: T0,
      expires_at: '2026-11-25T15:05:00.000Z',
    }),
    entry('customers', {
      id: ID.customer,
      name: 'Carla',
      phone: '+49 170 000',
      email: null,
      card_number: 'C-0001',
      cinema_id: ID.cinema,
      ...stamp,
    }),
    entry('bonus_accounts', { id: ID.account, customer_id: ID.customer, card_number: 'B-0001', ...stamp }),
    entry('promocodes', {
      id: ID.promocode,
      cinema_id: null,
      code: 'SUMMER10',
      kind: 'PERCENT',
      value: 1000,
      valid_from: '2026-06-01',
      valid_to: '2026-12-31',
      max_uses: 100,
      per_customer_limit: 1,
      min_order: 0,
      applies_to: 'ALL',
      active: 1,
      ...stamp,
    }),
    entry('promocode_films', { id: ID.promocodeFilm, promocode_id: ID.promocode, film_id: ID.film, ...stamp }),
    entry('concession_items', {
      id: ID.item,
      cinema_id: ID.cinema,
      name: 'Popcorn L',
      category: 'Snacks',
      price: 550,
      vat_bp: 1900,
      stock: 40,
      active: 1,
      ...stamp,
    }),
    entry('shifts', {
      id: ID.shift,
      cinema_id: ID.cinema,
      terminal_id: ID.terminal,
      cashier_id: ID.user,
      opened_at: T0,
      opening_float: 10_000,
      closed_at: null,
      counted_cash: null,
      expected_cash: null,
      difference: null,
      status: 'OPEN',
      ...stamp,
    }),
    entry('orders', {
      id: ID.order,
      number: 'A-000001',
      cinema_id: ID.cinema,
      terminal_id: ID.terminal,
      cashier_id: ID.user,
      shift_id: ID.shift,
      customer_id: ID.customer,
      promocode_id: ID.promocode,
      subtotal: 1550,
      discount: 155,
      total: 1395,
      bonus_redeemed: 0,
      bonus_earned: 139,
      status: 'PAID',
      paid_at: T0,
      ...stamp,
    }),
    entry('bonus_transactions', {
      id: ID.bonusTransaction,
      account_id: ID.account,
      kind: 'ACCRUAL',
      amount: 139,
      order_id: ID.order,
      note: null,
      ...stamp,
    }),
    entry('concession_preorders', {
      id: ID.preorder,
      order_id: ID.order,
      cinema_id: ID.cinema,
      session_id: ID.session,
      pickup_code: 'K7P2QX',
      status: 'PENDING',
      ready_at: null,
      picked_up_at: null,
      ...stamp,
    }),
    entry('order_concession_lines', {
      id: ID.line,
      order_id: ID.order,
      item_id: ID.item,
      quantity: 1,
      unit_price: 550,
      discount: 55,
      total: 495,
      vat_bp: 1900,
      refunded_quantity: 0,
      preorder_id: ID.preorder,
      wasted_quantity: 0,
      ...stamp,
    }),
    entry('tickets', {
      id: ID.ticket,
      session_id: ID.session,
      seat_id: ID.seat,
      order_id: ID.order,
      ticket_type: 'ADULT',
      price: 1000,
      discount: 100,
      status: 'SOLD',
      qr_payload: 'BO1.payload.signature',
      sold_by: ID.user,
      terminal_id: ID.terminal,
      sold_at: T0,
      scanned_at: null,
      scanned_by: null,
      scanned_terminal_id: null,
      exchanged_to_ticket_id: null,
      ...stamp,
    }),
    entry('reservations', {
      id: 'reservation-1',
      cinema_id: ID.cinema,
      session_id: ID.session,
      code: 'K7M2QX',
      customer_name: 'Jonas Weber',
      phone: '+49 30 1234567',
      status: 'PICKED_UP',
      release_at: T0,
      order_id: ID.order,
      created_by: ID.user,
      terminal_id: ID.terminal,
      ...stamp,
    }),
    entry('reservation_seats', { id: 'reservation-seat-1', reservation_id: 'reservation-1', session_id: ID.session, seat_id: ID.seat, ...stamp }),
    entry('ticket_revocations', { id: ID.revocation, ticket_id: ID.ticket, reason: 'CONFLICT', revoked_at: T0, ...stamp }),
    entry('ticket_scans', {
      id: ID.scan,
      ticket_id: ID.ticket,
      session_id: ID.session,
      result: 'TOO_EARLY',
      scanned_at: T0,
      user_id: ID.user,
      terminal_id: ID.terminal,
      payload: 'BO1.payload.signature',
      ...stamp,
    }),
    entry('payments', {
      id: ID.payment,
      order_id: ID.order,
      shift_id: ID.shift,
      method: 'CASH',
      kind: 'PAYMENT',
      amount: 1395,
      cash_tendered: 2000,
      change_given: 605,
      card_approval_code: null,
      card_last4: null,
      refunds_payment_id: null,
      refund_reason: null,
      ...stamp,
    }),
    // Gift vouchers (local migration 0010): a voucher of the chain, a redemption of it here, the centre's sums.
    entry('gift_vouchers', { id: 'voucher-1', code_hash: 'a'.repeat(64), code_last4: '4TRB', cinema_id: 'another-cinema', amount: 5000, currency: 'EUR', sold_at: T0, ...stamp }),
    entry('gift_voucher_movements', {
      id: 'voucher-move-1',
      voucher_id: 'voucher-1',
      cinema_id: ID.cinema,
      kind: 'REDEMPTION',
      amount: -1395,
      order_id: ID.order,
      payment_id: ID.payment,
      terminal_id: TERMINAL,
      at: T0,
      note: null,
      ...stamp,
    }),
    entry('gift_voucher_balances', { id: 'voucher-1', balance: 5000, by_cinema: '{"another-cinema":5000}', updated_at: HLC1, origin: 'centre' }),
    entry('reports', {
      id: ID.report,
      cinema_id: ID.cinema,
      kind: 'revenue',
      parameters: '{"from":"2026-11-01","to":"2026-11-30"}',
      format: 'PDF',
      file_path: '/data/reports/revenue.pdf',
      generated_at: T0,
      generated_by: ID.user,
      ...stamp,
    }),
    // No user here, so the delete-everything test can delete users (audit rows are never deleted).
    entry('audit_log', {
      id: ID.audit,
      at: T0,
      user_id: null,
      override_user_id: null,
      terminal_id: ID.terminal,
      action: 'auth.locked_out',
      entity: 'user',
      entity_id: null,
      details: '{"username":"anna"}',
      updated_at: HLC1,
      origin: TERMINAL,
    }),
    // The money trail (local migration 0007): append-only, never deleted.
    entry('journal_signers', { id: `terminal:${TERMINAL}`, algorithm: 'Ed25519', public_key: 'pem', first_used_at: T0 }),
    entry('journal_entries', {
      terminal_id: TERMINAL,
      counter: 1,
      kind: 'SALE',
      at: T0,
      content: '{"receipt":1}',
      prev_hash: '0'.repeat(64),
      hash: 'a'.repeat(64),
      signer_id: `terminal:${TERMINAL}`,
      signature: 'sig',
    }),
    entry('fiscal_receipts', {
      id: 'receipt-1',
      terminal_id: TERMINAL,
      number: 1,
      kind: 'SALE',
      order_id: ID.order,
      refers_to_id: null,
      shift_id: ID.shift,
      issued_at: T0,
      amount: 1000,
      vat: '[]',
      payments: '[]',
      journal_counter: 1,
    }),
    entry('z_reports', {
      id: 'z-1',
      terminal_id: TERMINAL,
      number: 1,
      shift_id: ID.shift,
      closed_at: T0,
      receipts: 1,
      first_receipt: 1,
      last_receipt: 1,
      grand_total: 1000,
      grand_total_refunds: 0,
      figures: '{}',
      journal_counter: 1,
    }),
  ];
}

const APPEND_ONLY = ['audit_log', 'journal_signers', 'journal_entries', 'fiscal_receipts', 'z_reports'];

async function seed(db: Kysely<DB>): Promise<SeedEntry[]> {
  const entries = seedEntries();
  await db.transaction().execute(async (trx) => {
    for (const e of entries) await trx.insertInto(e.table).values(e.values as never).execute();
  });
  return entries;
}

async function seededDatabase(shared?: typeof open): Promise<LocalDatabase> {
  const local = await freshDatabase(shared);
  await seed(local.db);
  return local;
}

const primaryKey = (e: SeedEntry) =>
  e.table === 'local_meta' ? ['key', e.values.key] : e.table === 'login_attempts' ? ['username', e.values.username] : ['id', (e.values as { id: string }).id];

const outbox = (local: LocalDatabase) =>
  all<{ seq: number; table_name: string; row_id: string; op: string; hlc: string; created_at: string }>(local, 'SELECT * FROM outbox ORDER BY seq');

/** A second sellable seat row in the seeded hall and a second ticket on the seeded seat. */
const ticketOnSeededSeat = (id: string) =>
  [
    `INSERT INTO tickets (id, session_id, seat_id, order_id, ticket_type, price, discount, status, qr_payload, sold_by, terminal_id,
       sold_at, created_at, updated_at, origin)
     VALUES (?, ?, ?, ?, 'ADULT', 1000, 0, 'SOLD', 'qr', ?, ?, ?, ?, ?, ?)`,
    id,
    ID.session,
    ID.seat,
    ID.order,
    ID.user,
    ID.terminal,
    T0,
    T0,
    HLC1,
    TERMINAL,
  ] as const;

// ---------------------------------------------------------------------------------------------

describe('local migration 0001', () => {
  it('applies on a fresh file, creates every table STRICT, and is a no-op when run again', async () => {
    const { dir, file } = newFile();
    const first = openDatabase(file);
    open.push({ local: first, dir });
    const results = await migrateToLatest(first.db);
    expect(results).toEqual([
      { migrationName: '0001-initial-schema', direction: 'Up', status: 'Success' },
      { migrationName: '0002-report-hour-sums', direction: 'Up', status: 'Success' },
      { migrationName: '0003-seat-map-index', direction: 'Up', status: 'Success' },
      { migrationName: '0005-refund-reasons-and-waste', direction: 'Up', status: 'Success' },
      { migrationName: '0006-price-cards-reservations-age-checks', direction: 'Up', status: 'Success' },
      { migrationName: '0007-money-trail', direction: 'Up', status: 'Success' },
      { migrationName: '0009-settlement-adjustments', direction: 'Up', status: 'Success' },
      { migrationName: '0010-gift-vouchers', direction: 'Up', status: 'Success' },
      { migrationName: '0014-user-language', direction: 'Up', status: 'Success' },
    ]);

    expect(userTables(first)).toEqual([...SYNCED_TABLES, ...LOCAL_TABLES, ...PULLED_TABLES].sort());
    const lax = all<{ name: string; strict: number }>(first, 'PRAGMA table_list')
      .filter((t) => !t.name.startsWith('sqlite_') && !t.name.startsWith('kysely_') && t.name !== 'bonus_balances')
      .filter((t) => t.strict !== 1);
    expect(lax).toEqual([]);
    expect(all(first, 'SELECT * FROM sync_apply_flag')).toEqual([{ id: 1, applying: 0 }]);

    const schemaOf = (l: LocalDatabase) => all(l, 'SELECT type, name, sql FROM sqlite_master ORDER BY name');
    const before = schemaOf(first);
    expect(await migrateToLatest(first.db)).toEqual([]);
    expect(schemaOf(first)).toEqual(before);

    // And again from a new connection, as on the next app start.
    const second = openDatabase(file);
    open.push({ local: second, dir });
    expect(await migrateToLatest(second.db)).toEqual([]);
    expect(schemaOf(second)).toEqual(before);
    expect(all(second, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(all(second, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('leaves the file untouched when it fails half-way', async () => {
    const { dir, file } = newFile();
    const local = openDatabase(file);
    open.push({ local, dir });
    run(local, 'CREATE TABLE films (x INTEGER)'); // clashes with a table the migration creates later on
    await expect(migrateToLatest(local.db)).rejects.toThrow(/0001-initial-schema/);
    expect(userTables(local)).toEqual(['films']);
    expect(all(local, `SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')`)).toEqual([]);
  });

  it('down drops everything it created, and up works again afterwards', async () => {
    const local = await seededDatabase();
    await giftVouchers.down(local.db);
    await moneyTrail.down(local.db);
    await priceCardsReservations.down(local.db);
    await reportHourSums.down(local.db);
    await down(local.db);
    expect(userTables(local)).toEqual([]);
    expect(all(local, `SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view', 'index') AND name NOT LIKE 'sqlite_%'`)).toEqual([]);
    await up(local.db);
    await reportHourSums.up(local.db);
    await priceCardsReservations.up(local.db);
    await moneyTrail.up(local.db);
    await giftVouchers.up(local.db);
    expect(userTables(local)).toEqual([...SYNCED_TABLES, ...LOCAL_TABLES, ...PULLED_TABLES].sort());
  });
});

describe('schema shape', () => {
  const kept: typeof open = [];
  let local: LocalDatabase;
  beforeAll(async () => {
    local = await freshDatabase(kept);
  });
  afterAll(() => closeAll(kept));

  const columnsOf = (t: string) =>
    all<{ name: string; type: string; notnull: number; pk: number; dflt_value: string | null }>(local, `PRAGMA table_info(${t})`);

  it('gives every synced table a text id and the sync columns, and no other table has them', () => {
    for (const t of SYNCED_TABLES) {
      const cols = new Map(columnsOf(t).map((c) => [c.name, c]));
      expect(cols.get('id'), t).toMatchObject({ type: 'TEXT', pk: 1, notnull: 1, dflt_value: null });
      expect(cols.get('updated_at'), t).toMatchObject({ type: 'TEXT', notnull: 1 });
      expect(cols.get('origin'), t).toMatchObject({ type: 'TEXT', notnull: 1 });
      if (t !== 'audit_log') expect(cols.get('created_at'), t).toMatchObject({ type: 'TEXT', notnull: 1 });
    }
    const stamped = userTables(local).filter((t) => columnsOf(t).some((c) => c.name === 'updated_at'));
    // The centre's voucher sums are stamped too (pulled last-writer-wins), but never pushed.
    expect(stamped).toEqual([...SYNCED_TABLES, ...PULLED_TABLES].sort());
  });

  it('has insert, update and delete outbox triggers on exactly the synced tables', () => {
    const triggers = all<{ name: string; tbl_name: string }>(local, `SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_outbox_%'`);
    const expected = SYNCED_TABLES.flatMap((t) => ['insert', 'update', 'delete'].map((op) => ({ name: `${t}_outbox_${op}`, tbl_name: t })));
    expect(triggers.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('indexes every foreign-key column (as the first column of a full index)', () => {
    const missing: string[] = [];
    for (const t of userTables(local)) {
      const leading = new Set(
        all<{ name: string; partial: number }>(local, `PRAGMA index_list(${t})`)
          .filter((i) => i.partial === 0)
          .map((i) => all<{ seqno: number; name: string }>(local, `PRAGMA index_info(${i.name})`).find((c) => c.seqno === 0)?.name),
      );
      for (const fk of all<{ from: string }>(local, `PRAGMA foreign_key_list(${t})`)) {
        if (!leading.has(fk.from)) missing.push(`${t}.${fk.from}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('cascades only cinema → hall → seat', () => {
    const cascades = userTables(local).flatMap((t) =>
      all<{ table: string; from: string; on_delete: string }>(local, `PRAGMA foreign_key_list(${t})`)
        .filter((fk) => fk.on_delete !== 'NO ACTION')
        .map((fk) => `${t}.${fk.from} → ${fk.table} ${fk.on_delete}`),
    );
    expect(cascades.sort()).toEqual(['halls.cinema_id → cinemas CASCADE', 'seats.hall_id → halls CASCADE']);
  });

  it('checks exactly the value lists of shared/enums.ts', () => {
    const columns: Record<string, readonly string[]> = {
      'users.role': enums.ROLES,
      'halls.type': enums.HALL_TYPES,
      'price_defaults.hall_type': enums.HALL_TYPES,
      'seats.kind': enums.SEAT_KINDS,
      'rental_contracts.deal_type': enums.DEAL_TYPES,
      'rental_contracts.status': enums.CONTRACT_STATUSES,
      'payment_history.kind': enums.PAYMENT_HISTORY_KINDS,
      'sessions.status': enums.SESSION_STATUSES,
      'price_factors.dimension': enums.PRICE_FACTOR_DIMENSIONS,
      'tickets.ticket_type': enums.TICKET_TYPES,
      'tickets.status': enums.TICKET_STATUSES,
      'ticket_revocations.reason': enums.REVOCATION_REASONS,
      'ticket_scans.result': enums.SCAN_RESULTS,
      'bonus_transactions.kind': enums.BONUS_TRANSACTION_KINDS,
      'promocodes.kind': enums.PROMOCODE_KINDS,
      'promocodes.applies_to': enums.PROMOCODE_SCOPES,
      'orders.status': enums.ORDER_STATUSES,
      'payments.method': enums.PAYMENT_METHODS,
      'payments.kind': enums.PAYMENT_KINDS,
      'concession_preorders.status': enums.PREORDER_STATUSES,
      'shifts.status': enums.SHIFT_STATUSES,
      'reports.format': enums.REPORT_FORMATS,
      'outbox.op': enums.OUTBOX_OPS,
      'payments.refund_reason': enums.REFUND_REASONS,
    };
    // Every list in shared/enums.ts is checked somewhere.
    const lists = Object.values(enums).filter(Array.isArray);
    expect(lists.filter((l) => !Object.values(columns).includes(l))).toEqual([]);

    for (const [where, values] of Object.entries(columns)) {
      const [t, col] = where.split('.') as [string, string];
      const { sql } = all<{ sql: string }>(local, `SELECT sql FROM sqlite_master WHERE name = ?`, t)[0]!;
      const m = new RegExp(`\\b${col} TEXT(?: NOT NULL)?(?: DEFAULT '\\w+')? CHECK \\(${col} IN \\(([^)]*)\\)\\)`).exec(sql);
      expect(m, where).not.toBeNull();
      const inSchema = m![1]!.split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
      expect(inSchema, where).toEqual([...values]);
    }
  });
});

describe('a complete data set', () => {
  it('fits the schema: every column of every table is in tables.ts, and the checks come out clean', async () => {
    const local = await freshDatabase();
    const entries = await seed(local.db);
    expect(entries.map((e) => e.table).sort()).toEqual(userTables(local).filter((t) => !['outbox', 'sync_apply_flag', ...reportHourSums.REPORT_SUM_TABLES].includes(t)));
    for (const e of entries) {
      const inDb = all<{ name: string }>(local, `PRAGMA table_info(${e.table})`).map((c) => c.name);
      expect(Object.keys(e.values).sort(), e.table).toEqual(inDb.sort());
    }
    expect(all(local, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(all(local, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('fills defaults: created_at is now, flags and statuses start where a new row starts', async () => {
    const local = await seededDatabase();
    await local.db
      .insertInto('cinemas')
      .values({ id: 'cinema-2', name: 'Borealis', timezone: 'Europe/Vilnius', currency: 'EUR', updated_at: HLC1, origin: TERMINAL })
      .execute();
    const row = await local.db.selectFrom('cinemas').selectAll().where('id', '=', 'cinema-2').executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      address: '',
      ticket_vat_bp: 0,
      business_day_start: '06:00',
      week_start_day: 4,
      sales_close_minutes: 15,
      hold_minutes: 5,
      bonus_accrual_bp: 1000,
      bonus_max_share_bp: 5000,
      hold_wheelchair_until_full: 1,
      active: 1,
    });
    expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(row.created_at) - Date.now())).toBeLessThan(60_000);
  });
});

describe('foreign keys', () => {
  it('are enforced: no row may point at a missing one, and a row in use cannot be deleted', async () => {
    const local = await seededDatabase();
    expect(all(local, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(refusal(local, `UPDATE tickets SET order_id = 'no-such-order' WHERE id = ?`, ID.ticket)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(refusal(local, `UPDATE sessions SET film_id = 'no-such-film' WHERE id = ?`, ID.session)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(refusal(local, `DELETE FROM films WHERE id = ?`, ID.film)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(refusal(local, `DELETE FROM orders WHERE id = ?`, ID.order)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    // A hall with sessions is deactivated, never deleted: the cascade stops at the first session.
    expect(refusal(local, `DELETE FROM halls WHERE id = ?`, ID.hall)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(refusal(local, `DELETE FROM cinemas WHERE id = ?`, ID.cinema)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });

  it('cascade a cinema delete to its halls and seats, and the outbox hears every one', async () => {
    const local = await freshDatabase();
    run(local, `INSERT INTO cinemas (id, name, timezone, currency, updated_at, origin) VALUES ('c2', 'Lumen', 'UTC', 'USD', ?, ?)`, HLC1, TERMINAL);
    run(local, `INSERT INTO halls (id, cinema_id, name, cleaning_minutes, updated_at, origin) VALUES ('h2', 'c2', 'Small', 10, ?, ?)`, HLC1, TERMINAL);
    for (const [seat, x] of [['s1', 0], ['s2', 1]] as const) {
      run(
        local,
        `INSERT INTO seats (id, hall_id, row_label, number, grid_x, grid_y, updated_at, origin) VALUES (?, 'h2', 'A', ?, ?, 0, ?, ?)`,
        seat,
        x + 1,
        x,
        HLC1,
        TERMINAL,
      );
    }
    run(local, 'DELETE FROM outbox');
    run(local, `DELETE FROM cinemas WHERE id = 'c2'`);
    expect(all(local, 'SELECT count(*) AS n FROM seats')).toEqual([{ n: 0 }]);
    expect(all(local, 'SELECT count(*) AS n FROM halls')).toEqual([{ n: 0 }]);
    expect(outbox(local).map((o) => `${o.op} ${o.table_name} ${o.row_id}`).sort()).toEqual(
      ['DELETE cinemas c2', 'DELETE halls h2', 'DELETE seats s1', 'DELETE seats s2'].sort(),
    );
  });
});

describe('CHECK constraints refuse what no cinema would store', () => {
  const kept: typeof open = [];
  let local: LocalDatabase;
  beforeAll(async () => {
    local = await seededDatabase(kept);
  });
  afterAll(() => closeAll(kept));

  // Each case updates one seeded row; a refused statement changes nothing, so they share one file.
  const cases: [string, string, ...unknown[]][] = [
    ['an unknown session status', `UPDATE sessions SET status = 'SOLD_OUT'`],
    ['an unknown ticket status', `UPDATE tickets SET status = 'USED'`],
    ['an unknown order status', `UPDATE orders SET status = 'PENDING'`],
    ['an unknown hall type', `UPDATE halls SET type = 'DOLBY'`],
    ['an unknown role', `UPDATE users SET role = 'ROOT'`],
    ['an unknown payment method', `UPDATE payments SET method = 'CHEQUE'`],
    ['a lower-case enum value', `UPDATE seats SET kind = 'vip'`],
    ['a negative base price', `UPDATE sessions SET base_price = -1`],
    ['a negative ticket price', `UPDATE tickets SET price = -100`],
    ['a discount larger than the ticket price', `UPDATE tickets SET discount = 1001`],
    ['a zero payment', `UPDATE payments SET amount = 0`],
    ['a negative opening float', `UPDATE shifts SET opening_float = -1`],
    ['a negative concession stock', `UPDATE concession_items SET stock = -1`],
    ['a film of zero minutes', `UPDATE films SET duration_minutes = 0`],
    ['a contract ending before it starts', `UPDATE rental_contracts SET end_date = '2026-11-18'`],
    ['a 90/10 deal without a house allowance', `UPDATE rental_contracts SET deal_type = 'NINETY_TEN'`],
    ['a session ending when it starts', `UPDATE sessions SET ends_at = starts_at`],
    ['a session ending before it starts', `UPDATE sessions SET ends_at = '2026-11-26T17:00:00.000Z'`],
    ['a split of 0 %', `UPDATE contract_splits SET percent_bp = 0`],
    ['a split above 100 %', `UPDATE contract_splits SET percent_bp = 10001`],
    ['a split for week 0', `UPDATE contract_splits SET week_number = 0`],
    ['an override without a reason', `UPDATE contract_week_overrides SET reason = '  '`],
    ['a VAT rate above 100 %', `UPDATE concession_items SET vat_bp = 10001`],
    ['a percent promocode above 100 %', `UPDATE promocodes SET value = 10001`],
    ['a promocode worth nothing', `UPDATE promocodes SET value = 0`],
    ['a promocode valid to before valid from', `UPDATE promocodes SET valid_to = '2026-05-31'`],
    ['a promocode with a space', `UPDATE promocodes SET code = 'SUMMER 10'`],
    ['an order whose total is not subtotal − discount', `UPDATE orders SET total = 1500`],
    ['a paid order without paid_at', `UPDATE orders SET paid_at = NULL`],
    ['points paying more than the order', `UPDATE orders SET bonus_redeemed = 1396`],
    ['a line whose total is not quantity × price − discount', `UPDATE order_concession_lines SET total = 550`],
    ['a line of zero items', `UPDATE order_concession_lines SET quantity = 0, total = 0, discount = 0`],
    ['refunding more items than sold', `UPDATE order_concession_lines SET refunded_quantity = 2`],
    ['wasting more items than refunded', `UPDATE order_concession_lines SET wasted_quantity = 1`],
    ['an unknown refund reason', `UPDATE payments SET refund_reason = 'BORED'`],
    ['card digits that are not four digits', `UPDATE payments SET method = 'CARD', cash_tendered = NULL, change_given = NULL, card_last4 = '12a4'`],
    ['three card digits', `UPDATE payments SET method = 'CARD', cash_tendered = NULL, change_given = NULL, card_last4 = '123'`],
    ['cash tendered on a card payment', `UPDATE payments SET method = 'CARD'`],
    ['change that does not add up', `UPDATE payments SET change_given = 600`],
    ['less cash tendered than paid', `UPDATE payments SET cash_tendered = 1000, change_given = NULL`],
    ['a refund link on a payment', `UPDATE payments SET refunds_payment_id = id`],
    ['a three-letter currency in lower case', `UPDATE cinemas SET currency = 'eur'`],
    ['a four-letter currency', `UPDATE cinemas SET currency = 'EURO'`],
    ['a weekday 7', `UPDATE cinemas SET week_start_day = 7`],
    ['a business day starting at 25:00', `UPDATE cinemas SET business_day_start = '25:00'`],
    ['a price band ending before it starts', `UPDATE price_defaults SET band_end = '16:00'`],
    ['no weekday in a price band', `UPDATE price_defaults SET weekday_mask = 0`],
    ['a zero price factor', `UPDATE price_factors SET factor_bp = 0`],
    ['a price factor key of the wrong dimension', `UPDATE price_factors SET dimension = 'SEAT_KIND'`],
    ['a flag of 2', `UPDATE halls SET active = 2`],
    ['an instant with an offset instead of UTC', `UPDATE tickets SET sold_at = '2026-11-25T16:00:00.000+01:00'`],
    ['an instant without milliseconds', `UPDATE tickets SET sold_at = '2026-11-25T15:00:00Z'`],
    ['a date in another format', `UPDATE rental_contracts SET start_date = '19.11.2026'`],
    ['genres that are not JSON', `UPDATE films SET genres = 'drama, comedy'`],
    ['genres that are not a list', `UPDATE films SET genres = '{"drama":true}'`],
    ['audit details that are not an object', `INSERT INTO audit_log (id, at, terminal_id, action, entity, details, updated_at, origin)
      VALUES ('audit-x', '${T0}', 't', 'a', 'e', '[1]', 'h', 'o')`],
    ['an accrual that points paid back', `UPDATE bonus_transactions SET amount = -139`],
    ['a redemption that adds points', `UPDATE bonus_transactions SET kind = 'REDEMPTION'`],
    ['a zero bonus amount', `UPDATE bonus_transactions SET kind = 'ADJUSTMENT', amount = 0`],
    ['a shift closed without counted cash', `UPDATE shifts SET status = 'CLOSED', closed_at = '2026-11-25T23:00:00.000Z'`],
    [
      'a shift difference that is not counted − expected',
      `UPDATE shifts SET status = 'CLOSED', closed_at = '2026-11-25T23:00:00.000Z', counted_cash = 10, expected_cash = 20, difference = 10`,
    ],
    [
      'a shift closing before it opened',
      `UPDATE shifts SET status = 'CLOSED', closed_at = '2026-11-24T23:00:00.000Z', counted_cash = 0, expected_cash = 0, difference = 0`,
    ],
    ['an open shift with a closing time', `UPDATE shifts SET closed_at = '2026-11-25T23:00:00.000Z'`],
    ['an accrual without the week figures', `UPDATE payment_history SET net = NULL`],
    ['an accrual marked paid', `UPDATE payment_history SET amount_paid = 1`],
    ['a distributor payment of nothing', `UPDATE payment_history SET kind = 'PAYMENT', amount_due = 0, paid_at = '${T0}'`],
    ['a pickup code of five characters', `UPDATE concession_preorders SET pickup_code = 'K7P2Q'`],
    ['a pickup code in lower case', `UPDATE concession_preorders SET pickup_code = 'k7p2qx'`],
    ['a user name with a space', `UPDATE users SET username = 'anna p'`],
    ['an empty display name', `UPDATE users SET display_name = ''`],
    ['a login_attempts name not lower-cased', `UPDATE login_attempts SET username = 'Anna'`],
    ['a hold expiring before it was made', `UPDATE seat_holds SET expires_at = '2026-11-25T14:00:00.000Z'`],
    ['a ticket exchanged to another while still sold', `UPDATE tickets SET exchanged_to_ticket_id = id`],
    ['a scan user without a scan time', `UPDATE tickets SET scanned_by = sold_by`],
    ['text in an integer column (STRICT)', `UPDATE seats SET number = 'one'`],
    ['a second sync apply flag row', `INSERT INTO sync_apply_flag (id, applying) VALUES (2, 0)`],
    ['an apply flag of 2', `UPDATE sync_apply_flag SET applying = 2`],
    ['an unknown outbox op', `INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('films', 'x', 'MERGE', 'h')`],
    ['an empty updated_at', `UPDATE films SET updated_at = ''`],
    ['a missing origin', `UPDATE films SET origin = NULL`],
  ];

  it.each(cases)('%s', (_what, statement, ...params) => {
    expect(refusal(local, statement, ...params)).toMatch(/^SQLITE_CONSTRAINT_(CHECK|DATATYPE|NOTNULL)$/);
  });

  it('still accepts the valid data afterwards (nothing above changed a row)', () => {
    expect(all(local, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(all(local, 'SELECT status, price, discount FROM tickets')).toEqual([{ status: 'SOLD', price: 1000, discount: 100 }]);
  });
});

describe('uniqueness rules', () => {
  it('allow one SOLD ticket per session and seat, and a new one once it is refunded or exchanged', async () => {
    const local = await seededDatabase();
    expect(refusal(local, ...ticketOnSeededSeat('ticket-2'))).toBe('SQLITE_CONSTRAINT_UNIQUE');

    run(local, `UPDATE tickets SET status = 'REFUNDED' WHERE id = ?`, ID.ticket);
    run(local, ...ticketOnSeededSeat('ticket-2'));
    expect(refusal(local, ...ticketOnSeededSeat('ticket-3'))).toBe('SQLITE_CONSTRAINT_UNIQUE');
    // The refunded ticket cannot come back to life while another is sold for the seat.
    expect(refusal(local, `UPDATE tickets SET status = 'SOLD' WHERE id = ?`, ID.ticket)).toBe('SQLITE_CONSTRAINT_UNIQUE');

    run(local, `UPDATE tickets SET status = 'EXCHANGED' WHERE id = 'ticket-2'`);
    run(local, ...ticketOnSeededSeat('ticket-3'));
    run(local, `UPDATE tickets SET exchanged_to_ticket_id = 'ticket-3' WHERE id = 'ticket-2'`);
    expect(all(local, `SELECT id, status FROM tickets ORDER BY id`)).toEqual([
      { id: 'ticket-1', status: 'REFUNDED' },
      { id: 'ticket-2', status: 'EXCHANGED' },
      { id: 'ticket-3', status: 'SOLD' },
    ]);
  });

  it('refuse a ticket or hold for a seat of another hall (except while a sync pull applies rows)', async () => {
    const local = await seededDatabase();
    run(local, `INSERT INTO halls (id, cinema_id, name, cleaning_minutes, updated_at, origin) VALUES ('hall-2', ?, 'Hall 2', 10, ?, ?)`, ID.cinema, HLC1, TERMINAL);
    run(
      local,
      `INSERT INTO seats (id, hall_id, row_label, number, grid_x, grid_y, updated_at, origin) VALUES ('seat-2', 'hall-2', 'A', 1, 0, 0, ?, ?)`,
      HLC1,
      TERMINAL,
    );
    const [statement, ...params] = ticketOnSeededSeat('ticket-2');
    const elsewhere = params.map((p) => (p === ID.seat ? 'seat-2' : p));
    expect(refusal(local, statement, ...elsewhere)).toBe('SQLITE_CONSTRAINT_TRIGGER');
    expect(() => run(local, statement, ...elsewhere)).toThrow(/not in the hall of this session/);
    expect(refusal(local, `UPDATE seat_holds SET seat_id = 'seat-2'`)).toBe('SQLITE_CONSTRAINT_TRIGGER');

    run(local, 'UPDATE sync_apply_flag SET applying = 1');
    run(local, statement, ...elsewhere);
    expect(all(local, `SELECT count(*) AS n FROM tickets WHERE seat_id = 'seat-2'`)).toEqual([{ n: 1 }]);
  });

  it('make promocode codes unique ignoring case', async () => {
    const local = await seededDatabase();
    const insert = (id: string, code: string) =>
      `INSERT INTO promocodes (id, code, kind, value, updated_at, origin) VALUES ('${id}', '${code}', 'FIXED', 100, '${HLC1}', '${TERMINAL}')`;
    expect(refusal(local, insert('p2', 'summer10'))).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(refusal(local, insert('p2', 'Summer10'))).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(refusal(local, insert('p2', ' SUMMER10'))).toBe('SQLITE_CONSTRAINT_CHECK');
    run(local, insert('p2', 'winter-5'));
    const found = await local.db.selectFrom('promocodes').select('id').where('code', '=', 'Summer10').execute();
    expect(found).toEqual([{ id: ID.promocode }]);
  });

  it('make user names unique ignoring case, and find them ignoring case', async () => {
    const local = await seededDatabase();
    expect(
      refusal(
        local,
        `INSERT INTO users (id, username, display_name, role, password_hash, updated_at, origin) VALUES ('u2', 'ANNA', 'Other Anna', 'USHER', 'h', ?, ?)`,
        HLC1,
        TERMINAL,
      ),
    ).toBe('SQLITE_CONSTRAINT_UNIQUE');
    const found = await local.db.selectFrom('users').select('id').where('username', '=', 'anna').execute();
    expect(found).toEqual([{ id: ID.user }]);
  });

  it('keep a pickup code unique among the open preorders of one cinema only', async () => {
    const local = await seededDatabase();
    run(local, `INSERT INTO cinemas (id, name, timezone, currency, updated_at, origin) VALUES ('cinema-2', 'Lumen', 'UTC', 'EUR', ?, ?)`, HLC1, TERMINAL);
    const preorder = (id: string, cinema: string, status = 'PENDING') =>
      `INSERT INTO concession_preorders (id, order_id, cinema_id, pickup_code, status, updated_at, origin)
       VALUES ('${id}', '${ID.order}', '${cinema}', 'K7P2QX', '${status}', '${HLC1}', '${TERMINAL}')`;

    expect(refusal(local, preorder('p2', ID.cinema))).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(refusal(local, preorder('p2', ID.cinema, 'READY'))).toBe('SQLITE_CONSTRAINT_UNIQUE');
    run(local, preorder('p2', 'cinema-2')); // another cinema may use the same code
    run(local, preorder('p3', ID.cinema, 'CANCELLED')); // closed preorders don't hold codes

    run(local, `UPDATE concession_preorders SET status = 'PICKED_UP', picked_up_at = ? WHERE id = ?`, T0, ID.preorder);
    run(local, preorder('p4', ID.cinema)); // free again once picked up
    expect(refusal(local, preorder('p5', ID.cinema, 'READY'))).toBe('SQLITE_CONSTRAINT_UNIQUE');
  });

  it('write one settlement accrual per contract week, but any number of payments', async () => {
    const local = await seededDatabase();
    const accrual = `INSERT INTO payment_history (id, contract_id, kind, week_number, week_start_date, week_end_date, gross, discounts, net,
      amount_due, updated_at, origin) VALUES (?, ?, 'ACCRUAL', ?, '2026-11-19', '2026-11-25', 0, 0, 0, 0, ?, ?)`;
    expect(refusal(local, accrual, 'ph-2', ID.contract, 1, HLC1, TERMINAL)).toBe('SQLITE_CONSTRAINT_UNIQUE');
    run(local, accrual, 'ph-2', ID.contract, 2, HLC1, TERMINAL);
    const payment = `INSERT INTO payment_history (id, contract_id, kind, week_number, amount_paid, paid_at, method, reference, updated_at, origin)
      VALUES (?, ?, 'PAYMENT', 1, 30000, ?, 'bank transfer', 'INV-1', ?, ?)`;
    run(local, payment, 'ph-3', ID.contract, T0, HLC1, TERMINAL);
    run(local, payment, 'ph-4', ID.contract, T0, HLC1, TERMINAL);
  });

  it('allow one open shift per terminal', async () => {
    const local = await seededDatabase();
    const open = `INSERT INTO shifts (id, cinema_id, terminal_id, cashier_id, opened_at, opening_float, updated_at, origin)
      VALUES (?, ?, ?, ?, ?, 5000, ?, ?)`;
    const later = '2026-11-26T09:00:00.000Z';
    expect(refusal(local, open, 'shift-2', ID.cinema, ID.terminal, ID.user, later, HLC1, TERMINAL)).toBe('SQLITE_CONSTRAINT_UNIQUE');
    run(
      local,
      `UPDATE shifts SET status = 'CLOSED', closed_at = ?, counted_cash = 11390, expected_cash = 11395, difference = -5 WHERE id = ?`,
      '2026-11-25T23:30:00.000Z',
      ID.shift,
    );
    run(local, open, 'shift-2', ID.cinema, ID.terminal, ID.user, later, HLC1, TERMINAL);
  });

  it('keep one hold per session and seat', async () => {
    const local = await seededDatabase();
    expect(
      refusal(
        local,
        `INSERT INTO seat_holds (id, session_id, seat_id, terminal_id, user_id, created_at, expires_at) VALUES ('hold-2', ?, ?, ?, ?, ?, ?)`,
        ID.session,
        ID.seat,
        ID.terminal,
        ID.user,
        T0,
        '2026-11-25T15:05:00.000Z',
      ),
    ).toBe('SQLITE_CONSTRAINT_UNIQUE');
  });
});

describe('loyalty', () => {
  it('reports each bonus balance as the sum of its ledger, 0 for an empty one', async () => {
    const local = await seededDatabase();
    run(local, `INSERT INTO customers (id, name, updated_at, origin) VALUES ('customer-2', 'Dan', ?, ?)`, HLC1, TERMINAL);
    run(local, `INSERT INTO bonus_accounts (id, customer_id, card_number, updated_at, origin) VALUES ('account-2', 'customer-2', 'B-2', ?, ?)`, HLC1, TERMINAL);
    const tx = `INSERT INTO bonus_transactions (id, account_id, kind, amount, order_id, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)`;
    run(local, tx, 'bt-2', ID.account, 'REDEMPTION', -100, ID.order, HLC1, TERMINAL);
    run(local, tx, 'bt-3', ID.account, 'REVERSAL', 100, ID.order, HLC1, TERMINAL);
    run(local, tx, 'bt-4', ID.account, 'ADJUSTMENT', -39, null, HLC1, TERMINAL);
    const balances = await local.db.selectFrom('bonus_balances').selectAll().orderBy('account_id').execute();
    expect(balances).toEqual([
      { account_id: ID.account, balance: 100 },
      { account_id: 'account-2', balance: 0 },
    ]);
  });
});

describe('audit log', () => {
  it('is append-only: updates and deletes abort, even while a sync pull applies rows', async () => {
    const local = await seededDatabase();
    expect(() => run(local, `UPDATE audit_log SET action = 'nothing.happened'`)).toThrow('audit log is append-only');
    expect(() => run(local, `DELETE FROM audit_log`)).toThrow('audit log is append-only');
    run(local, 'UPDATE sync_apply_flag SET applying = 1');
    expect(() => run(local, `UPDATE audit_log SET updated_at = ?`, HLC2)).toThrow('audit log is append-only');
    expect(() => run(local, `DELETE FROM audit_log`)).toThrow('audit log is append-only');
    expect(all(local, 'SELECT id, action FROM audit_log')).toEqual([{ id: ID.audit, action: 'auth.locked_out' }]);
  });
});

describe('outbox triggers', () => {
  it('record the insert, update and delete of every synced row, with its clock, and nothing for local tables', async () => {
    const local = await freshDatabase();
    const entries = await seed(local.db);
    const synced = entries.filter((e) => (SYNCED_TABLES as readonly string[]).includes(e.table));

    const inserted = outbox(local);
    expect(inserted.map((o) => [o.table_name, o.row_id, o.op, o.hlc])).toEqual(synced.map((e) => [e.table, primaryKey(e)[1], 'UPSERT', HLC1]));
    expect(inserted.map((o) => o.seq)).toEqual([...inserted.map((o) => o.seq)].sort((a, b) => a - b));
    for (const o of inserted) expect(o.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    run(local, 'DELETE FROM outbox');
    for (const e of synced) {
      if (e.table === 'audit_log') continue; // append-only, tested above
      run(local, `UPDATE ${e.table} SET updated_at = ? WHERE id = ?`, HLC2, primaryKey(e)[1]);
    }
    expect(outbox(local).map((o) => [o.table_name, o.row_id, o.op, o.hlc])).toEqual(
      synced.filter((e) => e.table !== 'audit_log').map((e) => [e.table, primaryKey(e)[1], 'UPSERT', HLC2]),
    );

    run(local, 'DELETE FROM outbox');
    const deletable = [...entries].reverse().filter((e) => !APPEND_ONLY.includes(e.table));
    for (const e of deletable) {
      const [column, value] = primaryKey(e);
      expect(run(local, `DELETE FROM ${e.table} WHERE ${column} = ?`, value).changes, e.table).toBe(1);
    }
    expect(outbox(local).map((o) => [o.table_name, o.row_id, o.op, o.hlc])).toEqual(
      deletable.filter((e) => (SYNCED_TABLES as readonly string[]).includes(e.table)).map((e) => [e.table, primaryKey(e)[1], 'DELETE', HLC2]),
    );
    expect(all(local, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('record nothing while the sync apply flag is set, and resume when it is cleared', async () => {
    const local = await seededDatabase();
    run(local, 'DELETE FROM outbox');
    run(local, 'UPDATE sync_apply_flag SET applying = 1');

    for (const t of SYNCED_TABLES) {
      if (t !== 'audit_log') run(local, `UPDATE ${t} SET updated_at = ?`, HLC2);
    }
    run(
      local,
      `INSERT INTO audit_log (id, at, terminal_id, action, entity, updated_at, origin) VALUES ('audit-2', ?, 'terminal-9', 'user.create', 'user', ?, 'terminal-9')`,
      T0,
      HLC2,
    );
    run(local, `DELETE FROM ticket_scans WHERE id = ?`, ID.scan);
    run(
      local,
      `INSERT INTO films (id, title, duration_minutes, updated_at, origin) VALUES ('film-2', 'Pulled', 90, ?, 'terminal-9')`,
      HLC2,
    );
    expect(outbox(local)).toEqual([]);

    run(local, 'UPDATE sync_apply_flag SET applying = 0');
    run(local, `UPDATE films SET title = 'Pulled, then edited here', updated_at = ? WHERE id = 'film-2'`, HLC2);
    expect(outbox(local).map((o) => [o.table_name, o.row_id, o.op])).toEqual([['films', 'film-2', 'UPSERT']]);
  });

  it('cannot be silenced by deleting the apply flag row', async () => {
    const local = await freshDatabase();
    expect(() => run(local, 'DELETE FROM sync_apply_flag')).toThrow('the sync apply flag row must stay');
    expect(all(local, 'SELECT * FROM sync_apply_flag')).toEqual([{ id: 1, applying: 0 }]);
  });

  it('roll back with the change they record', async () => {
    const local = await seededDatabase();
    run(local, 'DELETE FROM outbox');
    await expect(
      local.db.transaction().execute(async (trx) => {
        await trx.updateTable('films').set({ title: 'Renamed', updated_at: HLC2 }).where('id', '=', ID.film).execute();
        throw new Error('the sale failed later on');
      }),
    ).rejects.toThrow('the sale failed later on');
    expect(outbox(local)).toEqual([]);
    expect(all(local, 'SELECT title FROM films')).toEqual([{ title: 'The Long Night' }]);
  });
});
