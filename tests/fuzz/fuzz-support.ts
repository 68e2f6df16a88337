import Database from 'better-sqlite3';
import { ERROR_CODES, type ApiResult } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/enums';
import type { Access } from '../../shared/contract/operation';

/** Inputs per (operation, role); FUZZ_RUNS=500 for a long local run. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 15));
/** Reproduce a run with FUZZ_SEED=<the seed it printed>. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Only the operations starting with one of these (FUZZ_OPS=vouchers.,orders.sell), for a feature's own run; all when unset. */
export const FUZZ_OPS = (process.env.FUZZ_OPS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** The roles that may call an operation (null = nobody signed in, for public ones). */
export function callersOf(access: Access): (Role | null)[] {
  if (access === 'public') return [null];
  if (access === 'signed-in') return [...ROLES];
  return [...access];
}

/** A stable per-(operation, role) seed, so one failing pair replays alone. */
export function seedFor(base: number, key: string): number {
  let h = base | 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

/** What is wrong with an answer, or null when it is one the contract allows. */
export function problemWith(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return `answer is not an object: ${String(result)}`;
  const r = result as ApiResult<unknown>;
  if (r.ok === true) return null;
  if (r.ok !== false) return 'answer has no ok flag';
  const code = r.error?.code;
  if (!(ERROR_CODES as readonly string[]).includes(code)) return `unknown error code ${String(code)}`;
  if (code === 'INTERNAL') return `INTERNAL: ${r.error.message}`;
  const message = r.error.message;
  if (typeof message !== 'string' || message.trim().length === 0) return `${code} without a message`;
  if (/SQLITE_|\n\s+at |TypeError|ReferenceError|undefined is not|Cannot read prop/.test(message)) return `${code} message leaks internals: ${message.slice(0, 200)}`;
  try {
    JSON.stringify(result);
  } catch (e) {
    return `answer cannot be sent as JSON: ${String(e)}`;
  }
  return null;
}

/** A short, printable form of an input for failure reports (1 MB strings and deep nesting included). */
export function preview(input: unknown): string {
  const seen = new WeakSet<object>();
  let text: string;
  try {
    text = JSON.stringify(input, (_k, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (v === undefined) return '(undefined)';
      if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 40)}…(${v.length} chars)`;
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '(seen)';
        seen.add(v);
      }
      return v;
    });
  } catch {
    text = '(deeply nested value)';
  }
  return text === undefined ? 'undefined' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Ids worth sending: this cinema's real rows (staff accounts that tests sign in with excepted). */
export function knownIds(file: string, exceptUserIds: readonly string[]): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const ids: string[] = [];
    const tables = ['sessions', 'seats', 'halls', 'films', 'distributors', 'rental_contracts', 'concession_items', 'promocodes', 'customers', 'users', 'shifts', 'orders', 'tickets', 'concession_preorders', 'price_defaults'];
    for (const table of tables) {
      try {
        ids.push(...(db.prepare(`SELECT id FROM "${table}" ORDER BY rowid LIMIT 40`).pluck().all() as string[]));
      } catch {
        // a table a future migration renames: the pool just has fewer ids
      }
    }
    return ids.filter((id) => !exceptUserIds.includes(id));
  } finally {
    db.close();
  }
}
