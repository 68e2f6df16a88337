import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';

export interface NewCinema {
  name: string;
  address: string;
  timezone: string;
  currency: string;
}

/** Creates a cinema with the defaults SPEC.md gives (06:00 business day, Thursday weeks, 15-minute sales close). */
export async function createCinema(trx: Transaction<DB>, ctx: RequestContext, cinema: NewCinema, actingUserId: string | null): Promise<string> {
  const id = newId();
  await trx
    .insertInto('cinemas')
    .values({
      id,
      name: cinema.name,
      address: cinema.address,
      timezone: cinema.timezone,
      currency: cinema.currency,
      created_at: ctx.clock.now().toISOString(),
      ...ctx.stamp(),
    })
    .execute();
  await recordAudit(trx, ctx, { action: 'cinema.create', entity: 'cinema', entityId: id, details: { ...cinema }, userId: actingUserId });
  return id;
}
