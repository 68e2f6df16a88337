import type { Compilable, CompiledQuery, Kysely, Transaction } from 'kysely';
import type { DB } from './tables';

type Db = Kysely<DB> | Transaction<DB>;

/** Stands for a value in the query being compiled (private-use marks around its name); never reaches SQLite. */
const SLOT = '\uE000';
const SLOT_END = '\uE001';
const WHOLE_SLOT = /^\uE000([^\uE001]+)\uE001$/;

type Parameter = { slot: string } | { value: unknown };

interface Plan {
  template: CompiledQuery;
  parameters: readonly Parameter[];
}

export interface PreparedQuery<P, O> {
  all(db: Db, values: P): Promise<O[]>;
  first(db: Db, values: P): Promise<O | undefined>;
  run(db: Db, values: P): Promise<void>;
}

/**
 * A kysely query built and compiled once, then run with new values. kysely builds and compiles
 * every query afresh — 10 to 30 µs each, more than SQLite takes to run the kept statement — and a
 * sale runs some forty; the hot ones of the counter are written with this instead.
 *
 * `build` puts each value in by its slot (`p.terminalId`). A slot must be a whole value (never a
 * part of a string) and the query's shape must not depend on the values: a list whose length
 * varies (`in (…)`, several rows) stays an ordinary kysely query.
 */
export function preparedQuery<P extends object, O>(build: (db: Db, p: P) => Compilable<O>): PreparedQuery<P, O> {
  let plan: Plan | null = null;
  const execute = async (db: Db, values: P) => {
    plan ??= planOf(db, build);
    const parameters = plan.parameters.map((p) => {
      if (!('slot' in p)) return p.value;
      const value = (values as Record<string, unknown>)[p.slot];
      if (value === undefined) throw new TypeError(`prepared query: no value for ${p.slot}`);
      return value;
    });
    return db.executeQuery<O>({ ...plan.template, parameters });
  };
  return {
    all: async (db, values) => (await execute(db, values)).rows,
    first: async (db, values) => (await execute(db, values)).rows[0],
    run: async (db, values) => {
      await execute(db, values);
    },
  };
}

/** The slot of a list's i-th item (a name no caller's slot has). */
const itemSlot = (i: number) => `[${i}]`;

/**
 * A prepared query that takes one list of values (`where('id', 'in', list)`): compiled once for
 * each length of list it meets (a sale's seats: 1 to 50), then run like preparedQuery.
 */
export function preparedListQuery<P extends object, O>(build: (db: Db, p: P, list: readonly never[]) => Compilable<O>) {
  const byLength = new Map<number, PreparedQuery<Record<string, unknown>, O>>();
  const queryFor = (length: number) => {
    let query = byLength.get(length);
    if (!query) {
      query = preparedQuery((db, p: Record<string, unknown>) => build(db, p as P, Array.from({ length }, (_, i) => p[itemSlot(i)] as never)));
      byLength.set(length, query);
    }
    return query;
  };
  const withItems = (values: P, list: readonly unknown[]) => {
    const all: Record<string, unknown> = { ...(values as Record<string, unknown>) };
    list.forEach((item, i) => (all[itemSlot(i)] = item));
    return all;
  };
  return {
    all: (db: Db, values: P, list: readonly unknown[]) => queryFor(list.length).all(db, withItems(values, list)),
    run: (db: Db, values: P, list: readonly unknown[]) => queryFor(list.length).run(db, withItems(values, list)),
  };
}

function planOf<P, O>(db: Db, build: (db: Db, p: P) => Compilable<O>): Plan {
  const slots = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? `${SLOT}${key}${SLOT_END}` : undefined) }) as P;
  const template = build(db, slots).compile();
  const parameters = template.parameters.map((value): Parameter => {
    if (typeof value !== 'string' || !value.includes(SLOT)) return { value };
    const slot = WHOLE_SLOT.exec(value)?.[1];
    if (!slot) throw new TypeError(`prepared query: a slot must be a whole value, not part of ${JSON.stringify(value.replaceAll(SLOT, '').replaceAll(SLOT_END, ''))}`);
    return { slot };
  });
  if (template.sql.includes(SLOT)) throw new TypeError('prepared query: a slot was written into the SQL text');
  return { template, parameters };
}
