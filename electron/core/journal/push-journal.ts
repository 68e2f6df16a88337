import type { Kysely } from 'kysely';
import type { DB } from '../db/tables';
import { readMeta, writeMeta } from '../terminal/identity';

/** local_meta key: the highest journal counter the centre has confirmed. */
export const JOURNAL_SENT_KEY = 'journal_sent_counter';

export interface JournalPushResult {
  accepted: number;
  replayed: number;
  breaks: number;
  head: { counter: number; hash: string } | null;
}

export interface JournalReceiver {
  pushJournal(entries: readonly Record<string, unknown>[], signers: readonly Record<string, unknown>[]): Promise<JournalPushResult>;
}

/**
 * Sends this terminal's journal entries the centre has not confirmed yet, oldest first, with the
 * public keys of their signers (rule 16). The centre checks each link on arrival and keeps a
 * break as a conflict; what it confirmed is remembered here only after its commit, so a cut
 * connection only means the same entries again (the centre takes a replay as one).
 */
export async function pushJournal(db: Kysely<DB>, centre: JournalReceiver, terminalId: string, batchSize = 1000): Promise<number> {
  let sent = Number((await readMeta(db, JOURNAL_SENT_KEY)) ?? '0');
  let total = 0;
  for (;;) {
    const entries = await db.selectFrom('journal_entries').selectAll().where('terminal_id', '=', terminalId).where('counter', '>', sent).orderBy('counter').limit(batchSize).execute();
    if (entries.length === 0) return total;
    const signerIds = [...new Set(entries.map((e) => e.signer_id))];
    const signers = await db.selectFrom('journal_signers').select(['id', 'algorithm', 'public_key']).where('id', 'in', signerIds).execute();
    await centre.pushJournal(entries, signers);
    sent = entries[entries.length - 1]!.counter;
    await writeMeta(db, JOURNAL_SENT_KEY, String(sent));
    total += entries.length;
  }
}
