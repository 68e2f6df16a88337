import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, OperationName } from '../../../shared/contract';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { newId } from '../ids';
import { localInstant } from '../scheduling/cinema-time';

let t: TempCore;
afterEach(async () => t?.close());

const refusal = <N extends OperationName>(op: N, input: InputOf<N>, token: string) => t.refusal(op, input, token);

async function snapshot() {
  const db = t.core.services.db;
  return {
    contracts: await db.selectFrom('rental_contracts').select(['id', 'status', 'start_date', 'end_date', 'deal_type']).orderBy('id').execute(),
    splits: await db.selectFrom('contract_splits').select(['contract_id', 'week_number', 'percent_bp']).orderBy('contract_id').orderBy('week_number').execute(),
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
    outbox: (await db.selectFrom('outbox').select('seq').execute()).length,
  };
}

async function setup() {
  t = await startTempCore();
  const manager = await t.signIn('MANAGER');
  const options = await t.call('scheduling.options', {}, manager);
  const film = options.films.find((f) => f.title === 'Hollow Signal')!;
  const [current] = await t.call('contracts.list', { filmId: film.id }, manager);
  return { manager, film, current: current!, options };
}

const splits = [
  { week: 1, percentBp: 6000 },
  { week: 2, percentBp: 5000 },
  { week: 3, percentBp: 4000 },
];

describe('rental contracts (rule 2)', () => {
  it('lists the demo contracts by film and status', async () => {
    const { manager, film, current } = await setup();
    expect(current).toMatchObject({ film: { id: film.id, title: 'Hollow Signal' }, status: 'ACTIVE', dealType: 'PERCENTAGE' });
    expect(current.splits.map((s) => s.week)).toEqual([1, 2, 3]);
    expect(current.distributor.legalName).toBe('Nordlicht Pictures Distribution GmbH');
    expect(await t.call('contracts.list', {}, manager)).toHaveLength(12);
    expect(await t.call('contracts.list', { status: 'DRAFT' }, manager)).toHaveLength(0);
  });

  it('creates and edits a DRAFT, activates it when nothing overlaps, and closes it', async () => {
    const { manager, film, current } = await setup();
    const after = (n: number) => {
      const d = new Date(`${current.endDate}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().slice(0, 10);
    };
    const draft = await t.call('contracts.create', { filmId: film.id, startDate: after(1), endDate: after(40), splits }, manager);
    expect(draft).toMatchObject({ status: 'DRAFT', startDate: after(1), endDate: after(40), distributor: { id: film.distributorId }, splits, minimumGuarantee: null });
    const edited = await t.call(
      'contracts.update',
      { contractId: draft.id, startDate: after(1), endDate: after(60), dealType: 'NINETY_TEN', houseAllowance: 250_000, minimumGuarantee: 40_000, splits: [...splits, { week: 4, percentBp: 3500 }] },
      manager,
    );
    expect(edited).toMatchObject({ dealType: 'NINETY_TEN', houseAllowance: 250_000, minimumGuarantee: 40_000, endDate: after(60) });
    expect(edited.splits).toHaveLength(4);
    const active = await t.call('contracts.activate', { contractId: draft.id }, manager);
    expect(active.status).toBe('ACTIVE');
    const before = await snapshot();
    expect((await refusal('contracts.update', { contractId: draft.id, startDate: after(1), endDate: after(2), splits }, manager)).message).toBe(
      'The contract for “Hollow Signal” is ACTIVE; only a DRAFT contract can be changed.',
    );
    expect((await refusal('contracts.activate', { contractId: draft.id }, manager)).message).toMatch(/already ACTIVE/);
    expect(await snapshot()).toEqual(before);

    // A session inside it keeps it from being closed until the session is cancelled.
    const hall = (await t.call('scheduling.options', {}, manager)).halls[0]!;
    const session = await t.call('sessions.create', { filmId: film.id, hallId: hall.id, startsAt: localInstant(after(3), '21:00', 'Europe/Berlin').toISOString() }, manager);
    expect((await refusal('contracts.close', { contractId: draft.id }, manager)).message).toBe(
      `1 session of “Hollow Signal” still to come (from ${after(3)}) depends on this contract; cancel them first.`,
    );
    await t.call('sessions.cancel', { sessionId: session.id }, manager);
    expect((await t.call('contracts.close', { contractId: draft.id }, manager)).status).toBe('CLOSED');
    expect((await refusal('contracts.close', { contractId: draft.id }, manager)).message).toMatch(/is CLOSED; only an ACTIVE contract can be closed/);
    const audit = await t.core.services.db.selectFrom('audit_log').select('action').where('entity_id', '=', draft.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['contract.create', 'contract.update', 'contract.activate', 'contract.close']);
  });

  it('refuses to activate a contract overlapping the ACTIVE one of the film, with its dates', async () => {
    const { manager, film, current } = await setup();
    const draft = await t.call('contracts.create', { filmId: film.id, startDate: current.endDate, endDate: '2027-12-31', splits }, manager);
    const before = await snapshot();
    const error = await refusal('contracts.activate', { contractId: draft.id }, manager);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: `“Hollow Signal” already has an ACTIVE contract in this cinema from ${current.startDate} to ${current.endDate} that overlaps ${current.endDate} – 2027-12-31. Close it or change the dates first.`,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad terms with every problem named, and changes nothing', async () => {
    const { manager, film } = await setup();
    const before = await snapshot();
    const gap = await refusal('contracts.create', { filmId: film.id, startDate: '2027-02-01', endDate: '2027-03-01', splits: [splits[0]!, splits[1]!, { week: 4, percentBp: 4000 }] }, manager);
    expect(gap).toMatchObject({ code: 'VALIDATION', message: "The contract can't be saved: week 3 is missing between 2 and 4." });
    const many = await refusal(
      'contracts.create',
      { filmId: film.id, startDate: '2027-03-01', endDate: '2027-02-01', dealType: 'NINETY_TEN', splits: [{ week: 1, percentBp: 10_500 }] },
      manager,
    );
    expect(many.message).toBe(
      "The contract can't be saved: the end date 2027-02-01 is before the start date 2027-03-01; week 1: 105 % is out of range; a split must be more than 0 % and at most 100 %; a 90/10 deal needs the weekly house allowance.",
    );
    expect((await refusal('contracts.create', { filmId: film.id, startDate: '2027-02-01', endDate: '2027-03-01', splits: [] }, manager)).message).toMatch(/Weekly shares: include at least week 1\./);
    expect((await refusal('contracts.create', { filmId: newId(), startDate: '2027-02-01', endDate: '2027-03-01', splits }, manager)).code).toBe('NOT_FOUND');
    expect((await refusal('contracts.create', { filmId: film.id, distributorId: newId(), startDate: '2027-02-01', endDate: '2027-03-01', splits }, manager)).code).toBe('NOT_FOUND');
    expect((await refusal('contracts.update', { contractId: newId(), startDate: '2027-02-01', endDate: '2027-03-01', splits }, manager)).code).toBe('NOT_FOUND');
    expect((await refusal('contracts.create', { filmId: film.id, startDate: '1.2.2027', endDate: '2027-03-01', splits, price: 1 } as never, manager)).code).toBe('VALIDATION');
    expect(await snapshot()).toEqual(before);
    // A cashier can't touch contracts at all.
    const cashier = await t.signIn('CASHIER');
    expect((await refusal('contracts.list', {}, cashier)).code).toBe('FORBIDDEN');
  });
});
