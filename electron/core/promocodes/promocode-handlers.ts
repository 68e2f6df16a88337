import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { createPromocode, listPromocodes, promocodeFilmOptions, setPromocodeActive, updatePromocode } from './promocodes';

type PromocodeHandlers = Pick<Handlers, 'promocodes.list' | 'promocodes.create' | 'promocodes.update' | 'promocodes.setActive'>;

export const promocodeHandlers: PromocodeHandlers = {
  'promocodes.list': async (ctx) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const [promocodes, films] = await Promise.all([listPromocodes(ctx.db, cinema.id), promocodeFilmOptions(ctx.db)]);
    return { promocodes, films };
  },

  'promocodes.create': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return createPromocode(trx, ctx, cinema.id, input);
    }),

  'promocodes.update': async (ctx, { promocodeId, ...fields }) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return updatePromocode(trx, ctx, cinema.id, promocodeId, fields);
    }),

  'promocodes.setActive': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return setPromocodeActive(trx, ctx, cinema.id, input.promocodeId, input.active);
    }),
};
