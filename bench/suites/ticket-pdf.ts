/**
 * Printed documents on a private copy of the generated year: one order of one ticket from the
 * history, as the counter prints it — `printing.orderPdf` through the real dispatcher (order read
 * from the year, 80 mm roll slip laid out, QR drawn, PDF to base64) — against bare pdfkit writing
 * the same slip (same page size, same DejaVu faces, the same text lines and the same QR as vector
 * squares) with nothing of ours around it. The order is sold through the dispatcher first (a real signed QR); its receipt is timed too.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { ApiResult, InputOf, OperationName, ResultOf } from '../../shared/contract';
import { DATABASE_FILE, startCore, type Core } from '../../electron/core/app-core';
import { manualClock } from '../../electron/core/clock';
import { DEMO_LOGINS } from '../../electron/core/demo/seed-demo';
import { finish, FONT_BOLD, FONT_REGULAR } from '../../electron/core/printing/pdf-kit';
import { median, percentile, type Figure } from '../figures';
import { copyHistory } from '../history-copy';
import type { BenchContext, Suite } from '../suite';

const quiet = { info: () => undefined, error: () => undefined };
const MM = 72 / 25.4;

async function call<N extends OperationName>(core: Core, op: N, input: InputOf<N>, token: string | null): Promise<ResultOf<N>> {
  const r = (await core.call({ op, input, token })) as ApiResult<ResultOf<N>>;
  if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

interface Slip {
  orderId: string;
  number: string;
  cinema: string;
  address: string;
  film: string;
  rating: string;
  startsAt: string;
  timezone: string;
  hall: string;
  row: string;
  seat: number;
  price: number;
  currency: string;
  ticketId: string;
  qr: string;
}

/** An on-sale session of the year's programme (the clock is set two hours before it) and a free ordinary seat. */
function planOf(file: string): { sessionId: string; seatId: string; now: string } {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT s.id AS sessionId, s.starts_at AS startsAt, st.id AS seatId FROM sessions s JOIN seats st ON st.hall_id = s.hall_id
         WHERE s.status = 'ON_SALE' AND st.kind = 'STANDARD' AND st.active = 1
           AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.session_id = s.id AND t.seat_id = st.id)
         ORDER BY s.starts_at, st.grid_y DESC, st.grid_x LIMIT 1`,
      )
      .get() as { sessionId: string; startsAt: string; seatId: string } | undefined;
    if (!row) throw new Error('The history has no on-sale session with a free seat.');
    return { sessionId: row.sessionId, seatId: row.seatId, now: new Date(Date.parse(row.startsAt) - 2 * 3600_000).toISOString() };
  } finally {
    db.close();
  }
}

/** What the slip of the order shows, read by plain SQL for the bare-pdfkit version. */
function slipOf(file: string, orderId: string): Slip {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT o.id AS orderId, o.number, c.name AS cinema, c.address, c.timezone, c.currency, f.title AS film, f.age_rating AS rating,
                s.starts_at AS startsAt, h.name AS hall, st.row_label AS row, st.number AS seat, t.price - t.discount AS price, t.id AS ticketId, t.qr_payload AS qr
         FROM orders o JOIN cinemas c ON c.id = o.cinema_id JOIN tickets t ON t.order_id = o.id JOIN sessions s ON s.id = t.session_id
         JOIN films f ON f.id = s.film_id JOIN halls h ON h.id = s.hall_id JOIN seats st ON st.id = t.seat_id
         WHERE o.id = ?`,
      )
      .get(orderId) as Slip;
  } finally {
    db.close();
  }
}

/** Bare pdfkit: the slip's lines at fixed positions on a page of known height, the QR as vector squares. */
function rawSlip(slip: Slip, fonts: { regular: Font; bold: Font }, height: number): Promise<Buffer> {
  const width = 80 * MM;
  const margin = 4 * MM;
  const inner = width - 2 * margin;
  const doc = new PDFDocument({ size: [width, height], margin: 0, font: null as unknown as string, info: { Title: `Tickets ${slip.number}` } });
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  const when = new Date(slip.startsAt);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: slip.timezone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(when);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: slip.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(when);
  const price = new Intl.NumberFormat('en-GB', { style: 'currency', currency: slip.currency }).format(slip.price / 100);
  let y = margin;
  const line = (text: string, font: 'regular' | 'bold', size: number, align: 'left' | 'center' | 'right' = 'center', x = margin, w = inner) => {
    doc.font(font).fontSize(size).text(text, x, y, { width: w, align, lineGap: 0 });
    y += size * 1.2 + 1.5;
  };
  line(slip.cinema, 'bold', 10);
  if (slip.address) line(slip.address, 'regular', 6.5);
  y += 4;
  doc.save().lineWidth(0.6).moveTo(margin, y).lineTo(width - margin, y).stroke().restore();
  y += 4;
  line(slip.film, 'bold', 14);
  line(slip.rating, 'regular', 8);
  line(date, 'bold', 9.5);
  line(time, 'bold', 24);
  line(slip.hall, 'bold', 12);
  doc.font('regular').fontSize(7).text('ROW', margin, y, { width: inner / 2, align: 'center' }).text('SEAT', margin + inner / 2, y, { width: inner / 2, align: 'center' });
  doc.font('bold').fontSize(20).text(slip.row, margin, y + 8, { width: inner / 2, align: 'center' }).text(String(slip.seat), margin + inner / 2, y + 8, { width: inner / 2, align: 'center' });
  y += 8 + 24 + 4;
  doc.save().lineWidth(0.6).dash(2, { space: 2 }).moveTo(margin, y).lineTo(width - margin, y).stroke().restore();
  y += 4;
  doc.font('bold').fontSize(10).text('Adult ticket', margin, y, { width: inner * 0.55 }).text(price, margin + inner * 0.55, y, { width: inner * 0.45, align: 'right' });
  y += 14;
  line('Price includes 7 % VAT.', 'regular', 6.5, 'left');
  y += 5;
  const size = 46 * MM;
  const qr = QRCode.create([{ data: Buffer.from(slip.qr, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' }); // as ours: one byte-mode segment
  const n = qr.modules.size;
  const cell = size / (n + 8);
  const qx = (width - size) / 2;
  for (let r = 0; r < n; r++) {
    // One rectangle per run of dark modules in a row.
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      const start = c;
      while (c + 1 < n && qr.modules.get(r, c + 1)) c++;
      doc.rect(qx + (4 + start) * cell, y + (4 + r) * cell, (c + 1 - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000');
  y += size + 3;
  line(`Order ${slip.number}  ·  Ticket ${slip.ticketId.slice(-8).toUpperCase()}`, 'regular', 7);
  line('Show this code at the hall door. Keep it flat and dry.', 'regular', 6.5);
  // Collecting the bytes is not our layer: the same helper as the app's.
  return finish(doc);
}

/** The height of the first page of a PDF, from its MediaBox. */
function pageHeight(pdf: Buffer): number {
  const m = /\/MediaBox \[0 0 [\d.]+ ([\d.]+)\]/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('The printed PDF has no MediaBox.');
  return Number(m[1]);
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export default {
  title: 'Ticket PDF: one slip through printing.orderPdf on a copy of the year, against bare pdfkit',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const rounds = ctx.quick ? 20 : 200;
    const dir = copyHistory(ctx);
    const file = join(dir, DATABASE_FILE);
    const plan = planOf(file);
    const core = await startCore({ dataDir: dir, clock: manualClock(plan.now), log: quiet, sync: { background: false }, backup: { enabled: false } });
    try {
      const login = DEMO_LOGINS.find((l) => l.role === 'CASHIER')!;
      const { token } = await call(core, 'auth.login', { username: login.username, password: login.password }, null);
      // One ticket sold as at the counter, so the slip carries a real signed QR (182 characters).
      await call(core, 'shifts.open', { openingFloat: 10_000 }, token);
      const draft = { sessionId: plan.sessionId, tickets: [{ seatId: plan.seatId, ticketType: 'ADULT' as const }], concessions: [] };
      await call(core, 'booking.hold', { sessionId: plan.sessionId, seatIds: [plan.seatId] }, token);
      const { toPay } = await call(core, 'orders.quote', draft, token);
      const sale = await call(core, 'orders.sell', { ...draft, payments: [{ method: 'CASH', amount: toPay, tendered: toPay }] }, token);
      const slip = slipOf(file, sale.orderId);
      ctx.log(`order ${slip.number}: ${slip.film}, ${slip.hall}, row ${slip.row} seat ${slip.seat}, QR of ${slip.qr.length} characters`);
      const input = (document: 'TICKETS' | 'RECEIPT') => ({ orderId: slip.orderId, document, paper: 'THERMAL_80' as const });
      const first = await call(core, 'printing.orderPdf', input('TICKETS'), token);
      const height = pageHeight(Buffer.from(first.base64, 'base64'));
      await call(core, 'printing.orderPdf', input('RECEIPT'), token);
      const fonts = { regular: createFont(readFileSync(FONT_REGULAR)) as Font, bold: createFont(readFileSync(FONT_BOLD)) as Font };
      // Warm-up of both (JIT, the fonts' lazily decoded tables), not counted.
      for (let i = 0; i < 10; i++) {
        await call(core, 'printing.orderPdf', input('TICKETS'), token);
        await rawSlip(slip, fonts, height);
      }
      const ticket: number[] = [];
      const raw: number[] = [];
      const receipt: number[] = [];
      // Interleaved, so both feel the same load on a shared machine.
      for (let i = 0; i < rounds; i++) {
        ticket.push(await timed(() => call(core, 'printing.orderPdf', input('TICKETS'), token)));
        raw.push(await timed(() => rawSlip(slip, fonts, height)));
        receipt.push(await timed(() => call(core, 'printing.orderPdf', input('RECEIPT'), token)));
      }
      ctx.log(`ticket slip: median ${median(ticket).toFixed(1)} ms, p99 ${percentile(ticket, 0.99).toFixed(1)} ms; bare pdfkit median ${median(raw).toFixed(1)} ms; receipt median ${median(receipt).toFixed(1)} ms`);
      return [
        {
          figure: 'ticket PDF, one slip, median',
          value: median(ticket),
          unit: 'ms',
          raw: median(raw),
          better: 'lower',
          target: { max: 15 },
          note: `printing.orderPdf (TICKETS, 80 mm roll) via the dispatcher for an order of one ticket sold on the year's data: read the order, lay the slip out (measured, then drawn on a page as long as its content), QR level M (one byte-mode segment) as vector squares, PDF → base64; ${rounds} rounds. Raw: bare pdfkit writing the same lines and QR on a page of the same height, given the same DejaVu faces parsed once by fontkit (as ours are).`,
        },
        {
          figure: 'receipt PDF, one ticket, median',
          value: median(receipt),
          unit: 'ms',
          better: 'lower',
          target: {},
          note: 'printing.orderPdf (RECEIPT, 80 mm roll) of the same order; no target of its own.',
        },
      ];
    } finally {
      await core.close();
    }
  },
} satisfies Suite;
