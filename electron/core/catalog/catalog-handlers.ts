import type { Handlers } from '../api';
import { getCinemaSettings, updateCinemaSettings } from './cinema-settings';
import { createHall, hallSummary, listHalls, removeHall, requireHall, setHallActive, updateHall } from './halls';
import { loadHallSeats, saveSeatMap } from './seat-map';
import { createDistributor, distributorSummary, listDistributors, setDistributorActive, updateDistributor } from './distributors';
import { createFilm, filmSummary, listFilms, setFilmActive, updateFilm } from './films';

type CatalogHandlers = Pick<
  Handlers,
  | 'cinema.get'
  | 'cinema.update'
  | 'halls.list'
  | 'halls.create'
  | 'halls.update'
  | 'halls.setActive'
  | 'halls.delete'
  | 'seatMap.get'
  | 'seatMap.save'
  | 'distributors.list'
  | 'distributors.create'
  | 'distributors.update'
  | 'distributors.setActive'
  | 'films.list'
  | 'films.create'
  | 'films.update'
  | 'films.setActive'
>;

/** The catalogue: the terminal's cinema settings, its halls and seat maps, films and distributors. */
export const catalogHandlers: CatalogHandlers = {
  'cinema.get': async (ctx) => getCinemaSettings(ctx.db, ctx),
  'cinema.update': async (ctx, input) => ctx.db.transaction().execute((trx) => updateCinemaSettings(trx, ctx, input)),

  'halls.list': async (ctx) => listHalls(ctx.db, ctx),
  'halls.create': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => hallSummary(trx, ctx, await createHall(trx, ctx, input))),
  'halls.update': async (ctx, { hallId, ...fields }) =>
    ctx.db.transaction().execute(async (trx) => {
      await updateHall(trx, ctx, hallId, fields);
      return hallSummary(trx, ctx, hallId);
    }),
  'halls.setActive': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      await setHallActive(trx, ctx, input.hallId, input.active);
      return hallSummary(trx, ctx, input.hallId);
    }),
  'halls.delete': async (ctx, input) => ctx.db.transaction().execute((trx) => removeHall(trx, ctx, input.hallId)),

  'seatMap.get': async (ctx, input) => {
    const hall = await requireHall(ctx.db, ctx, input.hallId);
    return { hall: await hallSummary(ctx.db, ctx, hall.id), seats: await loadHallSeats(ctx.db, ctx, hall.id) };
  },
  'seatMap.save': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const saved = await saveSeatMap(trx, ctx, input.hallId, input.seats);
      return { ...saved, hall: await hallSummary(trx, ctx, input.hallId), seats: await loadHallSeats(trx, ctx, input.hallId) };
    }),

  'distributors.list': async (ctx, input) => listDistributors(ctx.db, input.search),
  'distributors.create': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => distributorSummary(trx, await createDistributor(trx, ctx, input))),
  'distributors.update': async (ctx, { distributorId, ...fields }) =>
    ctx.db.transaction().execute(async (trx) => {
      await updateDistributor(trx, ctx, distributorId, fields);
      return distributorSummary(trx, distributorId);
    }),
  'distributors.setActive': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      await setDistributorActive(trx, ctx, input.distributorId, input.active);
      return distributorSummary(trx, input.distributorId);
    }),

  'films.list': async (ctx, input) => listFilms(ctx.db, ctx, { search: input.search, includeInactive: input.includeInactive }),
  'films.create': async (ctx, input) => ctx.db.transaction().execute(async (trx) => filmSummary(trx, ctx, await createFilm(trx, ctx, input))),
  'films.update': async (ctx, { filmId, ...fields }) =>
    ctx.db.transaction().execute(async (trx) => {
      await updateFilm(trx, ctx, filmId, fields);
      return filmSummary(trx, ctx, filmId);
    }),
  'films.setActive': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      await setFilmActive(trx, ctx, input.filmId, input.active);
      return filmSummary(trx, ctx, input.filmId);
    }),
};
