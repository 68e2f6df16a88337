import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../bench/figures';
import { SUITES } from '../../bench/suite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'box-office-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// `npm run bench` must keep working on a fresh clone: this runs every suite at smoke sizes and
// checks that each one reported its figures. Timings are not checked here (issue 7: targets live
// in the benchmark's output, never in tests).
describe('npm run bench -- --quick', () => {
  it('runs every suite and prints one table with a row per figure', async () => {
    const json = join(dir, 'bench.json');
    const output = await new Promise<string>((done, fail) => {
      execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'run.ts'), '--quick', '--json', json], { cwd: repoRoot, maxBuffer: 16 * 2 ** 20, timeout: 9 * 60_000 }, (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stdout}\n${stderr}`)) : done(stdout),
      );
    });
    const result = JSON.parse(readFileSync(json, 'utf8')) as { figures: Figure[]; failures: string[] };
    expect(result.failures).toEqual([]);
    expect(output).toMatch(/\| figure +\| value +\| raw engine +\| ratio +\| target +\| met +\|/);
    expect(output).toMatch(/\d+ of \d+ targets met/);
    for (const f of result.figures) {
      expect(Number.isFinite(f.value), f.figure).toBe(true);
      // Counts of failures ("syncs refused") are 0 when all is well; no figure is ever negative.
      expect(f.value, f.figure).toBeGreaterThanOrEqual(0);
    }
    expect(result.figures.filter((f) => f.value > 0).length, 'figures with a measured value').toBeGreaterThan(result.figures.length / 2);
    expect(new Set(result.figures.map((f) => f.suite))).toEqual(new Set(['generator', ...SUITES]));
  }, 10 * 60_000);
});
