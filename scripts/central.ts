/**
 * The central database's command line (run by whoever owns the PostgreSQL database):
 *
 *   npm run central -- migrate --url postgres://owner:…@host/db
 *   npm run central -- register-terminal --url … --terminal <id> --cinema <id> [--name "Counter 2"] [--public-key-file key.pem]
 *   npm run central -- create-admin --url … --name alice
 *   npm run central -- verify-journal --url … [--terminal <id>]   (links, hashes and signatures of the money journals; exit 1 on a break)
 *
 * register-terminal and create-admin print a fresh password once; only PostgreSQL keeps its hash.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyCentralJournal } from '../electron/core/journal/verify-central-journal';
import { checkOwnerRights, createCentralAdmin, migrateCentral, openCentralAsOwner, registerCentralTerminal } from '../electron/core/sync/central-admin';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.DATABASE_URL },
      terminal: { type: 'string' },
      cinema: { type: 'string' },
      name: { type: 'string' },
      'public-key-file': { type: 'string' },
    },
  });
  const command = positionals[0];
  if (!command || !['migrate', 'register-terminal', 'create-admin', 'verify-journal'].includes(command)) {
    console.error('usage: npm run central -- migrate|register-terminal|create-admin|verify-journal --url postgres://… [options]');
    process.exit(2);
  }
  if (!values.url) {
    console.error('--url postgres://… (or DATABASE_URL) is required');
    process.exit(2);
  }
  const db = openCentralAsOwner(values.url);
  try {
    if (command === 'migrate') {
      const rights = await checkOwnerRights(db);
      for (const w of rights.warnings) console.warn(`warning: ${w}`);
      if (rights.missing.length > 0) throw new Error(`The owner role cannot migrate this database yet:\n  ${rights.missing.join('\n  ')}`);
      const results = await migrateCentral(db);
      console.log(results.length ? results.map((r) => `${r.migrationName}: ${r.status}`).join('\n') : 'central database is up to date');
    } else if (command === 'register-terminal') {
      if (!values.terminal || !values.cinema) throw new Error('register-terminal needs --terminal <id> and --cinema <id> (both on the Sync screen)');
      const publicKey = values['public-key-file'] ? readFileSync(values['public-key-file'], 'utf8') : null;
      const t = await registerCentralTerminal(db, { terminalId: values.terminal, cinemaId: values.cinema, name: values.name, publicKey });
      console.log(`terminal ${t.terminalId} of cinema ${t.cinemaId} registered.\nEnter on its Sync screen:\n  user:     ${t.user}\n  password: ${t.password}\n(the password is not shown again)`);
    } else if (command === 'verify-journal') {
      const checks = await verifyCentralJournal(db, values.terminal);
      if (checks.length === 0) console.log('No journal entries at the centre yet.');
      for (const c of checks) {
        console.log(c.firstBreak ? `terminal ${c.terminalId}: BROKEN — ${c.firstBreak.message}` : `terminal ${c.terminalId}: ${c.entries} entries, links, hashes and signatures intact`);
      }
      if (checks.some((c) => c.firstBreak)) process.exitCode = 1;
    } else {
      if (!values.name) throw new Error('create-admin needs --name <login name>');
      const a = await createCentralAdmin(db, values.name);
      console.log(`central admin created: ${a.user} / ${a.password} (reads the views of schema "reports": every cinema, no password hashes; shown once)`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
