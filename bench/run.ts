/**
 * `npm run bench [-- --quick] [--only counter,reports] [--data-dir DIR] [--json FILE]`
 *
 * Generates a year of one cinema with 10 halls (≈1 million tickets) — itself the first figure —
 * then runs every suite in `bench/suites/` in a process of its own (so each one's memory and JIT
 * state are its own) and prints one table: figure, value, the raw engine doing the same work,
 * ratio, target. Missed targets are reported, not failed: benchmarks never gate a build.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../electron/core/app-core';
import { loadHistory } from '../electron/core/history/load-history';
import { formatTable, machineLine, targetMet, type Figure } from './figures';
import { SUITES, type BenchContext } from './suite';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((s) => !(SUITES as readonly string[]).includes(s)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown suite ${unknown.join(', ')}; the suites are: ${SUITES.join(', ')}.`);
  process.exit(2);
}
const started = performance.now();
const scratch = mkdtempSync(join(tmpdir(), 'box-office-bench-'));
const figures: Figure[] = [];
const failures: string[] = [];
try {
  console.log(machineLine());
  const historyDir = resolve(values['data-dir'] ?? join(scratch, 'year'));
  const historyFile = join(historyDir, DATABASE_FILE);
  if (existsSync(historyFile)) {
    console.log(`Using the history already in ${historyDir}.`);
  } else {
    // The chain suite alone needs only a month of its template cinema.
    const days = quick ? 14 : only?.every((s) => s === 'chain') ? 31 : 365;
    const halls = quick ? 3 : 10;
    console.log(`Generating ${days} days × ${halls} halls of history …`);
    const h = await loadHistory({ dataDir: historyDir, days, halls, seed: 1 });
    console.log(`  ${h.tickets.toLocaleString('en')} tickets, ${h.orders.toLocaleString('en')} orders, ${h.payments.toLocaleString('en')} payments, ${h.concessionLines.toLocaleString('en')} concession lines in ${(h.ms / 1000).toFixed(1)} s`);
    figures.push({
      suite: 'generator',
      figure: `data generator: ${days} days × ${halls} halls (${h.tickets.toLocaleString('en')} tickets)`,
      value: h.ms / 1000,
      unit: 's',
      better: 'lower',
      target: quick ? {} : { max: 30 },
    });
  }
  for (const name of SUITES.filter((s) => !only || only.includes(s))) {
    const workDir = join(scratch, name);
    const ctx: Omit<BenchContext, 'log'> = { historyDir, historyFile, workDir, quick };
    const out = join(scratch, `${name}.json`);
    console.log(`\n== ${name}`);
    const t0 = performance.now();
    const code = await runSuite(name, ctx, out);
    if (code === 0 && existsSync(out)) {
      const got = (JSON.parse(readFileSync(out, 'utf8')) as Figure[]).map((f) => ({ ...f, suite: name }));
      figures.push(...got);
      console.log(`   ${got.length} figures in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } else {
      failures.push(name);
      console.log(`   the ${name} suite failed (exit ${code}); its figures are missing`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`\n${machineLine()}`);
console.log(`git ${gitDescribe()}, ${quick ? 'QUICK run (smoke sizes, not figures)' : 'full sizes'}, ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`);
console.log(formatTable(figures));
const notes = figures.filter((f) => f.note);
if (notes.length > 0) console.log(`\n${notes.map((f) => `- ${f.figure}: ${f.note}`).join('\n')}`);
const met = figures.filter(targetMet).length;
console.log(`\n${met} of ${figures.length} targets met${failures.length ? `; suites that failed: ${failures.join(', ')}` : ''}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ figures, failures, quick }, null, 2));
process.exitCode = failures.length > 0 ? 1 : 0;

function runSuite(name: string, ctx: Omit<BenchContext, 'log'>, out: string): Promise<number> {
  return new Promise((resolveExit) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'run-suite.ts'), name, JSON.stringify(ctx), out], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : 1)));
  });
}

function gitDescribe(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
