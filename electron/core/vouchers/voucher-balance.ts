import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { DomainError } from '../errors';
import { normalizeVoucherCode, voucherCodeHash } from './voucher-code';

type Db = Kysely<DB> | Transaction<DB>;

export interface KnownVoucher {
  id: string;
  /** The code as typed (normalised): known only to whoever holds the voucher, never read from the database. */
  code: string;
  /** Its last 4 characters, as stored: what journals and audits name. */
  last4: string;
  amount: number;
  currency: string;
  cinemaId: string;
  soldAt: string;
  /** What this terminal knows is left on it (rule 17). */
  balance: number;
}

/**
 * Rule 17: the balance this terminal knows — the other cinemas' sums as the centre last sent them
 * (`gift_voucher_balances.by_cinema`), plus this cinema's own movements, which it holds row by row
 * (its own at once, its cinema's other terminals' as they are pulled). Offline this is the balance
 * it last knew; the centre finds an overdraft when the movements meet there.
 */
export function knownBalance(ownMovements: number, byCinema: Record<string, number>, cinemaId: string): number {
  let others = 0;
  for (const [cinema, sum] of Object.entries(byCinema)) if (cinema !== cinemaId) others += Number(sum);
  return others + ownMovements;
}

/** The balance this terminal knows of a voucher by its id. */
export async function balanceOf(db: Db, voucherId: string, cinemaId: string): Promise<number> {
  const own = await db
    .selectFrom('gift_voucher_movements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('sum'))
    .where('voucher_id', '=', voucherId)
    .where('cinema_id', '=', cinemaId)
    .executeTakeFirstOrThrow();
  const central = await db.selectFrom('gift_voucher_balances').select('by_cinema').where('id', '=', voucherId).executeTakeFirst();
  return knownBalance(Number(own.sum), central ? (JSON.parse(central.by_cinema) as Record<string, number>) : {}, cinemaId);
}

/** The voucher of a typed or scanned code with its known balance; refused in the cashier's words when there is none. */
export async function findVoucher(db: Db, typed: string, cinemaId: string): Promise<KnownVoucher> {
  const code = normalizeVoucherCode(typed);
  // The typed text is not echoed: it may be anything a scanner or a hostile caller sends.
  if (!code) throw new DomainError('VALIDATION', { key: 'refusals:vouchers.notVoucherCodeCode' }, { field: 'code' });
  const row = await db.selectFrom('gift_vouchers').selectAll().where('code_hash', '=', await voucherCodeHash(code)).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:vouchers.noVoucherCodeCheck', values: { code } }, { field: 'code' });
  return { id: row.id, code, last4: row.code_last4, amount: row.amount, currency: row.currency, cinemaId: row.cinema_id, soldAt: row.sold_at, balance: await balanceOf(db, row.id, cinemaId) };
}
