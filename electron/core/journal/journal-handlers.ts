import { sql } from 'kysely';
import type { Handlers } from '../api';
import { readMeta } from '../terminal/identity';
import { verifyJournal } from './verify-journal';

type JournalHandlers = Pick<Handlers, 'journal.overview'>;

/** local_meta key: the highest journal counter the centre has confirmed. */
export const JOURNAL_SENT_KEY = 'journal_sent_counter';

export const journalHandlers: JournalHandlers = {
  'journal.overview': async (ctx) => {
    const [checks, latest, sent, head] = await Promise.all([
      verifyJournal(ctx.db),
      ctx.db
        .selectFrom('journal_entries')
        .select([
          'counter',
          'kind',
          'at',
          'hash',
          sql<number | null>`coalesce(json_extract(content, '$.receipt'), json_extract(content, '$.z'))`.as('number'),
          sql<number | null>`json_extract(content, '$.amount')`.as('amount'),
        ])
        .where('terminal_id', '=', ctx.terminal.id)
        .orderBy('counter', 'desc')
        .limit(20)
        .execute(),
      readMeta(ctx.db, JOURNAL_SENT_KEY),
      ctx.db.selectFrom('journal_entries').select((eb) => eb.fn.max('counter').as('n')).where('terminal_id', '=', ctx.terminal.id).executeTakeFirst(),
    ]);
    return { checks, latest, unsent: Math.max(0, Number(head?.n ?? 0) - Number(sent ?? 0)) };
  },
};
