import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { adjustStock, createConcessionItem, listConcessionItems, setConcessionItemActive, updateConcessionItem } from './concession-items';
import { findPreorder, movePreorder, standQueue } from './preorders';

type ConcessionHandlers = Pick<
  Handlers,
  | 'concessions.listItems'
  | 'concessions.createItem'
  | 'concessions.updateItem'
  | 'concessions.setItemActive'
  | 'concessions.adjustStock'
  | 'stand.queue'
  | 'stand.find'
  | 'stand.markReady'
  | 'stand.markPickedUp'
>;

export const concessionHandlers: ConcessionHandlers = {
  'concessions.listItems': async (ctx, input) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    // The counter sees what it can sell; only managers see items taken off sale.
    const all = input.includeInactive && (ctx.user.role === 'ADMIN' || ctx.user.role === 'MANAGER');
    return listConcessionItems(ctx.db, cinema.id, all);
  },

  'concessions.createItem': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => createConcessionItem(trx, ctx, (await requireTerminalCinema(trx, ctx)).id, input)),

  'concessions.updateItem': async (ctx, { itemId, ...fields }) =>
    ctx.db.transaction().execute(async (trx) => updateConcessionItem(trx, ctx, (await requireTerminalCinema(trx, ctx)).id, itemId, fields)),

  'concessions.setItemActive': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => setConcessionItemActive(trx, ctx, (await requireTerminalCinema(trx, ctx)).id, input.itemId, input.active)),

  'concessions.adjustStock': async (ctx, input) =>
    ctx.db
      .transaction()
      .execute(async (trx) => adjustStock(trx, ctx, (await requireTerminalCinema(trx, ctx)).id, input.itemId, input.change, input.reason)),

  'stand.queue': async (ctx) => standQueue(ctx.db, (await requireTerminalCinema(ctx.db, ctx)).id),

  'stand.find': async (ctx, input) => findPreorder(ctx.db, (await requireTerminalCinema(ctx.db, ctx)).id, input.pickupCode),

  'stand.markReady': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => movePreorder(trx, ctx, await requireTerminalCinema(trx, ctx), input.preorderId, 'READY')),

  'stand.markPickedUp': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => movePreorder(trx, ctx, await requireTerminalCinema(trx, ctx), input.preorderId, 'PICKED_UP')),
};
