import type { Handler } from '../api';
import type { OperationName } from '../../../shared/contract';
import { requireTerminalCinema } from '../catalog/require-cinema';
import type { RequestContext } from '../context';
import { accrueEndedWeeks } from './accrue-ended-weeks';
import { distributorBalances, loadSettlementWeeks, overrideWeekPercent, recordSettlementPayment } from './settlement-ledger';

const requireCinema = async (ctx: RequestContext) => (await requireTerminalCinema(ctx.db, ctx)).id;

type SettlementOps = Extract<OperationName, `settlements.${string}`>;

export const settlementHandlers: { [N in SettlementOps]: Handler<N> } = {
  'settlements.balances': async (ctx) => distributorBalances(ctx.db, await requireCinema(ctx)),
  'settlements.weeks': async (ctx, input) => loadSettlementWeeks(ctx.db, ctx.clock, await requireCinema(ctx), input),
  'settlements.recordPayment': async (ctx, input) => recordSettlementPayment(ctx, await requireCinema(ctx), input),
  'settlements.overrideWeek': async (ctx, input) => overrideWeekPercent(ctx, await requireCinema(ctx), input),
  'settlements.accrue': async (ctx) => ({ written: await accrueEndedWeeks(ctx.db, ctx.clock, ctx, { cinemaId: await requireCinema(ctx) }) }),
};
