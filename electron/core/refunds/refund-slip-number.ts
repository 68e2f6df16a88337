import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { readMeta, writeMeta } from '../terminal/identity';

const SEQUENCE_KEY = 'refund_slip_sequence';

/** "R7C2A-000012": the terminal's short tag and a counter kept in the refund's own transaction (no gaps). */
export async function nextRefundSlipNumber(trx: Transaction<DB>, terminalId: string): Promise<string> {
  const next = Number((await readMeta(trx, SEQUENCE_KEY)) ?? '0') + 1;
  await writeMeta(trx, SEQUENCE_KEY, String(next));
  return `R${terminalId.replace(/-/g, '').slice(-4).toUpperCase()}-${String(next).padStart(6, '0')}`;
}
