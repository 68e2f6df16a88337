// `npm run restore -- --data-dir DIR --from FILE`: puts a backup in place of a terminal's database.
// Refuses while the box office runs on DIR; keeps the replaced database in DIR/replaced/;
// checks the result with PRAGMA integrity_check. `--list` shows DIR's backups.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { listBackups } from '../electron/core/backup/backup-database';
import { RestoreRefused, restoreBackup } from '../electron/core/backup/restore-backup';

const usage = 'usage: npm run restore -- --data-dir DIR --from FILE   (or --data-dir DIR --list)';

function main(): number {
  let values: { 'data-dir'?: string; from?: string; list?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, from: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const dataDir = values['data-dir'];
  if (!dataDir) {
    console.error(`--data-dir is missing.\n${usage}`);
    return 2;
  }
  if (values.list) {
    const backups = listBackups(resolve(dataDir));
    if (backups.length === 0) console.log(`No backups in ${resolve(dataDir, 'backups')}.`);
    for (const b of backups) console.log(`${b.createdAt}  ${b.kind.padEnd(13)}  ${(b.sizeBytes / 1024).toFixed(0).padStart(8)} KB  ${b.path}`);
    return 0;
  }
  if (!values.from) {
    console.error(`--from is missing: which backup file to restore?\n${usage}`);
    return 2;
  }
  try {
    const result = restoreBackup({ dataDir, from: values.from });
    console.log(`Restored ${result.restoredFrom} into ${resolve(dataDir)} (integrity check: ${result.integrity}).`);
    console.log(result.replacedKeptAt ? `The database it replaced is kept at ${result.replacedKeptAt}.` : 'There was no database to replace.');
    return 0;
  } catch (e) {
    if (e instanceof RestoreRefused) {
      console.error(`Not restored: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main();
