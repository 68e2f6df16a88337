import Database from 'better-sqlite3';
import { verifyChain, type SignerKey, type StoredEntry } from '../../electron/core/journal/verify-chain';

/** One sale the child acknowledged: it printed this only after `orders.sell` answered ok. */
export interface AcknowledgedSale {
  orderId: string;
  tickets: number;
  total: number;
}

export interface SalesCheck {
  integrity: string;
  problems: string[];
  orders: number;
  tickets: number;
}

/**
 * Opens the file as the app would after a power cut (read-write, so a hot WAL is recovered) and
 * checks: `PRAGMA integrity_check` is ok, no foreign key dangles, every acknowledged sale is there
 * whole, and every sale in the file — acknowledged or not — is whole: a PAID order with its
 * tickets or lines, payments that add up to its total, its outbox rows and its audit entry — and
 * (rule 16) its numbered receipt: receipt numbers run 1…n without a gap and the signed journal's
 * chain is intact.
 */
export function checkSales(file: string, acknowledged: readonly AcknowledgedSale[]): SalesCheck {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const problems: string[] = [];
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) problems.push(`${dangling.length} dangling foreign key(s): ${JSON.stringify(dangling.slice(0, 3))}`);

    const orders = db
      .prepare(
        `SELECT o.id, o.status, o.total, o.bonus_redeemed,
           (SELECT count(*) FROM tickets t WHERE t.order_id = o.id) AS tickets,
           (SELECT count(*) FROM order_concession_lines l WHERE l.order_id = o.id) AS lines,
           (SELECT coalesce(sum(t.price - t.discount), 0) FROM tickets t WHERE t.order_id = o.id) AS ticket_sum,
           (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.order_id = o.id AND p.kind = 'PAYMENT') AS paid,
           (SELECT count(*) FROM outbox x WHERE x.table_name = 'orders' AND x.row_id = o.id) AS order_outbox,
           (SELECT count(*) FROM tickets t WHERE t.order_id = o.id
              AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.table_name = 'tickets' AND x.row_id = t.id)) AS tickets_without_outbox,
           (SELECT count(*) FROM payments p WHERE p.order_id = o.id
              AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.table_name = 'payments' AND x.row_id = p.id)) AS payments_without_outbox,
           (SELECT count(*) FROM audit_log a WHERE a.entity = 'order' AND a.entity_id = o.id) AS audit,
           (SELECT count(*) FROM fiscal_receipts r WHERE r.order_id = o.id AND r.kind = 'SALE') AS receipts
         FROM orders o`,
      )
      .all() as {
      id: string;
      status: string;
      total: number;
      bonus_redeemed: number;
      tickets: number;
      lines: number;
      ticket_sum: number;
      paid: number;
      order_outbox: number;
      tickets_without_outbox: number;
      payments_without_outbox: number;
      audit: number;
      receipts: number;
    }[];
    const byId = new Map(orders.map((o) => [o.id, o]));

    for (const o of orders) {
      const why: string[] = [];
      if (o.status !== 'PAID') why.push(`status ${o.status}`);
      if (o.tickets + o.lines === 0) why.push('no tickets or lines');
      if (o.paid !== o.total) why.push(`payments ${o.paid} ≠ total ${o.total}`);
      if (o.lines === 0 && o.ticket_sum !== o.total) why.push(`tickets add up to ${o.ticket_sum}, total ${o.total}`);
      if (o.order_outbox === 0) why.push('no outbox row for the order');
      if (o.tickets_without_outbox > 0) why.push(`${o.tickets_without_outbox} ticket(s) without outbox row`);
      if (o.payments_without_outbox > 0) why.push(`${o.payments_without_outbox} payment(s) without outbox row`);
      if (o.audit === 0) why.push('no audit entry');
      if (o.receipts !== 1) why.push(`${o.receipts} sale receipts`);
      if (why.length > 0) problems.push(`order ${o.id} is half-written: ${why.join(', ')}`);
    }
    for (const sale of acknowledged) {
      const o = byId.get(sale.orderId);
      if (!o) problems.push(`acknowledged sale ${sale.orderId} is lost`);
      else if (o.tickets !== sale.tickets || o.total !== sale.total)
        problems.push(`acknowledged sale ${sale.orderId} changed: ${o.tickets} tickets / ${o.total}, acknowledged ${sale.tickets} / ${sale.total}`);
    }
    const doubleSold = db
      .prepare(`SELECT session_id, seat_id, count(*) AS n FROM tickets WHERE status = 'SOLD' GROUP BY session_id, seat_id HAVING n > 1`)
      .all();
    if (doubleSold.length > 0) problems.push(`${doubleSold.length} seat(s) sold twice`);
    const numbers = db.prepare('SELECT number FROM fiscal_receipts ORDER BY terminal_id, number').pluck().all() as number[];
    if (numbers.some((n, i) => n !== i + 1)) problems.push(`receipt numbers have a gap: ${numbers.join(', ')}`);
    const entries = db.prepare('SELECT * FROM journal_entries ORDER BY terminal_id, counter').all() as StoredEntry[];
    const signers = new Map<string, SignerKey>(
      (db.prepare('SELECT id, algorithm, public_key FROM journal_signers').all() as { id: string; algorithm: string; public_key: string }[]).map((s) => [s.id, { algorithm: s.algorithm, publicKey: s.public_key }]),
    );
    const chain = entries.length > 0 ? verifyChain(entries[0]!.terminal_id, entries, signers) : null;
    if (chain?.firstBreak) problems.push(`journal broken: ${chain.firstBreak.message}`);
    const tickets = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    return { integrity, problems, orders: orders.length, tickets };
  } finally {
    db.close();
  }
}
