// `npm run journal -- verify --data-dir DIR`: checks a terminal's signed money journal (rule 16)
// and names the first entry that does not match. Exit code 0 = every chain intact, 1 = a break.
// `npm run journal -- export --data-dir DIR --out FOLDER (--from DATE --to DATE | --from-z N --to-z N)`:
// writes the audit export (CSV files + manifest) of that range.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../electron/core/app-core';
import { openDatabase } from '../electron/core/db/open';
import { verifyJournal } from '../electron/core/journal/verify-journal';

const usage = 'usage: npm run journal -- verify --data-dir DIR';

async function main(): Promise<number> {
  let parsed: { values: { 'data-dir'?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals[0] !== 'verify') {
    console.error(`Say what to do: verify.\n${usage}`);
    return 2;
  }
  if (!values['data-dir']) {
    console.error(`--data-dir is missing.\n${usage}`);
    return 2;
  }
  const file = join(resolve(values['data-dir']), DATABASE_FILE);
  if (!existsSync(file)) {
    console.error(`There is no box office database in ${resolve(values['data-dir'])} (${DATABASE_FILE} is missing).`);
    return 2;
  }
  const local = openDatabase(file, { readonly: true });
  try {
    const checks = await verifyJournal(local.db);
    if (checks.length === 0) console.log('The journal is empty: no money has moved on this terminal yet.');
    let broken = false;
    for (const c of checks) {
      if (c.firstBreak) {
        broken = true;
        console.log(`Terminal ${c.terminalId}: BROKEN after ${c.lastGood ? `entry ${c.lastGood.counter}` : 'the start'} — ${c.firstBreak.message}`);
      } else {
        console.log(`Terminal ${c.terminalId}: ${c.entries} entries, chain intact and signed; last entry ${c.lastGood?.counter ?? 0}, hash ${c.lastGood?.hash ?? '—'}.`);
      }
    }
    return broken ? 1 : 0;
  } finally {
    local.sqlite.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  },
);
