import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { writeMeta } from './identity';

/** Binds this terminal to a cinema and publishes its ticket-signing public key. */
export async function registerTerminal(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  publicKeyPem: string,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await trx
    .insertInto('terminals')
    .values({
      id: ctx.terminal.id,
      cinema_id: cinemaId,
      name: ctx.terminal.name,
      public_key: publicKeyPem,
      revoked_at: null,
      created_at: now,
      ...ctx.stamp(),
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ cinema_id: cinemaId, public_key: publicKeyPem, ...ctx.stamp() }))
    .execute();
  await writeMeta(trx, 'cinema_id', cinemaId);
}
