import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateOf, businessDayRange, type BusinessDayRule } from '../../../shared/business-day';
import { formatMoney } from '../../../shared/money';
import type { TempCore } from '../testing/temp-core';
import { coreWithHistory } from '../history/testing';
import type { HistoryResult } from '../history/generate-history';
import { loadShiftReport } from '../shifts/shift-report';
import { pdfText } from '../printing/testing/read-pdf';

/*
 * Every figure of every report against an independent computation over the same generated data:
 * business days assigned in JS with businessDateOf (the reports use a SQL range join), or plain
 * GROUP BY queries written here, or issue 4's own shift report.
 */

const all = <T>(db: Database.Database, q: string, ...p: unknown[]) => db.prepare(q).all(...p) as T[];

describe('reports over generated history', { timeout: 120_000 }, () => {
  let t: TempCore;
  let sqlite: Database.Database;
  let history: HistoryResult;
  let manager: string;
  let rule: BusinessDayRule;
  let cinemaId: string;
  let from: string;
  let to: string;
  let start: string;
  let end: string;

  beforeAll(async () => {
    ({ t, sqlite, history } = await coreWithHistory({ days: 70, halls: 3, seed: 11 }));
    manager = await t.signIn('MANAGER');
    cinemaId = t.core.terminal().cinemaId!;
    const c = sqlite.prepare('SELECT timezone, business_day_start FROM cinemas WHERE id = ?').get(cinemaId) as { timezone: string; business_day_start: string };
    rule = { timezone: c.timezone, dayStart: c.business_day_start };
    from = history.firstDate;
    to = history.lastDate;
    start = businessDayRange(from, rule).from.toISOString();
    end = businessDayRange(to, rule).to.toISOString();
  }, 120_000);
  afterAll(async () => {
    sqlite.close();
    await t.close();
  });

  it('revenue by business day equals orders bucketed by businessDateOf in JS', async () => {
    const report = await t.call('reports.revenue', { from, to }, manager);
    const orders = all<{ paid_at: string; gross: number; disc: number; tickets: number; conc: number }>(
      sqlite,
      `SELECT o.paid_at,
         (SELECT coalesce(sum(price), 0) FROM tickets WHERE order_id = o.id AND status = 'SOLD') AS gross,
         (SELECT coalesce(sum(discount), 0) FROM tickets WHERE order_id = o.id AND status = 'SOLD') AS disc,
         (SELECT count(*) FROM tickets WHERE order_id = o.id AND status = 'SOLD') AS tickets,
         (SELECT coalesce(sum(total - refunded_quantity * unit_price), 0) FROM order_concession_lines WHERE order_id = o.id) AS conc
       FROM orders o WHERE o.cinema_id = ? AND o.status <> 'CANCELLED' AND o.paid_at IS NOT NULL`,
      cinemaId,
    );
    const expected = new Map<string, { orders: number; tickets: number; gross: number; disc: number; conc: number }>();
    for (const o of orders) {
      const d = businessDateOf(o.paid_at, rule);
      if (d < from || d > to) continue;
      const e = expected.get(d) ?? { orders: 0, tickets: 0, gross: 0, disc: 0, conc: 0 };
      e.orders++;
      e.tickets += o.tickets;
      e.gross += o.gross;
      e.disc += o.disc;
      e.conc += o.conc;
      expected.set(d, e);
    }
    expect(report.byDay).toHaveLength(70);
    for (const day of report.byDay) {
      const e = expected.get(day.date) ?? { orders: 0, tickets: 0, gross: 0, disc: 0, conc: 0 };
      expect(day, day.date).toEqual({
        date: day.date,
        orders: e.orders,
        tickets: e.tickets,
        ticketGross: e.gross,
        ticketDiscounts: e.disc,
        ticketNet: e.gross - e.disc,
        concessions: e.conc,
        total: e.gross - e.disc + e.conc,
      });
    }
    const soldTickets = all<{ n: number }>(sqlite, `SELECT count(*) AS n FROM tickets WHERE status = 'SOLD'`)[0]!.n;
    expect(report.totals.tickets).toBe(soldTickets);
    expect(report.totals.tickets).toBe(history.tickets - all<{ n: number }>(sqlite, `SELECT count(*) AS n FROM tickets WHERE status <> 'SOLD'`)[0]!.n);
  });

  it('revenue by film, hall, cashier and payment method equals GROUP BY queries', async () => {
    const report = await t.call('reports.revenue', { from, to }, manager);
    const byFilm = all<{ k: string; tickets: number; net: number }>(
      sqlite,
      `SELECT s.film_id AS k, count(*) AS tickets, sum(t.price - t.discount) AS net FROM tickets t JOIN orders o ON o.id = t.order_id JOIN sessions s ON s.id = t.session_id
       WHERE t.status = 'SOLD' AND o.paid_at >= ? AND o.paid_at < ? GROUP BY s.film_id`,
      start,
      end,
    );
    expect(report.byFilm.map((f) => [f.key, f.tickets, f.ticketNet]).sort()).toEqual(byFilm.map((f) => [f.k, f.tickets, f.net]).sort());
    const byHall = all<{ k: string; tickets: number; net: number }>(
      sqlite,
      `SELECT s.hall_id AS k, count(*) AS tickets, sum(t.price - t.discount) AS net FROM tickets t JOIN orders o ON o.id = t.order_id JOIN sessions s ON s.id = t.session_id
       WHERE t.status = 'SOLD' AND o.paid_at >= ? AND o.paid_at < ? GROUP BY s.hall_id`,
      start,
      end,
    );
    expect(report.byHall.map((f) => [f.key, f.tickets, f.ticketNet]).sort()).toEqual(byHall.map((f) => [f.k, f.tickets, f.net]).sort());
    const cashierTotal = all<{ k: string; total: number }>(
      sqlite,
      `SELECT o.cashier_id AS k,
         sum((SELECT coalesce(sum(price - discount), 0) FROM tickets WHERE order_id = o.id AND status = 'SOLD')
           + (SELECT coalesce(sum(total - refunded_quantity * unit_price), 0) FROM order_concession_lines WHERE order_id = o.id)) AS total
       FROM orders o WHERE o.paid_at >= ? AND o.paid_at < ? AND o.status <> 'CANCELLED' GROUP BY o.cashier_id HAVING total > 0`,
      start,
      end,
    );
    expect(report.byCashier.map((c) => [c.key, c.total]).sort()).toEqual(cashierTotal.map((c) => [c.k, c.total]).sort());
    for (const m of report.byMethod) {
      const [row] = all<{ paid: number; refunded: number }>(
        sqlite,
        `SELECT coalesce(sum(CASE WHEN kind = 'PAYMENT' THEN amount END), 0) AS paid, coalesce(sum(CASE WHEN kind = 'REFUND' THEN amount END), 0) AS refunded
         FROM payments WHERE method = ? AND created_at >= ? AND created_at < ?`,
        m.method,
        start,
        end,
      );
      expect([m.payments, m.refunds, m.net]).toEqual([row!.paid, row!.refunded, row!.paid - row!.refunded]);
    }
    // Money taken net of refunds = revenue (every sale and refund of the history falls in the period).
    const net = report.byMethod.reduce((s, m) => s + m.net, 0);
    expect(net).toBe(report.totals.total);
  });

  it('film popularity equals per-film counts of sessions, seats and tickets', async () => {
    const report = await t.call('reports.popularity', { from, to }, manager);
    const rows = all<{ film_id: string; sessions: number; seats: number; tickets: number; revenue: number }>(
      sqlite,
      `SELECT s.film_id, count(DISTINCT s.id) AS sessions,
         sum((SELECT count(*) FROM seats WHERE hall_id = s.hall_id AND active = 1)) AS seats,
         sum((SELECT count(*) FROM tickets WHERE session_id = s.id AND status = 'SOLD')) AS tickets,
         sum((SELECT coalesce(sum(price - discount), 0) FROM tickets WHERE session_id = s.id AND status = 'SOLD')) AS revenue
       FROM sessions s WHERE s.starts_at >= ? AND s.starts_at < ? AND s.status <> 'CANCELLED' GROUP BY s.film_id`,
      start,
      end,
    );
    expect(report.films).toHaveLength(rows.length);
    for (const r of rows) {
      const f = report.films.find((x) => x.filmId === r.film_id)!;
      expect([f.sessions, f.seats, f.tickets, f.revenue]).toEqual([r.sessions, r.seats, r.tickets, r.revenue]);
      expect(f.occupancyBp).toBe(Math.round((r.tickets * 10_000) / r.seats));
      expect(f.revenuePerSession).toBe(Math.round(r.revenue / r.sessions));
    }
    expect(report.totals.tickets).toBe(rows.reduce((s, r) => s + r.tickets, 0));
  });

  it('concession sales by item and by day equal independent sums', async () => {
    const report = await t.call('reports.concessions', { from, to }, manager);
    const items = all<{ item_id: string; qty: number; revenue: number }>(
      sqlite,
      `SELECT l.item_id, sum(l.quantity - l.refunded_quantity) AS qty, sum(l.total - l.refunded_quantity * l.unit_price) AS revenue
       FROM order_concession_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at >= ? AND o.paid_at < ? GROUP BY l.item_id`,
      start,
      end,
    );
    expect(report.byItem.map((i) => [i.itemId, i.quantity, i.revenue]).sort()).toEqual(items.map((i) => [i.item_id, i.qty, i.revenue]).sort());
    const lines = all<{ paid_at: string; qty: number; revenue: number }>(
      sqlite,
      `SELECT o.paid_at, l.quantity - l.refunded_quantity AS qty, l.total - l.refunded_quantity * l.unit_price AS revenue FROM order_concession_lines l JOIN orders o ON o.id = l.order_id`,
    );
    const byDay = new Map<string, { q: number; r: number }>();
    for (const l of lines) {
      const d = businessDateOf(l.paid_at, rule);
      const e = byDay.get(d) ?? { q: 0, r: 0 };
      e.q += l.qty;
      e.r += l.revenue;
      byDay.set(d, e);
    }
    for (const d of report.byDay) expect([d.quantity, d.revenue], d.date).toEqual([byDay.get(d.date)?.q ?? 0, byDay.get(d.date)?.r ?? 0]);
    expect(report.totals.revenue).toBe(report.byDay.reduce((s, d) => s + d.revenue, 0));
  });

  it('shift Z reports equal issue 4’s own shift report for every shift', async () => {
    const report = await t.call('reports.shifts', { from, to }, manager);
    expect(report.shifts).toHaveLength(history.shifts);
    for (const z of report.shifts.filter((_, i) => i % 7 === 0)) {
      const own = await loadShiftReport(t.core.services.db, z.shiftId);
      const m = (method: string) => own.byMethod.find((x) => x.method === method)!;
      expect([z.cash, z.card, z.bonus, z.refunds, z.tickets, z.orders, z.expectedCash, z.countedCash, z.difference]).toEqual([
        m('CASH').sales,
        m('CARD').sales,
        m('BONUS').sales,
        m('CASH').refunds + m('CARD').refunds + m('BONUS').refunds,
        own.ticketsSold,
        own.orders,
        own.expectedCash,
        own.countedCash,
        own.difference,
      ]);
    }
  });

  it('refuses a period that ends before it starts, and a cashier', async () => {
    await expect(t.call('reports.revenue', { from: to, to: from }, manager)).rejects.toThrow(/VALIDATION.*must end on or after/i);
    const cashier = await t.signIn('CASHIER');
    await expect(t.call('reports.revenue', { from, to }, cashier)).rejects.toThrow(/FORBIDDEN/);
    await expect(t.call('dashboard.summary', {}, cashier)).rejects.toThrow(/FORBIDDEN/);
  });

  it('exports the revenue report as XLSX in a worker: typed cells, formats, frozen header, autofilter, SUM totals', async () => {
    const job = await t.call('reports.export', { kind: 'REVENUE', format: 'XLSX', from, to }, manager);
    expect(job.status).toBe('RUNNING');
    const done = await waitFor(t, job.jobId, manager);
    expect(done.status).toBe('DONE');
    expect(done.report?.format).toBe('XLSX');
    const audit = sqlite.prepare(`SELECT details FROM audit_log WHERE action = 'reports.generate' AND entity_id = ?`).get(done.report!.id) as { details: string };
    expect(JSON.parse(audit.details).runner).toBe('worker');

    const file = await t.call('reports.file', { reportId: done.report!.id }, manager);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['By day', 'By film', 'By hall', 'By cashier', 'By payment method']);
    const report = await t.call('reports.revenue', { from, to }, manager);
    const byDay = wb.getWorksheet('By day')!;
    expect(byDay.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(byDay.autoFilter).toBeTruthy();
    expect(byDay.getRow(1).getCell(1).value).toBe('Business day');
    const first = byDay.getRow(2);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect((first.getCell(1).value as Date).toISOString().slice(0, 10)).toBe(report.byDay[0]!.date);
    expect(first.getCell(8).value).toBe(report.byDay[0]!.total / 100);
    expect(first.getCell(8).numFmt).toContain('€');
    const totals = byDay.getRow(72);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(8).value).toMatchObject({ formula: 'SUM(H2:H71)' });
    expect((totals.getCell(8).value as { result: number }).result).toBeCloseTo(report.totals.total / 100, 6);
    expect((totals.getCell(3).value as { result: number }).result).toBe(report.totals.tickets);
    const film = wb.getWorksheet('By film')!;
    // Header, one row per film, totals, a blank line and the footnote saying what is counted.
    expect(film.rowCount).toBe(report.byFilm.length + 4);
    expect(String(film.getRow(film.rowCount).getCell(1).value)).toMatch(/Tickets that stand/);
  });

  it('exports the revenue report as a PDF with title, period, totals and page numbers', async () => {
    const job = await t.call('reports.export', { kind: 'REVENUE', format: 'PDF', from, to }, manager);
    const done = await waitFor(t, job.jobId, manager);
    expect(done.status).toBe('DONE');
    const file = await t.call('reports.file', { reportId: done.report!.id }, manager);
    expect(file.mimeType).toBe('application/pdf');
    const pages = await pdfText(Buffer.from(file.base64, 'base64'));
    const text = pages.join('\n');
    const report = await t.call('reports.revenue', { from, to }, manager);
    expect(text).toContain('Revenue report');
    expect(text).toContain(`Period ${from} to ${to}`);
    expect(text).toContain('Generated by Jonas Becker');
    expect(text).toContain(formatMoney(report.totals.total, 'EUR', 'en-GB'));
    expect(text).toContain(formatMoney(report.byFilm[0]!.ticketNet, 'EUR', 'en-GB'));
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);

    const list = await t.call('reports.list', {}, manager);
    expect(list.map((r) => r.id)).toContain(done.report!.id);
    expect(list[0]).toMatchObject({ kind: 'REVENUE', from, to, generatedBy: 'Jonas Becker' });
  });

  it('writes the other reports in both formats', async () => {
    for (const kind of ['POPULARITY', 'CONCESSIONS', 'SHIFTS', 'SETTLEMENTS'] as const) {
      for (const format of ['PDF', 'XLSX'] as const) {
        const job = await t.call('reports.export', { kind, format, from: addDays(to, -13), to }, manager);
        const done = await waitFor(t, job.jobId, manager);
        expect(done.status, `${kind} ${format}: ${done.error}`).toBe('DONE');
      }
    }
    const list = await t.call('reports.list', { limit: 500 }, manager);
    expect(sqlite.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: list.length });
  }, 180_000);

  it('answers unknown reports and jobs with a clear not-found', async () => {
    await expect(t.call('reports.file', { reportId: '01900000-0000-7000-8000-000000000000' }, manager)).rejects.toThrow(/NOT_FOUND/);
    await expect(t.call('reports.job', { jobId: '01900000-0000-7000-8000-000000000000' }, manager)).rejects.toThrow(/NOT_FOUND/);
    await expect(t.call('reports.export', { kind: 'REVENUE', format: 'PDF', from, to, distributorId: '01900000-0000-7000-8000-000000000000' }, manager)).rejects.toThrow(
      /VALIDATION.*settlement statement/,
    );
  });

  it('shows today and this week on the dashboard', async () => {
    t.clock.set('2026-11-24T20:00:00Z');
    const d = await t.call('dashboard.summary', {}, manager);
    expect(d.businessDate).toBe('2026-11-24');
    const day = (await t.call('reports.revenue', { from: '2026-11-24', to: '2026-11-24' }, manager)).totals;
    expect(d.today.revenue).toBe(day.total);
    expect(d.today.tickets).toBe(day.tickets);
    // Reporting week starts on Thursday (rule 12): 2026-11-19 … 2026-11-25.
    expect([d.week.from, d.week.to]).toEqual(['2026-11-19', '2026-11-25']);
    expect(d.byDay).toHaveLength(7);
    expect(d.byHour.reduce((s, h) => s + h.revenue, 0)).toBe(day.total);
    expect(d.topFilms.length).toBeGreaterThan(0);
    // This week against the last (issue 15.5): the week before, day by day, as the revenue report has it.
    const last = await t.call('reports.revenue', { from: '2026-11-12', to: '2026-11-18' }, manager);
    expect([d.lastWeek.from, d.lastWeek.to, d.lastWeek.revenue]).toEqual(['2026-11-12', '2026-11-18', last.totals.total]);
    expect(d.lastWeekByDay.map((x) => x.revenue)).toEqual(last.byDay.map((x) => x.total));
    // Occupancy by hall and by part of the day, against per-session counts in JS.
    const sessions = all<{ hall: string; starts_at: string; seats: number; tickets: number }>(
      sqlite,
      `SELECT h.name AS hall, s.starts_at, (SELECT count(*) FROM seats st WHERE st.hall_id = s.hall_id AND st.active = 1) AS seats,
         (SELECT count(*) FROM tickets t WHERE t.session_id = s.id AND t.status = 'SOLD') AS tickets
       FROM sessions s JOIN halls h ON h.id = s.hall_id WHERE s.status <> 'CANCELLED' AND s.starts_at >= ? AND s.starts_at < ?`,
      businessDayRange('2026-11-19', rule).from.toISOString(),
      businessDayRange('2026-11-25', rule).to.toISOString(),
    );
    for (const hall of d.occupancyByHall) {
      const own = sessions.filter((x) => x.hall === hall.label);
      expect([hall.tickets, hall.seats]).toEqual([own.reduce((a, x) => a + x.tickets, 0), own.reduce((a, x) => a + x.seats, 0)]);
      expect(hall.occupancyBp).toBe(Math.round((hall.tickets * 10_000) / hall.seats));
    }
    expect(d.occupancyByTimeOfDay.map((x) => x.label)).toEqual(['Before 14:00', '14:00–17:00', '17:00–20:00', 'From 20:00']);
    // The screen words each part of the day from its hours, in its reader's language (issue 16).
    expect(d.occupancyByTimeOfDay.map((x) => x.hours)).toEqual([{ from: null, until: 14 }, { from: 14, until: 17 }, { from: 17, until: 20 }, { from: 20, until: null }]);
    expect(d.occupancyByTimeOfDay.reduce((a, x) => a + x.tickets, 0)).toBe(sessions.reduce((a, x) => a + x.tickets, 0));
    const evening = sessions.filter((x) => {
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: rule.timezone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(x.starts_at)));
      return hour >= 17 && hour < 20;
    });
    expect(d.occupancyByTimeOfDay[2]!.tickets).toBe(evening.reduce((a, x) => a + x.tickets, 0));
    t.clock.set('2026-11-25T12:00:00Z');
  });
});

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

async function waitFor(t: TempCore, jobId: string, token: string) {
  for (let i = 0; i < 2400; i++) {
    const job = await t.call('reports.job', { jobId }, token);
    if (job.status !== 'RUNNING') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('report job did not finish');
}
