/**
 * One suite in its own process, for bench/run.ts: `run-suite.ts <name> <context JSON> <out.json>`.
 * Also runs a suite alone: `npx tsx bench/run-suite.ts counter '{"historyDir":"DIR",...}' out.json`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { formatTable } from './figures';
import type { BenchContext, Suite } from './suite';

const [name, contextJson, out] = process.argv.slice(2);
if (!name || !contextJson || !out) {
  console.error('Usage: run-suite.ts <suite> <context JSON> <out.json>');
  process.exit(2);
}
const ctx: BenchContext = { ...(JSON.parse(contextJson) as Omit<BenchContext, 'log'>), log: (line) => console.log(`   ${line}`) };
mkdirSync(ctx.workDir, { recursive: true });
try {
  const suite = ((await import(`./suites/${name}.ts`)) as { default: Suite }).default;
  ctx.log(suite.title);
  const figures = await suite.run(ctx);
  writeFileSync(out, JSON.stringify(figures));
  console.log(formatTable(figures).replace(/^/gm, '   '));
} finally {
  rmSync(ctx.workDir, { recursive: true, force: true });
}
// Pools and workers a suite forgot must not keep the run waiting.
process.exit(0);
