import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { groupCode, newEnrolmentCode } from '../../../shared/enrolment-code';
import { newId } from '../ids';
import type { CentralDb } from './central-admin';

/**
 * Enrolment codes as the owner of the central database issues them (`npm run central -- enrol`,
 * central migration 0011): the code is made here, only its hash goes to the centre.
 */

/** What the centre stores of a code: the SHA-256 of its normalised form (11 characters, no dashes). */
export function hashEnrolmentCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** A fresh code (plain, ungrouped) and its hash. */
export function makeEnrolmentCode(): { code: string; hash: string } {
  const code = newEnrolmentCode(randomBytes(16));
  return { code, hash: hashEnrolmentCode(code) };
}

export const DEFAULT_VALID_MINUTES = 15;

/** '15m', '2h', '1d' or plain minutes → minutes. */
export function parseValidity(text: string | undefined): number {
  if (text === undefined) return DEFAULT_VALID_MINUTES;
  const m = /^\s*(\d+)\s*(m|min|h|d)?\s*$/i.exec(text);
  if (!m) throw new Error(`--valid: a duration like 15m, 2h or 1d, not "${text}"`);
  const n = Number(m[1]) * ({ m: 1, min: 1, h: 60, d: 1440 }[(m[2] ?? 'm').toLowerCase()] ?? 1);
  if (n < 1 || n > 7 * 1440) throw new Error('--valid: from 1 minute to 7 days');
  return n;
}

/** The central address a terminal types: the owner's URL without user and password. */
export function centralAddressOf(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

export interface IssuedCode {
  /** Grouped for reading out: ABCD-EFGH-JKM. Shown once; the centre keeps its hash only. */
  code: string;
  cinemaId: string;
  cinemaName: string;
  expiresAt: string;
  mayEnrol: boolean;
}

/** A cinema of the chain by id or by (case-insensitive) name; an unknown or ambiguous one is refused, naming the cinemas there are. */
export async function findCentralCinema(db: CentralDb, idOrName: string): Promise<{ id: string; name: string }> {
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM cinemas WHERE NOT deleted AND (id = ${idOrName} OR lower(name) = lower(${idOrName.trim()})) ORDER BY name`.execute(db);
  if (r.rows.length === 1) return r.rows[0]!;
  const all = await sql<{ id: string; name: string }>`SELECT id, name FROM cinemas WHERE NOT deleted ORDER BY name`.execute(db);
  const list = all.rows.map((c) => `  ${c.name} (${c.id})`).join('\n') || '  (none yet: create one with --new-cinema)';
  throw new Error(`${r.rows.length === 0 ? 'No cinema' : 'More than one cinema'} is called "${idOrName}". The cinemas of the chain:\n${list}`);
}

/**
 * A one-time code for a terminal of the cinema. The cinema's first terminal may enrol the next
 * ones from its Sync screen (and create cinemas); later ones only with `mayEnrol`.
 */
export async function issueEnrolmentCode(
  db: CentralDb,
  input: { cinema: string; terminalName?: string; validMinutes?: number; mayEnrol?: boolean },
): Promise<IssuedCode> {
  const cinema = await findCentralCinema(db, input.cinema);
  const terminals = await sql<{ n: string }>`SELECT count(*) AS n FROM sync_terminals WHERE cinema_id = ${cinema.id} AND revoked_at IS NULL`.execute(db);
  const mayEnrol = input.mayEnrol ?? Number(terminals.rows[0]!.n) === 0;
  const { code, hash } = makeEnrolmentCode();
  const minutes = input.validMinutes ?? DEFAULT_VALID_MINUTES;
  const r = await sql<{ expires: Date }>`SELECT sync_store_enrolment_code(${hash}, ${cinema.id}, ${input.terminalName ?? ''}, ${minutes * 60}::integer, ${mayEnrol}, 'owner') AS expires`.execute(db);
  return { code: groupCode(code), cinemaId: cinema.id, cinemaName: cinema.name, expiresAt: new Date(r.rows[0]!.expires).toISOString(), mayEnrol };
}

/** A new cinema of the chain, made at the centre (its first terminal pulls it and creates the first administrator). */
export async function createCentralCinema(db: CentralDb, input: { name: string; address?: string; timezone: string; currency: string }): Promise<{ id: string; name: string }> {
  const id = newId();
  await sql`SELECT sync_insert_cinema(${id}, ${input.name}, ${input.address ?? ''}, ${input.timezone}, ${input.currency.toUpperCase()}, 'central')`.execute(db);
  return { id, name: input.name.trim() };
}

/** Lets a registered terminal (by id or name) enrol terminals and create cinemas, or stops it. */
export async function allowEnrol(db: CentralDb, terminal: string, allow: boolean): Promise<{ terminalId: string; name: string }> {
  const r = await sql<{ terminal_id: string; name: string }>`
    SELECT terminal_id, name FROM sync_terminals WHERE revoked_at IS NULL AND (terminal_id = ${terminal} OR lower(name) = lower(${terminal.trim()}))`.execute(db);
  if (r.rows.length !== 1) {
    throw new Error(r.rows.length === 0 ? `No registered terminal has the id or name "${terminal}".` : `More than one terminal is called "${terminal}": give its id.`);
  }
  const t = r.rows[0]!;
  await sql`UPDATE sync_terminals SET may_enrol = ${allow} WHERE terminal_id = ${t.terminal_id}`.execute(db);
  return { terminalId: t.terminal_id, name: t.name };
}
