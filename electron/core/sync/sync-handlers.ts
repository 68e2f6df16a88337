import type { Handlers } from '../api';
import type { RequestContext } from '../context';
import type { SyncConflictSummary, SyncSettings, SyncStatus } from '../../../shared/contract/sync';
import type { TicketRow } from '../db/tables';
import { DomainError, inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import { readerLanguage } from '../reader-language';
import { storageFailureAnswer } from '../storage-answer';
import { recordAudit } from '../audit/record-audit';
import { syncOf, SyncEngine, type StoredConflict } from './sync-engine';
import { resolveConflict } from './resolve-conflict';
import type { CentralCredentials } from './secret-store';
import { seatLabel } from '../../../shared/seat-map';
import { joinCinema, requireFreshTerminal } from './join-cinema';

type SyncHandlers = Pick<
  Handlers,
  'sync.join' | 'sync.status' | 'sync.settings' | 'sync.test' | 'sync.configure' | 'sync.now' | 'sync.conflicts' | 'sync.resolveConflict'
>;

/** A central database that cannot be reached or refuses the login, in an administrator's words. */
async function testCredentials(credentials: CentralCredentials) {
  try {
    return await SyncEngine.test(credentials);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new DomainError('VALIDATION', { key: 'refusals:sync.centralDatabaseDidNot2', values: { message } });
  }
}

async function settingsOf(ctx: RequestContext): Promise<SyncSettings> {
  const engine = syncOf(ctx.services);
  const saved = engine.savedCredentials();
  return {
    url: saved?.url ?? null,
    user: saved?.user ?? null,
    terminalId: ctx.terminal.id,
    cinemaId: ctx.services.terminal.get().cinemaId,
    status: await engine.state(readerLanguage(ctx)),
  };
}

/** Why the centre found a terminal's money journal broken (central 0006 `details.reason`). */
const JOURNAL_BREAK_WORDS: Record<string, Words['key']> = {
  MISSING: 'sync:conflictText.journalMissing',
  PREVIOUS_HASH: 'sync:conflictText.journalPreviousHash',
  HASH: 'sync:conflictText.journalHash',
  REWRITTEN: 'sync:conflictText.journalRewritten',
};

/**
 * A conflict in words, from its kind and the details the centre stored with it (read in the
 * reader's language); a detail the centre wrote as text is shown only for a reason not known here.
 */
async function summarize(ctx: RequestContext, c: StoredConflict): Promise<SyncConflictSummary> {
  const language = readerLanguage(ctx);
  const say = (words: Words) => inWords(words, language);
  const base = { id: c.id, kind: c.kind, detectedAt: c.detected_at, resolvedAt: c.resolved_at, resolution: c.resolution, ticket: null, freeSeats: [] };
  if (c.kind === 'BONUS_OVERDRAWN') {
    const account = await ctx.db
      .selectFrom('bonus_accounts as a')
      .innerJoin('customers as cu', 'cu.id', 'a.customer_id')
      .select(['cu.name', 'a.card_number'])
      .where('a.id', '=', c.subject_id)
      .executeTakeFirst();
    const who: Words = account ? { key: 'sync:conflictText.customerCard', values: { name: account.name, card: account.card_number } } : { key: 'sync:conflictText.aCustomer' };
    return { ...base, description: say({ key: 'sync:conflictText.bonusOverdrawn', values: { who, balance: Number(c.details.balance) } }) };
  }
  if (c.kind === 'VOUCHER_OVERDRAWN') {
    // Rule 17: redeemed in more places (or offline) than it held; acknowledging writes the overdraft off.
    const cinema = await ctx.db.selectFrom('cinemas').select('currency').where('id', '=', ctx.terminal.cinemaId ?? '').executeTakeFirst();
    const balance = { minor: Number(c.details.balance), currency: cinema?.currency ?? 'EUR' };
    return { ...base, description: say({ key: 'sync:conflictText.voucherOverdrawn', values: { code: String(c.details.code), balance } }) };
  }
  if (c.kind === 'JOURNAL_BREAK') {
    // Rule 16: the centre found an entry that does not link to what it already had (edited, deleted or reordered on the terminal).
    const terminal = String(c.details.terminal_name ?? c.details.terminal_id);
    const reason = JOURNAL_BREAK_WORDS[String(c.details.reason)];
    const entry: Words | string = reason
      ? { key: reason, values: { counter: Number(c.details.counter), kind: String(c.details.kind), at: String(c.details.at) } }
      : String(c.details.message ?? '');
    return { ...base, description: say({ key: 'sync:conflictText.journalBreak', values: { terminal, entry } }) };
  }
  if (c.kind === 'PROMOCODE_OVER_LIMIT') {
    return { ...base, description: say({ key: 'sync:conflictText.promocodeOverLimit', values: { code: String(c.details.code), uses: Number(c.details.uses), limit: Number(c.details.max_uses) } }) };
  }
  const t = c.details.ticket as TicketRow;
  const info = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select(['f.title', 's.starts_at', 'h.name as hall'])
    .where('s.id', '=', t.session_id)
    .executeTakeFirst();
  const seat = await ctx.db.selectFrom('seats').select(['row_label', 'number']).where('id', '=', t.seat_id).executeTakeFirst();
  const order = await ctx.db.selectFrom('orders').select('number').where('id', '=', t.order_id).executeTakeFirst();
  const seatText = seat ? seatLabel(seat.row_label, seat.number, language) : say({ key: 'sync:conflictText.unknownSeat' });
  const free = c.resolved_at
    ? []
    : await ctx.db
        .selectFrom('seats as st')
        .innerJoin('sessions as s', 's.hall_id', 'st.hall_id')
        .select(['st.id', 'st.row_label', 'st.number'])
        .where('s.id', '=', t.session_id)
        .where('st.active', '=', 1)
        .where('st.kind', '=', seat ? (await ctx.db.selectFrom('seats').select('kind').where('id', '=', t.seat_id).executeTakeFirstOrThrow()).kind : 'STANDARD')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('tickets as tk').select('tk.id').whereRef('tk.seat_id', '=', 'st.id').whereRef('tk.session_id', '=', 's.id').where('tk.status', '=', 'SOLD'))),
        )
        .orderBy('st.row_label')
        .orderBy('st.number')
        .limit(300)
        .execute();
  return {
    ...base,
    description: say({
      key: info ? 'sync:conflictText.doubleSale' : 'sync:conflictText.doubleSaleNoSession',
      values: { seat: seatText, film: info?.title, hall: info?.hall, order: order?.number ?? say({ key: 'sync:conflictText.orderNotHere' }) },
    }),
    ticket: { id: t.id, orderNumber: order?.number ?? null, film: info?.title ?? null, startsAt: info?.starts_at ?? null, hall: info?.hall ?? null, seat: seatText, price: t.price - t.discount },
    freeSeats: free.map((s) => ({ id: s.id, label: seatLabel(s.row_label, s.number, language) })),
  };
}

export const syncHandlers: SyncHandlers = {
  'sync.join': async (ctx, input) => {
    await requireFreshTerminal(ctx);
    const who = await testCredentials(input);
    if (who.terminalId !== ctx.terminal.id) {
      throw new DomainError('VALIDATION', { key: 'refusals:sync.theseCredentialsBelongTerminal', values: { whoTerminalId: who.terminalId, id: ctx.terminal.id } });
    }
    return joinCinema(ctx, input, who.cinemaId);
  },

  'sync.status': async (ctx): Promise<SyncStatus> => syncOf(ctx.services).state(readerLanguage(ctx)),

  'sync.settings': async (ctx) => settingsOf(ctx),

  'sync.test': async (ctx, input) => {
    const who = await testCredentials(input);
    return { terminalId: who.terminalId, cinemaId: who.cinemaId, matches: who.terminalId === ctx.terminal.id && (!ctx.terminal.cinemaId || who.cinemaId === ctx.terminal.cinemaId) };
  },

  'sync.configure': async (ctx, input) => {
    if (ctx.services.demo) {
      throw new DomainError('VALIDATION', { key: 'refusals:sync.demoCinemaDemoData2' });
    }
    const who = await testCredentials(input);
    if (who.terminalId !== ctx.terminal.id) {
      throw new DomainError('VALIDATION', { key: 'refusals:sync.theseCredentialsBelongTerminal', values: { whoTerminalId: who.terminalId, id: ctx.terminal.id } });
    }
    if (ctx.terminal.cinemaId && who.cinemaId !== ctx.terminal.cinemaId) {
      throw new DomainError('VALIDATION', { key: 'refusals:sync.centralDatabaseRegisteredTerminal', values: { whoCinemaId: who.cinemaId, cinemaId: ctx.terminal.cinemaId } });
    }
    await syncOf(ctx.services).configure(input);
    await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx, { action: 'sync.configure', entity: 'terminal', entityId: ctx.terminal.id, details: { url: input.url, user: input.user } }));
    return settingsOf(ctx);
  },

  'sync.now': async (ctx) => {
    const engine = syncOf(ctx.services);
    if (!engine.configured) throw new DomainError('VALIDATION', { key: 'refusals:sync.terminalNotConnectedCentral' });
    try {
      await engine.syncNow();
    } catch (e) {
      // A full disk or a damaged file is answered as such (in the caller's words); the centre's or the network's failure in its own.
      throw storageFailureAnswer(e, ctx.db) ?? new DomainError('CONFLICT', { key: 'refusals:sync.couldNotSyncNow', values: { value: e instanceof Error ? e.message : String(e) } });
    }
    return engine.state(readerLanguage(ctx));
  },

  'sync.conflicts': async (ctx, input) => {
    const all = await syncOf(ctx.services).conflicts();
    const shown = input.includeResolved ? all : all.filter((c) => !c.resolved_at);
    return Promise.all(shown.map((c) => summarize(ctx, c)));
  },

  'sync.resolveConflict': async (ctx, input) => {
    const result = await resolveConflict(ctx, input);
    // Send the fix at once when the central database is there; otherwise the loop will.
    void syncOf(ctx.services).syncNow().catch(() => undefined);
    return result;
  },
};
