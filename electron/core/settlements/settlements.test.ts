import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDayRange } from '../../../shared/business-day';
import type { DealType } from '../../../shared/enums';
import type { TempCore } from '../testing/temp-core';
import { coreWithHistory } from '../history/testing';
import { accrueEndedWeeks } from './accrue-ended-weeks';
import { allocatePayments } from './settlement-ledger';
import { correctAccruedWeeksOnce, dueRoundedTwice, ROUNDED_ONCE_KEY, ROUNDED_ONCE_REASON, roundingAdjustmentId } from './correct-accrued-weeks';
import { percentForWeek, settleWeek } from './settle-week';
import { systemContext } from '../system-context';

const all = <T>(db: Database.Database, q: string, ...p: unknown[]) => db.prepare(q).all(...p) as T[];
const one = <T>(db: Database.Database, q: string, ...p: unknown[]) => db.prepare(q).get(...p) as T;

describe('distributor settlements over generated history (rule 11)', { timeout: 120_000 }, () => {
  let t: TempCore;
  let sqlite: Database.Database;
  let manager: string;
  let written: number;

  beforeAll(async () => {
    ({ t, sqlite } = await coreWithHistory({ days: 56, halls: 3, seed: 5 }));
    manager = await t.signIn('MANAGER');
    const services = t.core.services;
    written = await accrueEndedWeeks(services.db, services.clock, systemContext(services), { cinemaId: t.core.terminal().cinemaId! });
  }, 120_000);
  afterAll(async () => {
    sqlite.close();
    await t.close();
  });

  it('accrues every ended contract week once, with the figures an independent query gives', () => {
    expect(written).toBeGreaterThan(20);
    const accruals = all<{
      contract_id: string;
      week_number: number;
      week_start_date: string;
      week_end_date: string;
      percent_bp: number;
      gross: number;
      discounts: number;
      net: number;
      amount_due: number;
    }>(sqlite, `SELECT * FROM payment_history WHERE kind = 'ACCRUAL'`);
    const cinema = one<{ timezone: string; business_day_start: string; ticket_vat_bp: number }>(sqlite, 'SELECT timezone, business_day_start, ticket_vat_bp FROM cinemas');
    const rule = { timezone: cinema.timezone, dayStart: cinema.business_day_start };
    let checkedWithSales = 0;
    for (const a of accruals) {
      const c = one<{ film_id: string; deal_type: DealType; minimum_guarantee: number | null; house_allowance: number | null; start_date: string; end_date: string }>(
        sqlite,
        'SELECT * FROM rental_contracts WHERE id = ?',
        a.contract_id,
      );
      const from = businessDayRange(a.week_start_date, rule).from.toISOString();
      const to = businessDayRange(a.week_end_date, rule).to.toISOString();
      const sales = one<{ gross: number; disc: number }>(
        sqlite,
        `SELECT coalesce(sum(t.price), 0) AS gross, coalesce(sum(t.discount), 0) AS disc FROM tickets t JOIN sessions s ON s.id = t.session_id
         WHERE s.film_id = ? AND t.status = 'SOLD' AND s.starts_at >= ? AND s.starts_at < ?`,
        c.film_id,
        from,
        to,
      );
      const splits = all<{ week_number: number; percent_bp: number }>(sqlite, 'SELECT week_number, percent_bp FROM contract_splits WHERE contract_id = ?', a.contract_id);
      const days = Math.round((Date.parse(a.week_end_date) - Date.parse(a.week_start_date)) / 86_400_000) + 1;
      const expected = settleWeek({
        gross: sales.gross,
        discounts: sales.disc,
        vatBp: cinema.ticket_vat_bp,
        percentBp: percentForWeek(splits, a.week_number),
        dealType: c.deal_type,
        minimumGuarantee: c.minimum_guarantee,
        houseAllowance: c.house_allowance,
        days,
      });
      expect([a.gross, a.discounts, a.net, a.amount_due, a.percent_bp]).toEqual([sales.gross, sales.disc, expected.net, expected.due, percentForWeek(splits, a.week_number)]);
      if (sales.gross > 0) checkedWithSales++;
    }
    expect(checkedWithSales).toBeGreaterThan(10);
  });

  it('never duplicates: running again (and concurrently) writes nothing more', async () => {
    const before = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM payment_history`).n;
    const services = t.core.services;
    const ctx = systemContext(services);
    const again = await Promise.all([
      accrueEndedWeeks(services.db, services.clock, ctx),
      accrueEndedWeeks(services.db, services.clock, ctx),
      t.call('settlements.accrue', {}, manager).then((r) => r.written),
    ]);
    expect(again).toEqual([0, 0, 0]);
    expect(one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM payment_history`).n).toBe(before);
  });

  it('shows the balance per distributor and takes payments against it', async () => {
    const balances = await t.call('settlements.balances', {}, manager);
    const owed = balances.find((b) => b.balance > 0)!;
    expect(owed).toBeTruthy();
    const expected = one<{ due: number }>(
      sqlite,
      `SELECT sum(p.amount_due) AS due FROM payment_history p JOIN rental_contracts c ON c.id = p.contract_id WHERE c.distributor_id = ?`,
      owed.distributor.id,
    );
    expect(owed.due).toBe(expected.due);
    const { weeks } = await t.call('settlements.weeks', { from: '2020-01-01', to: '2026-12-31', distributorId: owed.distributor.id }, manager);
    const contractId = weeks.find((w) => w.accrued && w.due > 0)!.contractId;
    const payment = await t.call('settlements.recordPayment', { contractId, amount: 12_345, paidOn: '2026-11-20', method: 'BANK_TRANSFER', reference: 'SEPA 2026-11-20 / 4711' }, manager);
    expect(payment.amount).toBe(12_345);
    const after = (await t.call('settlements.balances', {}, manager)).find((b) => b.distributor.id === owed.distributor.id)!;
    expect(after.balance).toBe(owed.balance - 12_345);
    expect(after.paid).toBe(owed.paid + 12_345);
    const audit = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM audit_log WHERE action = 'settlements.payment' AND entity_id = ?`, contractId);
    expect(audit.n).toBe(1);
    // Paid is allocated to the contract's weeks, oldest first; balances add up.
    const weeksAfter = (await t.call('settlements.weeks', { from: '2020-01-01', to: '2026-12-31', distributorId: owed.distributor.id }, manager)).weeks;
    const ofContract = weeksAfter.filter((w) => w.contractId === contractId && w.accrued);
    expect(ofContract.reduce((s, w) => s + w.paid, 0)).toBe(Math.min(12_345, ofContract.reduce((s, w) => s + w.due, 0)));
  });

  it('refuses bad payments and changes nothing', async () => {
    const count = () => one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM payment_history`).n;
    const before = count();
    const contractId = one<{ id: string }>(sqlite, `SELECT id FROM rental_contracts WHERE status = 'ACTIVE' LIMIT 1`).id;
    const base = { contractId, amount: 100, paidOn: '2026-11-20', method: 'BANK_TRANSFER' as const, reference: 'x' };
    await expect(t.call('settlements.recordPayment', { ...base, amount: 0 }, manager)).rejects.toThrow(/VALIDATION.*amount.*more than/i);
    await expect(t.call('settlements.recordPayment', { ...base, paidOn: '2026-12-24' }, manager)).rejects.toThrow(/VALIDATION.*cannot be dated in the future/);
    await expect(t.call('settlements.recordPayment', { ...base, reference: '  ' }, manager)).rejects.toThrow(/VALIDATION.*reference/i);
    await expect(t.call('settlements.recordPayment', { ...base, contractId: '01900000-0000-7000-8000-000000000000' }, manager)).rejects.toThrow(/NOT_FOUND/);
    await expect(t.call('settlements.recordPayment', { ...base, method: 'BITCOIN' as never }, manager)).rejects.toThrow(/VALIDATION.*method/i);
    const cashier = await t.signIn('CASHIER');
    await expect(t.call('settlements.recordPayment', base, cashier)).rejects.toThrow(/FORBIDDEN/);
    expect(count()).toBe(before);
  });

  it('corrects weeks accrued with the old double rounding by one audited adjustment each, never rewriting them', async () => {
    const cinema = one<{ ticket_vat_bp: number }>(sqlite, 'SELECT ticket_vat_bp FROM cinemas');
    // The week, as the old code accrued it: 166.20 incl. 7 % VAT at 35 % → 54.37 (it owes 54.36).
    const target = one<{ id: string; contract_id: string; week_number: number }>(
      sqlite,
      `SELECT p.id, p.contract_id, p.week_number FROM payment_history p JOIN rental_contracts c ON c.id = p.contract_id
       WHERE p.kind = 'ACCRUAL' AND c.deal_type = 'PERCENTAGE' AND c.minimum_guarantee IS NULL
         AND NOT EXISTS (SELECT 1 FROM payment_history x WHERE x.contract_id = p.contract_id AND x.week_number = p.week_number AND x.kind = 'ADJUSTMENT')
       ORDER BY p.week_number DESC LIMIT 1`,
    );
    expect(cinema.ticket_vat_bp).toBe(700);
    sqlite.prepare(`UPDATE payment_history SET gross = 16620, discounts = 0, net = 15533, percent_bp = 3500, amount_due = 5437 WHERE id = ?`).run(target.id);
    // Every other accrual as the old code would have written it.
    const accruals = all<{ id: string; contract_id: string; week_number: number; week_start_date: string; week_end_date: string; gross: number; discounts: number; percent_bp: number; amount_due: number }>(
      sqlite,
      `SELECT * FROM payment_history WHERE kind = 'ACCRUAL'`,
    );
    const expected = new Map<string, { old: number; due: number }>();
    for (const a of accruals) {
      const c = one<{ deal_type: DealType; minimum_guarantee: number | null; house_allowance: number | null }>(sqlite, 'SELECT * FROM rental_contracts WHERE id = ?', a.contract_id);
      const days = Math.round((Date.parse(a.week_end_date) - Date.parse(a.week_start_date)) / 86_400_000) + 1;
      const terms = { gross: a.gross, discounts: a.discounts, vatBp: cinema.ticket_vat_bp, percentBp: a.percent_bp, dealType: c.deal_type, minimumGuarantee: c.minimum_guarantee, houseAllowance: c.house_allowance, days };
      const old = dueRoundedTwice(terms);
      const due = settleWeek(terms).due;
      if (old !== due) {
        sqlite.prepare('UPDATE payment_history SET amount_due = ? WHERE id = ?').run(old, a.id);
        expected.set(a.id, { old, due });
      }
    }
    expect(expected.get(target.id)).toEqual({ old: 5437, due: 5436 });
    const before = all<Record<string, unknown>>(sqlite, `SELECT * FROM payment_history WHERE kind = 'ACCRUAL' ORDER BY id`);
    // A database the old version wrote has never run the correction: no marker.
    sqlite.prepare(`DELETE FROM local_meta WHERE key LIKE ?`).run(`${ROUNDED_ONCE_KEY}%`);

    const services = t.core.services;
    await accrueEndedWeeks(services.db, services.clock, systemContext(services));
    const adjustments = all<{ contract_id: string; week_number: number; amount_due: number; reference: string; id: string }>(sqlite, `SELECT * FROM payment_history WHERE kind = 'ADJUSTMENT'`);
    expect(adjustments).toHaveLength(expected.size);
    for (const [accrualId, e] of expected) {
      const a = accruals.find((x) => x.id === accrualId)!;
      const adj = adjustments.find((x) => x.contract_id === a.contract_id && x.week_number === a.week_number)!;
      expect(adj.amount_due).toBe(e.due - e.old);
      expect(adj.reference).toBe(ROUNDED_ONCE_REASON);
      expect(adj.id).toBe(roundingAdjustmentId(accrualId));
    }
    // The accruals are exactly as they were written.
    expect(all<Record<string, unknown>>(sqlite, `SELECT * FROM payment_history WHERE kind = 'ACCRUAL' ORDER BY id`)).toEqual(before);
    // The ledger and the balances owe the corrected amounts.
    const { weeks } = await t.call('settlements.weeks', { from: '2020-01-01', to: '2026-12-31' }, manager);
    const week = weeks.find((w) => w.contractId === target.contract_id && w.week === target.week_number)!;
    expect([week.due, week.adjustment]).toEqual([5436, -1]);
    const balances = await t.call('settlements.balances', {}, manager);
    const sumDue = one<{ due: number }>(sqlite, `SELECT sum(amount_due) AS due FROM payment_history`).due;
    expect(balances.reduce((sum, b) => sum + b.due, 0)).toBe(sumDue);
    const audits = all<{ details: string }>(sqlite, `SELECT details FROM audit_log WHERE action = 'settlements.adjust'`);
    expect(audits.flatMap((a) => (JSON.parse(a.details) as { weeks: unknown[] }).weeks)).toHaveLength(expected.size);
    // Once only: another run (and the manager's button) adds nothing.
    await accrueEndedWeeks(services.db, services.clock, systemContext(services));
    await t.call('settlements.accrue', {}, manager);
    expect(all(sqlite, `SELECT id FROM payment_history WHERE kind = 'ADJUSTMENT'`)).toHaveLength(expected.size);
  });

  it('runs the correction once: the marker is kept, and a second pass reads only the marker (no contract or week is scanned)', async () => {
    const services = t.core.services;
    const cinemaId = t.core.terminal().cinemaId!;
    expect(one<{ value: string } | undefined>(sqlite, 'SELECT value FROM local_meta WHERE key = ?', ROUNDED_ONCE_KEY + cinemaId)?.value).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Every query of the second pass, as Kysely sends it (the real database answers them).
    const tables: string[] = [];
    const note = (node: unknown) =>
      tables.push(...[...JSON.stringify(node).matchAll(/"kind":"TableNode","table":\{"kind":"SchemableIdentifierNode",(?:"schema":\{[^}]*\},)?"identifier":\{"kind":"IdentifierNode","name":"(\w+)"\}/g)].map((m) => m[1]!));
    const watched = services.db.withPlugin({
      transformQuery: (args) => (note(args.node), args.node),
      transformResult: (args) => Promise.resolve(args.result),
    });
    // Queries compiled once (db/prepared-query.ts) are run with executeQuery, past the plugin.
    const executeQuery = watched.executeQuery.bind(watched);
    watched.executeQuery = ((query: Parameters<typeof executeQuery>[0]) => (note('compile' in query ? query.compile().query : query.query), executeQuery(query))) as typeof watched.executeQuery;
    const adjustments = () => all(sqlite, `SELECT id FROM payment_history WHERE kind = 'ADJUSTMENT'`).length;
    const before = adjustments();
    // An accrual looking double-rounded now would be corrected by a scan; the pass leaves it alone.
    expect(await correctAccruedWeeksOnce(watched, systemContext(services), cinemaId)).toBe(0);
    expect(new Set(tables)).toEqual(new Set(['local_meta']));
    expect(adjustments()).toBe(before);
  });

  it('lets a manager override a week’s percent with a reason: audited, settled again by an adjustment', async () => {
    const a = one<{ id: string; contract_id: string; week_number: number; amount_due: number; net: number; gross: number; discounts: number }>(
      sqlite,
      `SELECT p.* FROM payment_history p JOIN rental_contracts c ON c.id = p.contract_id
       WHERE p.kind = 'ACCRUAL' AND p.net > 100000 AND c.deal_type = 'PERCENTAGE' AND c.minimum_guarantee IS NULL
         AND NOT EXISTS (SELECT 1 FROM payment_history x WHERE x.contract_id = p.contract_id AND x.week_number = p.week_number AND x.kind = 'ADJUSTMENT') LIMIT 1`,
    );
    const accrualBefore = one<Record<string, unknown>>(sqlite, 'SELECT * FROM payment_history WHERE id = ?', a.id);
    const row = await t.call('settlements.overrideWeek', { contractId: a.contract_id, week: a.week_number, percentBp: 3500, reason: 'Agreed with the distributor: weak week' }, manager);
    expect(row.percentBp).toBe(3500);
    const due = settleWeek({ gross: a.gross, discounts: a.discounts, vatBp: 700, percentBp: 3500, dealType: 'PERCENTAGE', minimumGuarantee: null, houseAllowance: null, days: 7 }).due;
    expect(row.due).toBe(due);
    expect(one<Record<string, unknown>>(sqlite, 'SELECT * FROM payment_history WHERE id = ?', a.id)).toEqual(accrualBefore);
    const adjustment = one<{ amount_due: number; reference: string }>(sqlite, `SELECT amount_due, reference FROM payment_history WHERE contract_id = ? AND week_number = ? AND kind = 'ADJUSTMENT'`, a.contract_id, a.week_number);
    expect(adjustment).toEqual({ amount_due: due - a.amount_due, reference: 'Percent set to 35.00 % by a manager: Agreed with the distributor: weak week' });
    const listed = (await t.call('settlements.weeks', { from: '2020-01-01', to: '2026-12-31' }, manager)).weeks.find((w) => w.contractId === a.contract_id && w.week === a.week_number)!;
    expect([listed.due, listed.percentBp, listed.overridden]).toEqual([due, 3500, true]);
    const audit = one<{ details: string; user_id: string }>(sqlite, `SELECT details, user_id FROM audit_log WHERE action = 'settlements.override' ORDER BY at DESC LIMIT 1`);
    expect(JSON.parse(audit.details)).toMatchObject({ week: a.week_number, percentBp: 3500, previousPercentBp: null, reason: 'Agreed with the distributor: weak week', previousDue: a.amount_due });
    await expect(t.call('settlements.overrideWeek', { contractId: a.contract_id, week: 400, percentBp: 3500, reason: 'x' }, manager)).rejects.toThrow(/has no week 400/);
    await expect(t.call('settlements.overrideWeek', { contractId: a.contract_id, week: 1, percentBp: 3500, reason: '' }, manager)).rejects.toThrow(/VALIDATION.*reason/i);
    await expect(t.call('settlements.overrideWeek', { contractId: a.contract_id, week: 1, percentBp: 0, reason: 'x' }, manager)).rejects.toThrow(/VALIDATION.*share/i);
  });

  it('writes a settlement statement PDF for one distributor', async () => {
    const d = (await t.call('settlements.balances', {}, manager))[0]!;
    const job = await t.call('reports.export', { kind: 'SETTLEMENTS', format: 'PDF', from: '2026-09-01', to: '2026-11-24', distributorId: d.distributor.id }, manager);
    for (let i = 0; i < 1200; i++) {
      const j = await t.call('reports.job', { jobId: job.jobId }, manager);
      if (j.status !== 'RUNNING') {
        expect(j.status, j.error ?? '').toBe('DONE');
        const { pdfText } = await import('../printing/testing/read-pdf');
        const file = await t.call('reports.file', { reportId: j.report!.id }, manager);
        const text = (await pdfText(Buffer.from(file.base64, 'base64'))).join(' ');
        expect(text).toContain(`Settlement statement — ${d.distributor.legalName}`);
        expect(text).toContain('Distributor settlements per contract week');
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('statement not written');
  });
});

describe('allocatePayments', () => {
  it('pays weeks oldest first, never more than due, and all of it while something is due', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 20 }), fc.integer({ min: 0, max: 30_000_000 }), (dues, paid) => {
        const alloc = allocatePayments(dues, paid);
        const totalDue = dues.reduce((s, d) => s + d, 0);
        expect(alloc.reduce((s, a) => s + a, 0)).toBe(Math.min(paid, totalDue));
        alloc.forEach((a, i) => expect(a).toBeLessThanOrEqual(dues[i]!));
        // Oldest first: a week is paid only once every earlier week is paid in full.
        const firstShort = alloc.findIndex((a, i) => a < dues[i]!);
        if (firstShort >= 0) alloc.slice(firstShort + 1).forEach((a) => expect(a).toBe(0));
      }),
    );
  });
});
