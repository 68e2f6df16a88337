import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { findVoucher } from './voucher-balance';
import { refreshVoucherBalances } from './central-balance';
import { sellVoucher } from './sell-voucher';
import { printVoucherSlip, voucherSlipPdf } from './voucher-slip';
import { voucherReport } from './voucher-report';

type VoucherHandlers = Pick<Handlers, 'vouchers.sell' | 'vouchers.lookup' | 'vouchers.slipPdf' | 'vouchers.printSlip' | 'vouchers.report'>;

export const voucherHandlers: VoucherHandlers = {
  'vouchers.sell': async (ctx, input) => sellVoucher(ctx, input),
  'vouchers.lookup': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    await refreshVoucherBalances(ctx.services, [input.code]);
    const v = await findVoucher(ctx.db, input.code, cinema.id);
    const history = await ctx.db
      .selectFrom('gift_voucher_movements as m')
      .leftJoin('orders as o', 'o.id', 'm.order_id')
      .select(['m.kind', 'm.amount', 'm.at', 'o.number'])
      .where('m.voucher_id', '=', v.id)
      .orderBy('m.at', 'desc')
      .limit(50)
      .execute();
    return {
      voucherId: v.id,
      code: v.code,
      amount: v.amount,
      balance: v.balance,
      currency: v.currency,
      soldAt: v.soldAt,
      otherCinema: v.cinemaId !== cinema.id,
      history: history.map((h) => ({ kind: h.kind, amount: h.amount, at: h.at, orderNumber: h.number })),
    };
  },
  'vouchers.slipPdf': async (ctx, input) => voucherSlipPdf(ctx, input.voucherId, input.code),
  'vouchers.printSlip': async (ctx, input) => printVoucherSlip(ctx, input.voucherId, input.code),
  'vouchers.report': async (ctx, input) => voucherReport(ctx.db, { cinemaId: (await requireTerminalCinema(ctx.db, ctx)).id, ...input }),
};
