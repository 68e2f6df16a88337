import type { Handlers } from '../api';
import { createCustomer, findCustomers, toCustomerSummary } from './customers';

type LoyaltyHandlers = Pick<Handlers, 'customers.find' | 'customers.create'>;

export const loyaltyHandlers: LoyaltyHandlers = {
  'customers.find': async (ctx, input) => (await findCustomers(ctx.db, input.query)).map(toCustomerSummary),
  'customers.create': async (ctx, input) => toCustomerSummary(await ctx.db.transaction().execute((trx) => createCustomer(trx, ctx, input))),
};
