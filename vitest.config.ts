import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests on real SQLite files, and end-to-end tests that
// drive the built renderer in Debian's Chromium over the loopback bridge.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Screens rendered on their own speak through the window's i18next instance.
          setupFiles: ['renderer/src/i18n/instance.ts'],
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'migrations/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Issue 8: the fuzzed API and the crash-safety harness (slower; FUZZ_RUNS / CRASH_KILLS scale them);
        // issue 7: `npm run bench -- --quick` still runs every suite.
        test: {
          name: 'reliability',
          include: ['tests/fuzz/**/*.test.ts', 'tests/crash/**/*.test.ts', 'tests/bench/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
