/**
 * `npm run start:browser -- [--data-dir DIR] [--port N] [--demo] [--open]`
 * Serves the renderer and the main-process core on 127.0.0.1, for machines where Electron can't
 * start (`npm start` falls back to it), for development, and for the end-to-end tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCore } from '../core/app-core';
import { DEMO_LOGINS } from '../core/demo/seed-demo';
import { startBridge, type Bridge } from './server';
import type { Core } from '../core/app-core';
import { openUrlCommand } from '../../scripts/start/start-mode.mjs';

/** Where a running bridge says it serves its data folder, so a second start can point there. */
const ADDRESS_FILE = 'bridge-address.json';

/** The address of a bridge that answers for this data folder now, or null. */
async function runningBridgeFor(dataDir: string): Promise<string | null> {
  try {
    const { url } = JSON.parse(readFileSync(join(dataDir, ADDRESS_FILE), 'utf8')) as { url?: unknown };
    if (typeof url !== 'string' || !/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\/$/.test(url)) return null;
    const answer = await fetch(new URL('api/contract', url), { signal: AbortSignal.timeout(2000) });
    return answer.ok ? url : null;
  } catch {
    return null;
  }
}

/** The preferred port, or any free one when another program has it (a second data folder's bridge). */
async function listen(core: Core, staticDir: string, port: number, portGiven: boolean): Promise<Bridge> {
  try {
    return await startBridge({ core, staticDir, port });
  } catch (e) {
    if (portGiven || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return startBridge({ core, staticDir, port: 0 });
  }
}

function openInBrowser(url: string): void {
  const { command, args } = openUrlCommand(process.platform, url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`(Could not open a browser by itself: open ${url} by hand.)`));
    child.unref();
  } catch {
    console.log(`(Could not open a browser by itself: open ${url} by hand.)`);
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npm run start:browser -- [--data-dir DIR] [--port N] [--demo] [--open] [--no-build]');
    return;
  }
  const port = values.port === undefined ? 5174 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  const dataDir = resolve(values['data-dir'] ?? process.env.BOX_OFFICE_DATA_DIR ?? join(repoRoot, '.data', 'browser'));
  const staticDir = join(repoRoot, 'dist', 'renderer');

  if (!values['no-build'] && !existsSync(join(staticDir, 'index.html'))) {
    console.log('Building the renderer (first run)…');
    const { build } = await import('vite');
    await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  }

  let core: Core;
  try {
    core = await startCore({ dataDir, demo: values.demo });
  } catch (e) {
    const running = await runningBridgeFor(dataDir);
    if (running === null) throw e;
    // The refusal names the holder (pid, since when); the address says where it already serves.
    console.log(`${e instanceof Error ? e.message : String(e)}\nIt serves this data folder at ${running}: open that.`);
    if (values.open) openInBrowser(running);
    process.exit(0);
  }
  const bridge = await listen(core, staticDir, port, values.port !== undefined);
  writeFileSync(join(dataDir, ADDRESS_FILE), JSON.stringify({ url: bridge.url, pid: process.pid }) + '\n');
  console.log(`Box office (browser bridge) at ${bridge.url}`);
  console.log(`Data folder: ${dataDir}`);
  if (values.demo) {
    console.log('Demo logins:');
    for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(8)} ${l.username} / ${l.password}`);
  }
  if (values.open) openInBrowser(bridge.url);
  const stop = async () => {
    await bridge.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
