import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadHistory } from '../electron/core/history/load-history';
import { DataDirBusy } from '../electron/core/backup/data-dir-lock';

/**
 * `npm run generate -- --data-dir DIR --days 365 --halls 10 [--seed 1]`: a data folder with the
 * demo cinema plus `days` of generated past sales (issue 7's data), ready for
 * `npm run start:browser -- --data-dir DIR`.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    days: { type: 'string', default: '90' },
    halls: { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) {
  console.error('Usage: npm run generate -- --data-dir DIR [--days 365] [--halls 10] [--seed 1]');
  process.exit(2);
}
const result = await loadHistory({ dataDir: resolve(dataDir), days: Number(values.days), halls: Number(values.halls), seed: Number(values.seed) }).catch((e: unknown) => {
  // Another process holds the folder: say who, change nothing.
  if (e instanceof DataDirBusy) {
    console.error(`Not generated: ${e.message}`);
    process.exit(1);
  }
  throw e;
});
console.log(`Generated ${result.firstDate} … ${result.lastDate} into ${resolve(dataDir)}:`);
console.log(
  `  ${result.halls} halls (${result.seats} seats), ${result.films} films, ${result.sessions} sessions, ${result.orders} orders, ` +
    `${result.tickets} tickets (${result.refundedOrders} orders refunded), ${result.concessionLines} concession lines, ${result.payments} payments, ${result.shifts} shifts`,
);
console.log(`  in ${(result.ms / 1000).toFixed(1)} s. History cashiers sign in with password "history1234".`);
