/**
 * Times the printed documents through the real dispatcher on a temp SQLite file (demo data): one
 * sale's ticket slips and receipt as PDFs (`printing.orderPdf`, 80 mm roll), and a whole
 * `printing.printOrder` to the PDF folder — median and p99.
 * Run: npx tsx bench/ticket-pdf.ts [rounds]
 */
import { performance } from 'node:perf_hooks';
import { startTempCore } from '../electron/core/testing/temp-core';
import { insertTestOrder } from '../electron/core/tickets/testing/insert-test-order';

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `n=${s.length} median=${at(0.5).toFixed(1)} ms p99=${at(0.99).toFixed(1)} ms`;
}

const ROUNDS = Number(process.argv[2] ?? 100);
const t = await startTempCore();
try {
  const cashier = await t.signIn('CASHIER');
  const one = await insertTestOrder(t, { seats: 1, concession: { name: 'Cola 0.5 l', quantity: 1 } });
  const timed = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  await t.call('printing.orderPdf', { orderId: one.orderId, document: 'TICKETS', paper: 'THERMAL_80' }, cashier); // warm-up: fonts, QR tables
  const ticket: number[] = [];
  const receipt: number[] = [];
  const print: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ticket.push(await timed(() => t.call('printing.orderPdf', { orderId: one.orderId, document: 'TICKETS', paper: 'THERMAL_80' }, cashier)));
    receipt.push(await timed(() => t.call('printing.orderPdf', { orderId: one.orderId, document: 'RECEIPT', paper: 'THERMAL_80' }, cashier)));
    if (i % 4 === 0) print.push(await timed(() => t.call('printing.printOrder', { orderId: one.orderId }, cashier)));
  }
  console.log(`one ticket slip PDF (80 mm):        ${stats(ticket)}`);
  console.log(`one receipt PDF (80 mm):            ${stats(receipt)}`);
  console.log(`printOrder, tickets + receipt:      ${stats(print)}`);
} finally {
  await t.close();
}
