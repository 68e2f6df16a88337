import { migrateCentral, openCentralAsOwner, type CentralDb } from '../central-admin';
import { startTestPostgres, type TestPostgres } from './central-postgres';
import { connectTerminal, startSyncTerminal, type SyncTerminal } from './sync-terminal';

/** A central database for a test file: its PostgreSQL, and the owner's connection with every migration run. */
export interface MigratedCentral {
  central: TestPostgres;
  owner: CentralDb;
}

export async function startMigratedCentral(): Promise<MigratedCentral> {
  const central = await startTestPostgres();
  const owner = openCentralAsOwner(central.url);
  await migrateCentral(owner);
  return { central, owner };
}

/** Closes what startMigratedCentral opened; safe when it never started (a failed beforeAll). */
export async function stopMigratedCentral({ central, owner }: Partial<MigratedCentral>): Promise<void> {
  await owner?.destroy();
  await central?.stop();
}

/**
 * A terminal registered centrally and synced once: a demo one for its own cinema (the cinema's first
 * terminal), or a blank one joining `cinemaId`.
 */
export async function startConnectedTerminal({ central, owner }: MigratedCentral, options: { demo: boolean; cinemaId?: string }): Promise<SyncTerminal> {
  const t = await startSyncTerminal({ demo: options.demo });
  const cinemaId = options.cinemaId ?? t.core.terminal().cinemaId;
  if (!cinemaId) throw new Error('a terminal without a cinema of its own needs the cinemaId it joins');
  await connectTerminal(owner, central.url, t, cinemaId);
  await t.sync.syncNow();
  return t;
}

/** A migrated central and the terminals a test file starts as it goes (`terminal`), all stopped by `stop`. */
export interface CentralWithTerminals extends MigratedCentral {
  terminal(demo: boolean): Promise<SyncTerminal>;
  stop(): Promise<void>;
}

export async function startCentralWithTerminals(): Promise<CentralWithTerminals> {
  const c = await startMigratedCentral();
  const started: SyncTerminal[] = [];
  return {
    ...c,
    async terminal(demo) {
      const t = await startSyncTerminal({ demo });
      started.push(t);
      return t;
    },
    async stop() {
      for (const t of started) await t.close();
      await stopMigratedCentral(c);
    },
  };
}

/** A migrated central and one cinema on two terminals: T1 its demo terminal, T2 a blank one that joined; each synced once. */
export interface OneCinemaTwoTerminals extends MigratedCentral {
  t1: SyncTerminal;
  t2: SyncTerminal;
  stop(): Promise<void>;
}

export async function startOneCinemaTwoTerminals(): Promise<OneCinemaTwoTerminals> {
  const c = await startMigratedCentral();
  const started: SyncTerminal[] = [];
  const stop = async () => {
    for (const t of started) await t.close();
    await stopMigratedCentral(c);
  };
  try {
    const t1 = await startConnectedTerminal(c, { demo: true });
    started.push(t1);
    const t2 = await startConnectedTerminal(c, { demo: false, cinemaId: t1.core.terminal().cinemaId! });
    started.push(t2);
    return { ...c, t1, t2, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
