import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Handlers } from '../api';
import { readMeta } from '../terminal/identity';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { writeAuditExport, type AuditRange } from '../audit-export/write-audit-export';
import { verifyJournal } from './verify-journal';
import { printCorrectionSlip } from '../receipts/correction-slip';
import { syncOf } from '../sync/sync-engine';
import { JOURNAL_SENT_KEY } from './push-journal';
import { readerLanguage } from '../reader-language';
import { inWords } from '../errors';

type JournalHandlers = Pick<Handlers, 'journal.overview' | 'journal.export' | 'receipts.printSlip'>;

export const journalHandlers: JournalHandlers = {
  'journal.overview': async (ctx) => {
    const [checks, latest, sent] = await Promise.all([
      verifyJournal(ctx.db, { incremental: true }),
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
    ]);
    // The newest entry comes first in `latest`: its counter is the terminal's head.
    const head = Number(latest[0]?.counter ?? 0);
    const syncConfigured = syncOf(ctx.services).configured;
    const language = readerLanguage(ctx);
    // What broke, in the reader's language; the English stays in `message` (logs, the audit export).
    const inTheirWords = checks.map((c) => (c.firstBreak ? { ...c, firstBreak: { ...c.firstBreak, detail: inWords(c.firstBreak.detailWords, language) } } : c));
    return { checks: inTheirWords, latest, syncConfigured, unsent: syncConfigured ? Math.max(0, head - Number(sent ?? 0)) : 0 };
  },

  'receipts.printSlip': async (ctx, input) => printCorrectionSlip(ctx, input.orderId, input.number),

  'journal.export': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const range: AuditRange = input.fromZ !== undefined && input.toZ !== undefined ? { fromZ: input.fromZ, toZ: input.toZ } : { from: input.from!, to: input.to! };
    const file = (await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(ctx.db)).rows[0]?.file;
    const now = ctx.clock.now();
    const name = `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)} ${'fromZ' in range ? `Z ${range.fromZ}-${range.toZ}` : `${range.from} to ${range.to}`}`;
    const folder = join(file ? dirname(file) : process.cwd(), 'audit-exports', name);
    const result = await writeAuditExport(ctx.db, { cinema, terminal: { id: ctx.terminal.id, name: ctx.terminal.name }, range, folder, now, language: readerLanguage(ctx) });
    await recordAudit(ctx.db, ctx, { action: 'journal.export', entity: 'terminal', entityId: ctx.terminal.id, details: { range, folder, files: result.files.length, entries: result.entries } });
    return result;
  },
};
