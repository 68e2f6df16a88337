import type { Handlers } from '../api';
import type { RequestContext } from '../context';
import type { SyncConflictSummary, SyncSettings, SyncStatus } from '../../../shared/contract/sync';
import type { TicketRow } from '../db/tables';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { syncOf, SyncEngine, type StoredConflict } from './sync-engine';
import { resolveConflict } from './resolve-conflict';
import type { CentralCredentials } from './secret-store';
import { seatLabel } from '../../../shared/seat-map';
import { formatMoney } from '../../../shared/money';
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
    status: await engine.state(),
  };
}

const KIND_TEXT: Record<StoredConflict['kind'], string> = {
  DOUBLE_SALE: 'Seat sold twice while offline',
  BONUS_OVERDRAWN: 'Bonus account overdrawn while offline',
  PROMOCODE_OVER_LIMIT: 'Promocode used beyond its limit while offline',
  JOURNAL_BREAK: "A terminal's money journal does not continue its chain at the centre",
  VOUCHER_OVERDRAWN: 'Gift voucher overdrawn while offline',
};

async function summarize(ctx: RequestContext, c: StoredConflict): Promise<SyncConflictSummary> {
  const base = { id: c.id, kind: c.kind, detectedAt: c.detected_at, resolvedAt: c.resolved_at, resolution: c.resolution, ticket: null, freeSeats: [] };
  if (c.kind === 'BONUS_OVERDRAWN') {
    const account = await ctx.db
      .selectFrom('bonus_accounts as a')
      .innerJoin('customers as cu', 'cu.id', 'a.customer_id')
      .select(['cu.name', 'a.card_number'])
      .where('a.id', '=', c.subject_id)
      .executeTakeFirst();
    return { ...base, description: `${KIND_TEXT[c.kind]}: ${account ? `${account.name} (card ${account.card_number})` : 'a customer'} is at ${String(c.details.balance)} points.` };
  }
  if (c.kind === 'VOUCHER_OVERDRAWN') {
    // Rule 17: redeemed in more places (or offline) than it held; acknowledging writes the overdraft off.
    const cinema = await ctx.db.selectFrom('cinemas').select('currency').where('id', '=', ctx.terminal.cinemaId ?? '').executeTakeFirst();
    const balance = Number(c.details.balance);
    return { ...base, description: `${KIND_TEXT[c.kind]}: voucher ${String(c.details.code)} is at ${formatMoney(balance, cinema?.currency ?? 'EUR', 'en')}. Marking it dealt with writes the overdraft off.` };
  }
  if (c.kind === 'JOURNAL_BREAK') {
    // Rule 16: the centre found an entry that does not link to what it already had (edited, deleted or reordered on the terminal).
    return { ...base, description: `${KIND_TEXT[c.kind]} (${String(c.details.terminal_name ?? c.details.terminal_id)}). ${String(c.details.message)}` };
  }
  if (c.kind === 'PROMOCODE_OVER_LIMIT') {
    return { ...base, description: `${KIND_TEXT[c.kind]}: code ${String(c.details.code)} used ${String(c.details.uses)} times, limit ${String(c.details.max_uses)}.` };
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
  const seatWords = seat ? seatLabel(seat.row_label, seat.number) : 'an unknown seat';
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
    description: `${KIND_TEXT[c.kind]}: ${seatWords}${info ? ` for ${info.title} in ${info.hall}` : ''} — order ${order?.number ?? '(not yet here)'} did not get it.`,
    ticket: { id: t.id, orderNumber: order?.number ?? null, film: info?.title ?? null, startsAt: info?.starts_at ?? null, hall: info?.hall ?? null, seat: seatWords, price: t.price - t.discount },
    freeSeats: free.map((s) => ({ id: s.id, label: seatLabel(s.row_label, s.number) })),
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

  'sync.status': async (ctx): Promise<SyncStatus> => syncOf(ctx.services).state(),

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
      throw new DomainError('CONFLICT', { key: 'refusals:sync.couldNotSyncNow', values: { value: e instanceof Error ? e.message : String(e) } });
    }
    return engine.state();
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
