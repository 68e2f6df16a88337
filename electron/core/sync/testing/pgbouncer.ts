/**
 * PgBouncer in front of the bench's central PostgreSQL (Debian package `pgbouncer`), transaction
 * pooling, each terminal still its own login: the auth file holds every terminal role's SCRAM
 * secret (from pg_authid), PgBouncer checks the terminal's password and logs in to PostgreSQL as
 * that same role (SCRAM pass-through), so `session_user` — what `sync_me()` reads — and the role's
 * settings (statement_timeout …, applied when the server connection starts) are the terminal's own.
 * The price: one pool per terminal login, so server connections are shared over time (a pool's idle
 * connection is closed after `server_idle_timeout`, `max_db_connections` caps them all and queues
 * the rest) but never between two terminals at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { CentralDb } from '../central-admin';
import { freePort } from './central-postgres';
import { POOL_LOGIN, SHARED_RESET_QUERY } from '../../../../migrations/central/0015-shared-backends-terminal-key';

export const PGBOUNCER = '/usr/sbin/pgbouncer';

export interface PgBouncer {
  port: number;
  /** Its one process (the bench reads its CPU time). */
  pid: number | undefined;
  settings: Record<string, string | number>;
  stop(): Promise<void>;
}

export function pgBouncerInstalled(): boolean {
  return existsSync(PGBOUNCER);
}

/**
 * `shared`: also a database entry `<database>_shared` whose server connections all log in as the
 * centre's shared login (central 0015) — one pool for every terminal, each still logging in to
 * PgBouncer as itself; the entry resets each server connection after every transaction.
 */
export async function startPgBouncer(
  owner: CentralDb,
  server: { host: string; port: number; database: string },
  settings: Record<string, string | number>,
  shared?: { password: string; poolSize: number },
): Promise<PgBouncer> {
  const dir = mkdtempSync(join(tmpdir(), 'box-office-pgbouncer-'));
  const port = await freePort();
  const secrets = (await sql<{ u: string; p: string }>`SELECT rolname AS u, rolpassword AS p FROM pg_authid WHERE rolname LIKE 'terminal\\_%' AND rolpassword IS NOT NULL`.execute(owner)).rows;
  // The shared login's password in plain text: PgBouncer 1.18 logs in with the auth file's entry, not the database line's `password=`.
  const lines = [...secrets.map((s) => `"${s.u}" "${s.p}"`), ...(shared ? [`"${POOL_LOGIN}" "${shared.password}"`] : [])];
  writeFileSync(join(dir, 'userlist.txt'), lines.join('\n') + '\n', { mode: 0o600 });
  const ini = [
    '[databases]',
    `${server.database} = host=${server.host} port=${server.port} dbname=${server.database}`,
    ...(shared
      ? [`${server.database}_shared = host=${server.host} port=${server.port} dbname=${server.database} user=${POOL_LOGIN} pool_size=${shared.poolSize} max_db_connections=${shared.poolSize}`]
      : []),
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = scram-sha-256',
    `auth_file = ${join(dir, 'userlist.txt')}`,
    `logfile = ${join(dir, 'pgbouncer.log')}`,
    'ignore_startup_parameters = extra_float_digits',
    // A session-level SET made by one terminal must not outlive its transaction on a shared server connection.
    ...(shared ? [`server_reset_query = ${SHARED_RESET_QUERY}`, 'server_reset_query_always = 1'] : []),
    ...Object.entries(settings).map(([k, v]) => `${k} = ${v}`),
  ].join('\n');
  writeFileSync(join(dir, 'pgbouncer.ini'), `${ini}\n`);
  // PgBouncer refuses to run as root: as root, it switches to the postgres system user (-u).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o777);
    for (const f of ['userlist.txt', 'pgbouncer.ini']) chmodSync(join(dir, f), 0o644);
  }
  const child: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; ; i++) {
    if (await listening(port)) break;
    if (child.exitCode !== null || i > 100) throw new Error(`PgBouncer did not start (see ${join(dir, 'pgbouncer.log')})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    pid: child.pid,
    settings,
    async stop() {
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
