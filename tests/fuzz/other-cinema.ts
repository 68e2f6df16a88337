import Database from 'better-sqlite3';
import { newId } from '../../electron/core/ids';

/** Rows of a second cinema in the same file: ids the fuzzer sends but no call may touch or use. */
export interface OtherCinema {
  /** Table → ids of the other cinema's rows. */
  rows: Record<string, string[]>;
  ids: string[];
}

type Row = Record<string, unknown>;

function clone(db: Database.Database, table: string, source: Row, overrides: Row): string {
  const row = { ...source, ...overrides };
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  return row.id as string;
}

/**
 * Copies a cinema with one hall (six seats), a session, a concession item, a promocode and a
 * customer under new ids, straight into the file (a sync pull would put them there the same way).
 */
export function addOtherCinema(file: string): OtherCinema {
  const db = new Database(file);
  try {
    const rows: Record<string, string[]> = {};
    const add = (table: string, id: string) => (rows[table] ??= []).push(id);
    db.transaction(() => {
      const cinema = db.prepare('SELECT * FROM cinemas LIMIT 1').get() as Row;
      const cinemaId = clone(db, 'cinemas', cinema, { id: newId(), name: 'Kino am anderen Ende' });
      add('cinemas', cinemaId);
      const hall = db.prepare('SELECT * FROM halls WHERE cinema_id = ? LIMIT 1').get(cinema.id) as Row;
      const hallId = clone(db, 'halls', hall, { id: newId(), cinema_id: cinemaId });
      add('halls', hallId);
      for (const seat of db.prepare('SELECT * FROM seats WHERE hall_id = ? ORDER BY rowid LIMIT 6').all(hall.id) as Row[]) {
        add('seats', clone(db, 'seats', seat, { id: newId(), hall_id: hallId }));
      }
      const session = db.prepare("SELECT * FROM sessions WHERE hall_id = ? AND status IN ('SCHEDULED', 'ON_SALE') ORDER BY starts_at DESC LIMIT 1").get(hall.id) as Row;
      add('sessions', clone(db, 'sessions', session, { id: newId(), hall_id: hallId }));
      const item = db.prepare('SELECT * FROM concession_items WHERE cinema_id = ? LIMIT 1').get(cinema.id) as Row | undefined;
      if (item) add('concession_items', clone(db, 'concession_items', item, { id: newId(), cinema_id: cinemaId }));
      const promo = db.prepare('SELECT * FROM promocodes LIMIT 1').get() as Row | undefined;
      if (promo) add('promocodes', clone(db, 'promocodes', promo, { id: newId(), cinema_id: cinemaId, code: 'OTHERCINEMA10' }));
      const customer = db.prepare('SELECT * FROM customers LIMIT 1').get() as Row | undefined;
      if (customer) add('customers', clone(db, 'customers', customer, { id: newId(), cinema_id: cinemaId, card_number: '9999000011112222' }));
    })();
    return { rows, ids: Object.values(rows).flat() };
  } finally {
    db.close();
  }
}

/**
 * Rows of this cinema that point at the other cinema's rows (e.g. a hold on its seat, a session
 * in its hall, an order line of its item): there must be none. Outbox and audit rows may name them.
 */
export function referencesTo(file: string, other: OtherCinema): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const foreign = new Set(other.ids);
    const found: string[] = [];
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    for (const table of tables) {
      if (table === 'outbox' || table === 'audit_log') continue;
      const cols = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      if (!cols.includes('id')) continue;
      for (const col of cols.filter((c) => c.endsWith('_id'))) {
        for (const r of db.prepare(`SELECT id, "${col}" AS ref FROM "${table}" WHERE "${col}" IS NOT NULL`).all() as { id: string; ref: string }[]) {
          if (foreign.has(r.ref) && !foreign.has(r.id)) found.push(`${table}.${col} of ${r.id} → ${r.ref}`);
        }
      }
    }
    return found;
  } finally {
    db.close();
  }
}
