/**
 * Sync throughput for 100 000 tickets against one PostgreSQL (embedded, or DATABASE_URL):
 *   push  = sync_push(batch) as a terminal's least-privilege role (checks, LWW upsert, change log)
 *   pull  = sync_pull(cursor, page) as another terminal of the same cinema
 * against the same server's raw batched INSERT … SELECT FROM jsonb_populate_recordset and keyset SELECT
 * of the very same rows as the owner. Run: npm run bench:sync [-- rows] [batch]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { startTestPostgres } from '../electron/core/sync/testing/central-postgres';
import { migrateCentral, openCentralAsOwner, registerCentralTerminal } from '../electron/core/sync/central-admin';
import { CentralClient, type PullCursor, type PushItem } from '../electron/core/sync/central-client';
import { newId } from '../electron/core/ids';

const ROWS = Number(process.argv[2] ?? 100_000);
const BATCH = Number(process.argv[3] ?? 1000);
const PAGE = 5000;

const central = await startTestPostgres();
const owner = openCentralAsOwner(central.url);
try {
  await migrateCentral(owner);
  const cinemaId = newId();
  const pusherId = newId();
  const pusher = await registerCentralTerminal(owner, { terminalId: pusherId, cinemaId });
  const puller = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId });
  const address = `postgres://${central.host}:${central.port}/${central.database}`;
  const push = new CentralClient({ url: address, user: pusher.user, password: pusher.password });
  const pull = new CentralClient({ url: address, user: puller.user, password: puller.password });

  const hlc = (i: number) => `${String(1764072000000 + i).padStart(15, '0')}-00000-${pusherId}`;
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const id = newId();
    return {
      id,
      session_id: `00000000-0000-7000-8000-${String(Math.floor(i / 1000)).padStart(12, '0')}`,
      seat_id: `00000000-0000-7000-9000-${String(i % 1000).padStart(12, '0')}`,
      order_id: newId(),
      ticket_type: 'ADULT',
      price: 1250,
      discount: 0,
      status: 'SOLD',
      qr_payload: `BO1.${id}`,
      sold_by: pusherId,
      terminal_id: pusherId,
      sold_at: '2026-11-25T18:00:00.000Z',
      scanned_at: null,
      scanned_by: null,
      scanned_terminal_id: null,
      exchanged_to_ticket_id: null,
      created_at: '2026-11-25T18:00:00.000Z',
      updated_at: hlc(i),
      origin: pusherId,
    };
  });
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));

  // Raw baseline: the same rows into a plain copy of the table, as the owner, same batch size.
  await sql`CREATE TABLE raw_tickets (LIKE tickets INCLUDING ALL)`.execute(owner);
  await sql`ALTER TABLE raw_tickets DROP COLUMN scope_cinema_id, DROP COLUMN deleted`.execute(owner);
  await sql`CREATE UNIQUE INDEX ON raw_tickets (session_id, seat_id) WHERE status = 'SOLD'`.execute(owner);
  let t0 = performance.now();
  for (const b of batches) {
    await sql`INSERT INTO raw_tickets SELECT * FROM jsonb_populate_recordset(NULL::raw_tickets, ${JSON.stringify(b)}::jsonb)`.execute(owner);
  }
  const rawInsertMs = performance.now() - t0;

  t0 = performance.now();
  for (const b of batches) await push.push(b.map((row): PushItem => ({ t: 'tickets', op: 'UPSERT', id: row.id, row })));
  const pushMs = performance.now() - t0;

  t0 = performance.now();
  let again = 0;
  for (const b of batches.slice(0, 10)) again += (await push.push(b.map((row): PushItem => ({ t: 'tickets', op: 'UPSERT', id: row.id, row })))).applied;
  const replayMs = performance.now() - t0;
  const replayRows = batches.slice(0, 10).reduce((n, b) => n + b.length, 0);

  t0 = performance.now();
  let last = '';
  let selected = 0;
  for (;;) {
    const r = await sql<{ id: string }>`SELECT to_jsonb(t) AS row, id FROM raw_tickets t WHERE id > ${last} ORDER BY id LIMIT ${PAGE}`.execute(owner);
    if (r.rows.length === 0) break;
    selected += r.rows.length;
    last = r.rows[r.rows.length - 1]!.id;
  }
  const rawSelectMs = performance.now() - t0;

  t0 = performance.now();
  let cursor: PullCursor | null = null;
  let pulled = 0;
  for (;;) {
    const page = await pull.pull(cursor, PAGE);
    pulled += page.changes.length;
    cursor = page.next;
    if (!page.more) break;
  }
  const pullMs = performance.now() - t0;

  const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} rows/s`;
  console.log(`PostgreSQL ${(await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(owner)).rows[0]!.v}, ${ROWS.toLocaleString('en')} tickets, batches of ${BATCH}, pull pages of ${PAGE}`);
  console.log(`raw batched INSERT   ${(rawInsertMs / 1000).toFixed(2)} s  ${rate(ROWS, rawInsertMs)}`);
  console.log(`sync_push            ${(pushMs / 1000).toFixed(2)} s  ${rate(ROWS, pushMs)}  (${(pushMs / rawInsertMs).toFixed(2)}× raw)`);
  console.log(`sync_push replayed   ${rate(replayRows, replayMs)}  (${again} rows changed: idempotent)`);
  console.log(`raw keyset SELECT    ${(rawSelectMs / 1000).toFixed(2)} s  ${rate(selected, rawSelectMs)}`);
  console.log(`sync_pull            ${(pullMs / 1000).toFixed(2)} s  ${rate(pulled, pullMs)}  (${(pullMs / rawSelectMs).toFixed(2)}× raw)`);
  await push.close();
  await pull.close();
} finally {
  await owner.destroy();
  await central.stop();
}
