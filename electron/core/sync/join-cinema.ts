import type { RequestContext } from '../context';
import type { SyncJoinResult } from '../../../shared/contract/sync';
import { DomainError } from '../errors';
import { syncOf } from './sync-engine';
import type { CentralCredentials } from './secret-store';

/** A brand-new terminal only: no staff, no cinema, not the demo cinema. */
export async function requireFreshTerminal(ctx: RequestContext): Promise<void> {
  const anyUser = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser || ctx.terminal.cinemaId) throw new DomainError('SETUP_DONE', { key: 'refusals:sync.terminalAlreadySetUp' });
  if (ctx.services.demo) throw new DomainError('VALIDATION', { key: 'refusals:sync.demoCinemaDemoData' });
}

/**
 * Stores the terminal's own central login and runs the first sync: the terminal pulls its
 * cinema, staff and programme and binds itself to that cinema (sync-engine joinCinemaIfNew).
 */
export async function joinCinema(ctx: RequestContext, credentials: CentralCredentials, cinemaId: string): Promise<SyncJoinResult> {
  const engine = syncOf(ctx.services);
  await engine.configure(credentials);
  try {
    await engine.syncNow();
  } catch (e) {
    throw new DomainError('CONFLICT', { key: 'refusals:sync.connectedButFirstSync', values: { value: e instanceof Error ? e.message : String(e) } });
  }
  const joined = ctx.services.terminal.get().cinemaId;
  const cinema = joined ? await ctx.db.selectFrom('cinemas').select(['id', 'name']).where('id', '=', joined).executeTakeFirst() : undefined;
  if (!cinema) throw new DomainError('NOT_FOUND', { key: 'refusals:sync.centralDatabaseNoData', values: { cinemaId } });
  const staff = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow();
  return { cinema, staff: Number(staff.n) };
}
