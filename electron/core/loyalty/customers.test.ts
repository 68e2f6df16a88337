import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

describe('loyalty customers', () => {
  it('finds a customer by card number or by the phone digits in any formatting, with the bonus balance', async () => {
    const byCard = await f.t.call('customers.find', { query: '2600100002' }, f.cashier);
    expect(byCard).toMatchObject([{ name: 'Lukas Wagner', bonusBalance: 1250 }]);
    const byPhone = await f.t.call('customers.find', { query: '0151-2345 6781' }, f.cashier);
    expect(byPhone.map((c) => c.name)).toEqual(['Anna Schmidt']);
    expect(await f.t.call('customers.find', { query: '000000000' }, f.cashier)).toEqual([]);
  });

  it('enrols a customer with a unique card number and refuses a duplicate, changing nothing', async () => {
    const c = await f.t.call('customers.create', { name: 'Mia Braun', phone: '+49 170 1112223', cardNumber: '2600100099' }, f.cashier);
    expect(c).toMatchObject({ name: 'Mia Braun', bonusBalance: 0, cardNumber: '2600100099' });
    expect((await f.t.call('customers.find', { query: '1112223' }, f.cashier))[0]!.id).toBe(c.id);
    const count = async () => (await f.t.core.services.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    await expect(f.t.call('customers.create', { name: 'X', phone: '12', cardNumber: '2600100001' }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('customers.create', { name: 'X', phone: '+49 170 999999', cardNumber: '2600100001' }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Anna Schmidt'),
    });
    expect(await count()).toBe(before);
  });
});
