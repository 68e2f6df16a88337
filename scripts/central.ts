/**
 * The central database's command line (run by whoever owns the PostgreSQL database):
 *
 *   npm run central -- migrate --url postgres://owner:…@host/db
 *   npm run central -- enrol --url … --cinema <id or name> [--name "Counter 2"] [--valid 15m] [--may-enrol]
 *   npm run central -- enrol --url … --new-cinema "Kino Mitte" --address "…" --zone Europe/Berlin --currency EUR [--name …] [--valid …]
 *   npm run central -- allow-enrol --url … --terminal <id or name> [--stop]
 *   npm run central -- register-terminal --url … --terminal <id> --cinema <id> [--name "Counter 2"] [--public-key-file key.pem]
 *   npm run central -- create-admin --url … --name alice
 *   npm run central -- pool-login --url …   (the shared login of a pooler's server connections: docs/operations.md)
 *   npm run central -- verify-journal --url … [--terminal <id>]   (links, hashes and signatures of the money journals; exit 1 on a break)
 *   npm run central -- prune --url … [--keep-days 35] [--batch 5000]   (change_log retention; run daily)
 *
 * register-terminal and create-admin print a fresh password once; only PostgreSQL keeps its hash.
 * enrol prints a one-time code (and the central address) for a new terminal's first-run screen;
 * only its hash is stored (central migration 0011).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyCentralJournal } from '../electron/core/journal/verify-central-journal';
import { allowEnrol, centralAddressOf, createCentralCinema, issueEnrolmentCode, parseValidity } from '../electron/core/sync/central-enrolment';
import { checkOwnerRights, createCentralAdmin, enablePoolLogin, migrateCentral, openCentralAsOwner, pruneChangeLog, registerCentralTerminal } from '../electron/core/sync/central-admin';
import { LOG_KEEP_DAYS } from '../migrations/central/0013-pull-cost-and-log-retention';
import { SHARED_RESET_QUERY } from '../migrations/central/0015-shared-backends-terminal-key';

const COMMANDS = ['migrate', 'enrol', 'allow-enrol', 'register-terminal', 'create-admin', 'pool-login', 'verify-journal', 'prune'];

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.DATABASE_URL },
      terminal: { type: 'string' },
      cinema: { type: 'string' },
      name: { type: 'string' },
      'public-key-file': { type: 'string' },
      valid: { type: 'string' },
      'may-enrol': { type: 'boolean' },
      'new-cinema': { type: 'string' },
      address: { type: 'string' },
      zone: { type: 'string' },
      currency: { type: 'string' },
      stop: { type: 'boolean' },
      'keep-days': { type: 'string', default: String(LOG_KEEP_DAYS) },
      batch: { type: 'string', default: '5000' },
    },
  });
  const command = positionals[0];
  if (!command || !COMMANDS.includes(command)) {
    console.error(`usage: npm run central -- ${COMMANDS.join('|')} --url postgres://… [options]`);
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
    } else if (command === 'enrol') {
      let cinema = values.cinema;
      if (values['new-cinema']) {
        if (!values.zone || !values.currency) throw new Error('enrol --new-cinema needs --zone (e.g. Europe/Berlin) and --currency (e.g. EUR)');
        const made = await createCentralCinema(db, { name: values['new-cinema'], address: values.address, timezone: values.zone, currency: values.currency });
        console.log(`cinema "${made.name}" created (${made.id}).`);
        cinema = made.id;
      }
      if (!cinema) throw new Error('enrol needs --cinema <id or name> (or --new-cinema "Name" --zone … --currency …)');
      const c = await issueEnrolmentCode(db, { cinema, terminalName: values.name, validMinutes: parseValidity(values.valid), mayEnrol: values['may-enrol'] });
      console.log(
        [
          `Enrolment code for a terminal of ${c.cinemaName}${values.name ? ` ("${values.name}")` : ''}:`,
          '',
          `    ${c.code}`,
          '',
          `valid until ${c.expiresAt} (once). On the new terminal's first screen choose "Join a cinema chain" and enter`,
          `  central address: ${centralAddressOf(values.url)}`,
          `  code:            ${c.code}`,
          c.mayEnrol ? 'That terminal may enrol further terminals from its Sync screen.' : '',
        ].join('\n'),
      );
    } else if (command === 'allow-enrol') {
      if (!values.terminal) throw new Error('allow-enrol needs --terminal <id or name>');
      const t = await allowEnrol(db, values.terminal, !values.stop);
      console.log(`terminal ${t.name || t.terminalId} ${values.stop ? 'may no longer' : 'may now'} enrol terminals and create cinemas.`);
    } else if (command === 'register-terminal') {
      if (!values.terminal || !values.cinema) throw new Error('register-terminal needs --terminal <id> and --cinema <id> (both on the Sync screen)');
      const publicKey = values['public-key-file'] ? readFileSync(values['public-key-file'], 'utf8') : null;
      const t = await registerCentralTerminal(db, { terminalId: values.terminal, cinemaId: values.cinema, name: values.name, publicKey });
      console.log(`terminal ${t.terminalId} of cinema ${t.cinemaId} registered.\nEnter on its Sync screen:\n  user:     ${t.user}\n  password: ${t.password}\n(the password is not shown again)`);
    } else if (command === 'pool-login') {
      const p = await enablePoolLogin(db);
      console.log(
        [
          `The shared login for PgBouncer's server connections: ${p.user} / ${p.password} (shown once; terminals never need it).`,
          'In pgbouncer.ini, a second database entry whose server connections all use it (terminals still log in to PgBouncer as themselves):',
          `  box_office_shared = host=… port=… dbname=… user=${p.user} pool_size=20`,
          `its password in PgBouncer's auth file ("${p.user}" "<the password above>"), and`,
          `  server_reset_query = ${SHARED_RESET_QUERY}`,
          '  server_reset_query_always = 1',
          'Terminals then sync to postgres://pgbouncer-host:6432/box_office_shared?pool=shared   (docs/operations.md)',
        ].join('\n'),
      );
    } else if (command === 'prune') {
      const r = await pruneChangeLog(db, { keepDays: Number(values['keep-days']), batch: Number(values.batch) });
      console.log(`change_log: ${r.deleted.toLocaleString('en')} rows removed in ${r.batches} batches; kept from transaction ${r.floor} on (terminals behind it get a full re-pull of their cinema)`);
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
