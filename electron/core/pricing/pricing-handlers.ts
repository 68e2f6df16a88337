import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { pricePreview, priceSettings, removeDefaultPrice, saveDefaultPrice, setPriceFactors } from './price-settings';
import { setPriceCard } from './price-cards';

type PricingHandlers = Pick<Handlers, 'prices.get' | 'prices.saveDefault' | 'prices.removeDefault' | 'prices.setFactors' | 'prices.setCard' | 'prices.preview'>;

export const pricingHandlers: PricingHandlers = {
  'prices.get': async (ctx) => priceSettings(ctx.db, await requireTerminalCinema(ctx.db, ctx)),
  'prices.saveDefault': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await saveDefaultPrice(trx, ctx, cinema, input);
      return priceSettings(trx, cinema);
    }),
  'prices.removeDefault': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await removeDefaultPrice(trx, ctx, cinema, input.id);
      return priceSettings(trx, cinema);
    }),
  'prices.setFactors': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await setPriceFactors(trx, ctx, cinema, input);
      return priceSettings(trx, cinema);
    }),
  'prices.setCard': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await setPriceCard(trx, ctx, cinema, input);
      return priceSettings(trx, cinema);
    }),
  'prices.preview': async (ctx, input) => pricePreview(ctx.db, await requireTerminalCinema(ctx.db, ctx), input.sessionId),
};
