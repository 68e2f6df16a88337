import type { RequestContext } from '../context';
import type { SyncJoinResult } from '../../../shared/contract/sync';
import { DomainError } from '../errors';
import { syncOf } from './sync-engine';
import type { CentralCredentials } from './secret-store';

/** A brand-new terminal only: no staff, no cinema, not the demo cinema. */
export async function requireFreshTerminal(ctx: RequestContext): Promise<void> {
  const anyUser = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser || ctx.terminal.cinemaId) throw new DomainError('SETUP_DONE', 'This terminal is already set up. Sign in instead; an administrator can change the connection on the Sync screen.');
  if (ctx.services.demo) throw new DomainError('VALIDATION', 'This is the demo cinema: demo data is never sent to a central database.');
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
    throw new DomainError('CONFLICT', `Connected, but the first sync did not finish: ${e instanceof Error ? e.message : String(e)}. It goes on in the background; try again in a moment.`);
  }
  const joined = ctx.services.terminal.get().cinemaId;
  const cinema = joined ? await ctx.db.selectFrom('cinemas').select(['id', 'name']).where('id', '=', joined).executeTakeFirst() : undefined;
  if (!cinema) throw new DomainError('NOT_FOUND', `The central database has no data of cinema ${cinemaId} yet: sync its first terminal, then try again.`);
  const staff = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow();
  return { cinema, staff: Number(staff.n) };
}
