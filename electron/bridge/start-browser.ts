/**
 * `npm run start:browser -- [--data-dir DIR] [--port N] [--demo]`
 * Serves the renderer and the main-process core on 127.0.0.1, for machines where Electron can't
 * start, for development, and for the end-to-end tests.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCore } from '../core/app-core';
import { DEMO_LOGINS } from '../core/demo/seed-demo';
import { startBridge } from './server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npm run start:browser -- [--data-dir DIR] [--port N] [--demo] [--no-build]');
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

  const core = await startCore({ dataDir, demo: values.demo });
  const bridge = await startBridge({ core, staticDir, port });
  console.log(`Box office (browser bridge) at ${bridge.url}`);
  console.log(`Data folder: ${dataDir}`);
  if (values.demo) {
    console.log('Demo logins:');
    for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(8)} ${l.username} / ${l.password}`);
  }
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
