import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { readMeta, writeMeta } from '../terminal/identity';
import { preparedQuery } from '../db/prepared-query';

const SEQUENCE_KEY = 'order_sequence';

/** "T-7C2A-000123": the terminal's short tag and a counter kept in the same transaction as the sale. */
export function formatOrderNumber(terminalId: string, sequence: number): string {
  return `T${terminalId.replace(/-/g, '').slice(-4).toUpperCase()}-${String(sequence).padStart(6, '0')}`;
}

const latestOrder = preparedQuery((db, p: { terminalId: string }) =>
  db.selectFrom('orders').select('number').where('terminal_id', '=', p.terminalId).orderBy('number', 'desc').limit(1),
);

/**
 * The next order number of this terminal (unique per terminal; the orders table enforces it too).
 * The counter lives in local_meta; the terminal's highest number so far (one lookup on the unique
 * index) keeps it right even if local_meta was lost, e.g. after a restore.
 */
export async function nextOrderNumber(trx: Transaction<DB>, terminalId: string): Promise<string> {
  const latest = await latestOrder.first(trx, { terminalId });
  const fromOrders = Number(/-(\d+)$/.exec(latest?.number ?? '')?.[1] ?? '0');
  const next = Math.max(Number((await readMeta(trx, SEQUENCE_KEY)) ?? '0'), fromOrders) + 1;
  await writeMeta(trx, SEQUENCE_KEY, String(next));
  return formatOrderNumber(terminalId, next);
}
