import { sql, type Kysely, type Transaction } from 'kysely';
import type { CustomerSummary } from '../../../shared/contract';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';

type Db = Kysely<DB> | Transaction<DB>;

function customerQuery(db: Db) {
  return db
    .selectFrom('customers as c')
    .innerJoin('bonus_accounts as a', 'a.customer_id', 'c.id')
    .select((eb) => [
      'c.id',
      'c.name',
      'c.phone',
      'c.email',
      'a.id as account_id',
      'a.card_number',
      eb.fn.coalesce(eb.selectFrom('bonus_transactions as t').select((e) => e.fn.sum<number>('t.amount').as('s')).whereRef('t.account_id', '=', 'a.id'), sql<number>`0`).as('balance'),
    ]);
}

type CustomerRowWithBalance = Awaited<ReturnType<ReturnType<typeof customerQuery>['executeTakeFirstOrThrow']>>;

export interface LoyaltyCustomer extends CustomerSummary {
  accountId: string;
}

function toCustomer(r: CustomerRowWithBalance): LoyaltyCustomer {
  return { id: r.id, name: r.name, phone: r.phone, email: r.email, cardNumber: r.card_number, bonusBalance: Number(r.balance ?? 0), accountId: r.account_id };
}

export function toCustomerSummary(c: LoyaltyCustomer): CustomerSummary {
  return { id: c.id, name: c.name, phone: c.phone, email: c.email, cardNumber: c.cardNumber, bonusBalance: c.bonusBalance };
}

/** The phone's digits only: "+49 151 2345-6781" → "4915123456781". */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** A phone column stripped of the separators people type, for matching by digits. */
const digitsOfPhone = sql<string>`replace(replace(replace(replace(replace(replace(c.phone, ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '/', '')`;

/** Customers by card number (exact, any case) or by phone (the typed digits end the stored number). */
export async function findCustomers(db: Db, query: string): Promise<LoyaltyCustomer[]> {
  const q = query.trim();
  // A local number ("0151 …") matches the stored international one ("+49 151 …") by its tail.
  const digits = phoneDigits(q).replace(/^0+/, '');
  const rows = await customerQuery(db)
    .where((eb) => {
      const byCard = eb(sql`a.card_number`, '=', sql`${q} COLLATE NOCASE`);
      return digits.length >= 5 ? eb.or([byCard, eb(digitsOfPhone, 'like', `%${digits}`)]) : byCard;
    })
    .orderBy('c.name')
    .limit(20)
    .execute();
  return rows.map(toCustomer);
}

export async function loadCustomer(db: Db, customerId: string): Promise<LoyaltyCustomer> {
  const row = await customerQuery(db).where('c.id', '=', customerId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:loyalty.loyaltyCustomerDoesNot' });
  return toCustomer(row);
}

/** Enrols a customer with a bonus account on the card handed over; the card number is unique. */
export async function createCustomer(
  trx: Transaction<DB>,
  ctx: RequestContext,
  input: { name: string; phone: string; cardNumber: string; email?: string },
): Promise<LoyaltyCustomer> {
  const taken = await trx
    .selectFrom('bonus_accounts as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select('c.name')
    .where(sql`a.card_number`, '=', sql`${input.cardNumber} COLLATE NOCASE`)
    .executeTakeFirst();
  if (taken) throw new DomainError('CONFLICT', { key: 'refusals:loyalty.cardNumberAlreadyBelongs', values: { cardNumber: input.cardNumber, takenName: taken.name } });
  const id = newId();
  const accountId = newId();
  await trx
    .insertInto('customers')
    .values({ id, name: input.name, phone: input.phone, email: input.email ?? null, card_number: input.cardNumber, cinema_id: ctx.terminal.cinemaId, ...ctx.stamp() })
    .execute();
  await trx.insertInto('bonus_accounts').values({ id: accountId, customer_id: id, card_number: input.cardNumber, ...ctx.stamp() }).execute();
  await recordAudit(trx, ctx, { action: 'customer.create', entity: 'customer', entityId: id, details: { name: input.name, cardNumber: input.cardNumber } });
  return { id, name: input.name, phone: input.phone, email: input.email ?? null, cardNumber: input.cardNumber, bonusBalance: 0, accountId };
}
