import type { Insertable, Kysely, Transaction } from 'kysely';
import { addBusinessDays, businessDateOf, type BusinessDayRule } from '../../../shared/business-day';
import type { SeatKind, TicketType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { CoreServices, RequestContext } from '../context';
import { newId } from '../ids';
import { hashSecret } from '../auth/password';
import { createUser } from '../auth/users';
import { registerTerminal } from '../terminal/register-terminal';
import { recordAudit } from '../audit/record-audit';
import { systemContext } from '../system-context';
import { type DemoLogin, DEMO_LOGINS, DEMO_CINEMA, DEMO_HALLS, hallSeats, DEMO_DISTRIBUTORS, type DemoFilm, DEMO_FILMS, DEMO_PRICE_BANDS, DEMO_SEAT_KIND_FACTORS, DEMO_TICKET_TYPE_FACTORS, DEMO_CONCESSIONS, DEMO_PROMOCODE, DEMO_CUSTOMERS, DEMO_DAYS } from './demo-data';
import { planDemoWeek, contractDates } from './week-planner';

/*
 * The demo cinema: what `startCore({ demo: true })` puts into an empty database so the app can be
 * tried (and tested) at once. The data is declared in the arrays below; the functions at the end
 * turn it into rows. Dates are relative to the business day the seed runs on, so the programme
 * always starts "today" and every film's contract covers the week shown.
 */

// The data and the week planner live beside this file; importers of the demo keep one address.
export * from './demo-data';
export * from './week-planner';

// ---------------------------------------------------------------------------------------------
// Writing it

type Db = Kysely<DB> | Transaction<DB>;
type SyncedInsert<T extends keyof DB> = Omit<Insertable<DB[T]>, 'updated_at' | 'origin' | 'created_at'>;

/** Rows per INSERT: far below SQLite's bound-parameter limit even for the widest table here. */
const CHUNK = 400;

/** Inserts synced rows in a few multi-row statements, each stamped (`updated_at`, `origin`, `created_at`). */
async function insertStamped<T extends keyof DB & string>(trx: Transaction<DB>, ctx: RequestContext, table: T, rows: readonly SyncedInsert<T>[]): Promise<void> {
  const createdAt = ctx.clock.now().toISOString();
  const stamped = rows.map((r) => ({ ...r, created_at: createdAt, ...ctx.stamp() }));
  for (let i = 0; i < stamped.length; i += CHUNK) {
    // kysely can't follow a generic table name through values(); the rows are typed above.
    await trx
      .insertInto(table)
      .values(stamped.slice(i, i + CHUNK) as never)
      .execute();
  }
}

async function hasUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

interface SeedResult {
  cinemaId: string;
  counts: Record<string, number>;
}

async function seedCinema(trx: Transaction<DB>, ctx: RequestContext): Promise<string> {
  const id = newId();
  await insertStamped(trx, ctx, 'cinemas', [
    {
      id,
      name: DEMO_CINEMA.name,
      address: DEMO_CINEMA.address,
      legal_name: DEMO_CINEMA.legalName,
      tax_number: DEMO_CINEMA.taxNumber,
      timezone: DEMO_CINEMA.timezone,
      currency: DEMO_CINEMA.currency,
      ticket_vat_bp: DEMO_CINEMA.ticketVatBp,
      business_day_start: DEMO_CINEMA.businessDayStart,
    },
  ]);
  return id;
}

/** Halls and their seats; returns hall ids by key. */
async function seedHalls(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string): Promise<{ hallIds: Map<string, string>; seats: number }> {
  const hallIds = new Map(DEMO_HALLS.map((h) => [h.key, newId()]));
  await insertStamped(
    trx,
    ctx,
    'halls',
    DEMO_HALLS.map((h) => ({ id: hallIds.get(h.key)!, cinema_id: cinemaId, name: h.name, type: h.type, cleaning_minutes: h.cleaningMinutes })),
  );
  const seats = DEMO_HALLS.flatMap((h) => hallSeats(h).map((s) => ({ id: newId(), hall_id: hallIds.get(h.key)!, ...s })));
  await insertStamped(trx, ctx, 'seats', seats);
  return { hallIds, seats: seats.length };
}

async function seedDistributors(trx: Transaction<DB>, ctx: RequestContext): Promise<Map<string, string>> {
  const ids = new Map(DEMO_DISTRIBUTORS.map((d) => [d.key, newId()]));
  await insertStamped(
    trx,
    ctx,
    'distributors',
    DEMO_DISTRIBUTORS.map((d) => ({
      id: ids.get(d.key)!,
      legal_name: d.legalName,
      tax_id: d.taxId,
      contact_name: d.contactName,
      email: d.email,
      phone: d.phone,
      address: d.address,
      bank_name: d.bankName,
      bank_account: d.bankAccount,
      bank_code: d.bankCode,
    })),
  );
  return ids;
}

/** Films, one ACTIVE contract each (with its weekly splits); returns film ids by key. */
async function seedFilmsAndContracts(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  distributorIds: Map<string, string>,
  firstDate: string,
): Promise<{ filmIds: Map<string, string>; contracts: number }> {
  const distributorOf = (f: DemoFilm) => {
    const id = distributorIds.get(f.distributor);
    if (!id) throw new Error(`Demo film ${f.key} has an unknown distributor ${f.distributor}`);
    return id;
  };
  const filmIds = new Map(DEMO_FILMS.map((f) => [f.key, newId()]));
  await insertStamped(
    trx,
    ctx,
    'films',
    DEMO_FILMS.map((f) => ({
      id: filmIds.get(f.key)!,
      title: f.title,
      duration_minutes: f.durationMinutes,
      age_rating: f.ageRating,
      genres: JSON.stringify(f.genres),
      release_date: addBusinessDays(firstDate, -f.releasedDaysAgo),
      distributor_id: distributorOf(f),
    })),
  );
  const contracts = DEMO_FILMS.map((f) => ({ film: f, id: newId(), ...contractDates(f, firstDate) }));
  await insertStamped(
    trx,
    ctx,
    'rental_contracts',
    contracts.map((c) => ({
      id: c.id,
      film_id: filmIds.get(c.film.key)!,
      distributor_id: distributorOf(c.film),
      cinema_id: cinemaId,
      start_date: c.start,
      end_date: c.end,
      deal_type: c.film.contract.dealType ?? 'PERCENTAGE',
      minimum_guarantee: c.film.contract.minimumGuarantee ?? null,
      house_allowance: c.film.contract.houseAllowance ?? null,
      status: 'ACTIVE' as const,
    })),
  );
  await insertStamped(
    trx,
    ctx,
    'contract_splits',
    contracts.flatMap((c) => c.film.contract.splitsBp.map((percent_bp, i) => ({ id: newId(), contract_id: c.id, week_number: i + 1, percent_bp }))),
  );
  return { filmIds, contracts: contracts.length };
}

async function seedPrices(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string): Promise<void> {
  await insertStamped(
    trx,
    ctx,
    'price_defaults',
    DEMO_PRICE_BANDS.map((b) => ({ id: newId(), cinema_id: cinemaId, hall_type: b.hallType, band_start: b.from, band_end: b.to, base_price: b.basePrice })),
  );
  await insertStamped(trx, ctx, 'price_factors', [
    ...Object.entries(DEMO_SEAT_KIND_FACTORS).map(([key, factor_bp]) => ({
      id: newId(),
      cinema_id: cinemaId,
      dimension: 'SEAT_KIND' as const,
      key: key as SeatKind,
      factor_bp,
    })),
    ...Object.entries(DEMO_TICKET_TYPE_FACTORS).map(([key, factor_bp]) => ({
      id: newId(),
      cinema_id: cinemaId,
      dimension: 'TICKET_TYPE' as const,
      key: key as TicketType,
      factor_bp,
    })),
  ]);
}

async function seedSessions(
  trx: Transaction<DB>,
  ctx: RequestContext,
  hallIds: Map<string, string>,
  filmIds: Map<string, string>,
  firstDate: string,
): Promise<number> {
  const plan = planDemoWeek({ firstDate, days: DEMO_DAYS, timezone: DEMO_CINEMA.timezone });
  await insertStamped(
    trx,
    ctx,
    'sessions',
    plan.map((s) => ({
      id: newId(),
      film_id: filmIds.get(s.filmKey)!,
      hall_id: hallIds.get(s.hallKey)!,
      starts_at: s.startsAt.toISOString(),
      ends_at: s.endsAt.toISOString(),
      ads_minutes: s.adsMinutes,
      base_price: s.basePrice,
      format: s.format,
      language: s.language,
      subtitles: s.subtitles,
      status: 'ON_SALE' as const,
    })),
  );
  return plan.length;
}

async function seedConcessionsAndPromocode(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, firstDate: string): Promise<void> {
  await insertStamped(
    trx,
    ctx,
    'concession_items',
    DEMO_CONCESSIONS.map((c) => ({ id: newId(), cinema_id: cinemaId, name: c.name, category: c.category, price: c.price, vat_bp: c.vatBp, stock: c.stock })),
  );
  const p = DEMO_PROMOCODE;
  await insertStamped(trx, ctx, 'promocodes', [
    {
      id: newId(),
      cinema_id: cinemaId,
      code: p.code,
      kind: p.kind,
      value: p.value,
      valid_from: firstDate,
      valid_to: addBusinessDays(firstDate, p.validForDays),
      max_uses: p.maxUses,
      per_customer_limit: p.perCustomerLimit,
      min_order: 0,
      applies_to: p.appliesTo,
    },
  ]);
}

async function seedCustomers(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string): Promise<void> {
  const rows = DEMO_CUSTOMERS.map((c) => ({ customer: c, id: newId(), accountId: newId() }));
  await insertStamped(
    trx,
    ctx,
    'customers',
    rows.map((r) => ({ id: r.id, name: r.customer.name, phone: r.customer.phone, email: r.customer.email, card_number: r.customer.cardNumber, cinema_id: cinemaId })),
  );
  await insertStamped(
    trx,
    ctx,
    'bonus_accounts',
    rows.map((r) => ({ id: r.accountId, customer_id: r.id, card_number: r.customer.cardNumber })),
  );
  await insertStamped(
    trx,
    ctx,
    'bonus_transactions',
    rows
      .filter((r) => r.customer.openingBonus !== 0)
      .map((r) => ({
        id: newId(),
        account_id: r.accountId,
        kind: 'ADJUSTMENT' as const,
        amount: r.customer.openingBonus,
        order_id: null,
        note: 'Opening balance (demo data)',
      })),
  );
}

interface HashedLogin {
  login: DemoLogin;
  passwordHash: string;
  pinHash: string | null;
}

let demoHashes: Promise<HashedLogin[]> | null = null;

/**
 * scrypt is slow (tens of ms per hash): hash in parallel on libuv's pool, before the transaction
 * opens, and once per process — the demo passwords are public, a fresh salt per database buys
 * nothing, and tests start many demo databases.
 */
function hashedDemoLogins(): Promise<HashedLogin[]> {
  demoHashes ??= Promise.all(
    DEMO_LOGINS.map(async (login: DemoLogin) => {
      const [passwordHash, pinHash] = await Promise.all([hashSecret(login.password), login.pin ? hashSecret(login.pin) : null]);
      return { login, passwordHash, pinHash };
    }),
  ).catch((error: unknown) => {
    demoHashes = null;
    throw error;
  });
  return demoHashes;
}

async function seedStaff(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, staff: readonly HashedLogin[]): Promise<void> {
  for (const s of staff) {
    const user = await createUser(trx, ctx, {
      username: s.login.username,
      displayName: s.login.displayName,
      role: s.login.role,
      passwordHash: s.passwordHash,
      cinemaId,
    });
    if (s.pinHash) await trx.updateTable('users').set({ pin_hash: s.pinHash, ...ctx.stamp() }).where('id', '=', user.id).execute();
  }
}

/**
 * Fills an empty database with the demo cinema: halls and seat maps, distributors, films with
 * ACTIVE contracts, prices, a week of sessions from today, concessions, a promocode, loyalty
 * customers and one user per role (DEMO_LOGINS). Does nothing once the database has any user.
 */
export async function seedDemo(services: CoreServices): Promise<void> {
  if (await hasUsers(services.db)) return;
  const started = performance.now();
  const staff = await hashedDemoLogins();
  const ctx = systemContext(services);
  const rule: BusinessDayRule = { timezone: DEMO_CINEMA.timezone, dayStart: DEMO_CINEMA.businessDayStart };
  const firstDate = businessDateOf(services.clock.now(), rule);

  const result = await services.db.transaction().execute(async (trx): Promise<SeedResult | null> => {
    if (await hasUsers(trx)) return null;
    const cinemaId = await seedCinema(trx, ctx);
    await registerTerminal(trx, ctx, cinemaId, services.signing.publicKeyPem);
    const { hallIds, seats } = await seedHalls(trx, ctx, cinemaId);
    const distributorIds = await seedDistributors(trx, ctx);
    const { filmIds, contracts } = await seedFilmsAndContracts(trx, ctx, cinemaId, distributorIds, firstDate);
    await seedPrices(trx, ctx, cinemaId);
    const sessions = await seedSessions(trx, ctx, hallIds, filmIds, firstDate);
    await seedConcessionsAndPromocode(trx, ctx, cinemaId, firstDate);
    await seedCustomers(trx, ctx, cinemaId);
    await seedStaff(trx, ctx, cinemaId, staff);
    const counts = {
      halls: hallIds.size,
      seats,
      distributors: distributorIds.size,
      films: filmIds.size,
      contracts,
      sessions,
      concessionItems: DEMO_CONCESSIONS.length,
      customers: DEMO_CUSTOMERS.length,
      users: staff.length,
    };
    await recordAudit(trx, ctx, {
      action: 'demo.seed',
      entity: 'cinema',
      entityId: cinemaId,
      details: { firstBusinessDate: firstDate, days: DEMO_DAYS, ...counts },
      userId: null,
    });
    return { cinemaId, counts };
  });
  if (!result) return;
  services.terminal.setCinema(result.cinemaId);
  services.log.info('Demo data created', { ...result.counts, ms: Math.round(performance.now() - started) });
}
