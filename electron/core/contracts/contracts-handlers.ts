import type { Handlers } from '../api';
import { businessDateOf } from '../../../shared/business-day';
import { businessDayRuleOf, requireTerminalCinema } from '../catalog/require-cinema';
import { activateContract, closeContract, createContract, listContracts, updateContract } from './rental-contracts';

type ContractHandlers = Pick<Handlers, 'contracts.list' | 'contracts.create' | 'contracts.update' | 'contracts.activate' | 'contracts.close'>;

export const contractHandlers: ContractHandlers = {
  'contracts.list': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    return listContracts(ctx.db, cinema.id, input);
  },
  'contracts.create': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return createContract(trx, ctx, cinema.id, input);
    }),
  'contracts.update': async (ctx, { contractId, ...input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return updateContract(trx, ctx, cinema.id, contractId, input);
    }),
  'contracts.activate': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return activateContract(trx, ctx, cinema.id, input.contractId);
    }),
  'contracts.close': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      const rule = businessDayRuleOf(cinema);
      return closeContract(trx, ctx, cinema.id, input.contractId, (instant) => businessDateOf(instant, rule));
    }),
};
