import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH } from '../../../shared/contract/concessions';
import type { DB } from '../db/tables';
import { DomainError } from '../errors';

/** A source of whole numbers in [0, n): `crypto.randomInt` in the app, a seeded one in tests. */
export type RandomInt = (n: number) => number;

/** Enough tries that a collision streak is practically impossible (31^6 ≈ 887 million codes). */
export const PICKUP_CODE_TRIES = 20;

/**
 * Rule 10: a 6-character pickup code from an alphabet without 0/O/1/I/L, not `taken` by an open
 * preorder of the cinema; draws again on a collision. Pure given `random` and `taken`.
 */
export function newPickupCode(random: RandomInt, taken: (code: string) => boolean): string {
  for (let attempt = 0; attempt < PICKUP_CODE_TRIES; attempt++) {
    let code = '';
    for (let i = 0; i < PICKUP_CODE_LENGTH; i++) {
      const k = random(PICKUP_CODE_ALPHABET.length);
      if (!Number.isInteger(k) || k < 0 || k >= PICKUP_CODE_ALPHABET.length) throw new RangeError(`random(n) must give a whole number below ${PICKUP_CODE_ALPHABET.length}, got ${k}`);
      code += PICKUP_CODE_ALPHABET[k];
    }
    if (!taken(code)) return code;
  }
  throw new DomainError('CONFLICT', { key: 'refusals:concessions.couldNotFindFree' });
}

/** For the sale, inside its transaction: a code unique among the cinema's PENDING/READY preorders. */
export async function issuePickupCode(db: Kysely<DB> | Transaction<DB>, cinemaId: string, random: RandomInt = randomInt): Promise<string> {
  const open = await db
    .selectFrom('concession_preorders')
    .select('pickup_code')
    .where('cinema_id', '=', cinemaId)
    .where('status', 'in', ['PENDING', 'READY'])
    .execute();
  const taken = new Set(open.map((r) => r.pickup_code));
  return newPickupCode(random, (c) => taken.has(c));
}
