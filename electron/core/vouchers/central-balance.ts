import { sql } from 'kysely';
import type { CoreServices } from '../context';
import { syncOf } from '../sync/sync-engine';
import { normalizeVoucherCode, voucherCodeHash } from './voucher-code';

/** The counter does not wait longer than this for the centre's sums. */
const CENTRAL_BALANCE_TIMEOUT_MS = 700;

/**
 * Rule 17 online: before a voucher is shown or spent, its sums are asked of the centre and stored
 * as a pull would store them (last writer by the centre's HLC), so the balance this terminal
 * checks is the chain's of this moment. Offline, slow or not synced: nothing happens and the
 * balance stays the one last pulled. Never inside a SQLite transaction.
 */
export async function refreshVoucherBalances(services: CoreServices, codes: readonly string[]): Promise<void> {
  const client = syncOf(services).centralWhenOnline();
  if (!client || codes.length === 0) return;
  const known = [...new Set(codes.map(normalizeVoucherCode).filter((c): c is string => c !== null))];
  if (known.length === 0) return;
  const hashes = await Promise.all(known.map(voucherCodeHash));
  const vouchers = await services.db.selectFrom('gift_vouchers').select('id').where('code_hash', 'in', hashes).execute();
  for (const v of vouchers) {
    let row: Awaited<ReturnType<typeof client.voucherBalance>> | 'timeout';
    try {
      row = await Promise.race([client.voucherBalance(v.id), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), CENTRAL_BALANCE_TIMEOUT_MS).unref())]);
    } catch (e) {
      services.log.error('the central voucher balance could not be read; the last one pulled is used', { error: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (row === 'timeout' || row === null) continue;
    await sql`INSERT INTO gift_voucher_balances (id, balance, by_cinema, updated_at, origin)
              VALUES (${row.id}, ${row.balance}, ${JSON.stringify(row.by_cinema)}, ${row.updated_at}, ${row.origin})
              ON CONFLICT (id) DO UPDATE SET balance = excluded.balance, by_cinema = excluded.by_cinema, updated_at = excluded.updated_at, origin = excluded.origin
              WHERE excluded.updated_at > gift_voucher_balances.updated_at`.execute(services.db);
  }
}
