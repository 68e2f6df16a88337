import type { CoreServices } from '../context';
import { systemContext } from '../system-context';
import { accrueEndedWeeks, startAccrualTimer } from './accrue-ended-weeks';

/**
 * The core's hook for rule 11's automatic accruals: once at start (so weeks that ended while the
 * app was closed are written at once) and then hourly. A terminal without a cinema yet (first
 * run) has nothing to accrue.
 */
export async function startSettlementAccruals(services: CoreServices, intervalMs?: number): Promise<() => void> {
  const run = async () => {
    const cinemaId = services.terminal.get().cinemaId;
    if (!cinemaId) return 0;
    return accrueEndedWeeks(services.db, services.clock, systemContext(services), { cinemaId });
  };
  const onError = (e: unknown) => services.log.error('Settlement accruals failed; they will be retried', { error: e instanceof Error ? e.message : String(e) });
  await run().catch(onError);
  return startAccrualTimer(run, onError, intervalMs);
}
