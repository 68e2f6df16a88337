import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromiumPath } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the renderer once for all browser tests and checks Chromium is there. */
export default async function setup(): Promise<void> {
  if (!existsSync(chromiumPath())) {
    throw new Error(`Chromium not found at ${chromiumPath()}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}
