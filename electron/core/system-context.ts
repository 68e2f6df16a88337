import type { CoreServices, RequestContext } from './context';
import { stamp } from './sync/stamp';

/**
 * A context for work the main process does on its own behalf — the demo seed, scheduled jobs,
 * applying a pull — where no member of staff is signed in. Audit entries written with it name no
 * user unless the caller passes one.
 */
export function systemContext(services: CoreServices): RequestContext {
  const terminal = services.terminal.get();
  return {
    services,
    db: services.db,
    clock: services.clock,
    terminal,
    user: null,
    sessionId: null,
    stamp: () => stamp(services.hlc, terminal.id),
  };
}
