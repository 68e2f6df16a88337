import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';

/**
 * The counter's reads stay index-only lookups whatever the history: the plans SQLite chooses for
 * the seat map's queries and the sale's (as seat-states.ts and shifts.ts write them).
 */
let f: CounterFixture;
let sqlite: Database.Database;
beforeAll(async () => {
  f = await startCounter();
  sqlite = new Database(f.t.core.databaseFile, { readonly: true });
});
afterAll(async () => {
  sqlite.close();
  await f.close();
});
const plan = (query: string) =>
  (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...Array.from({ length: (query.match(/\?/g) ?? []).length }, () => 'x')) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('query plans of the counter', () => {
  it('reads the hall in map order from one covering index (no table lookups, no sort)', () => {
    expect(plan(`select "id", "row_label", "number", "grid_x", "grid_y", "kind", "active" from "seats" where "hall_id" = ? order by "grid_y", "grid_x"`)).toBe(
      'SEARCH seats USING COVERING INDEX idx_seats_hall_map (hall_id=?)',
    );
  });

  it("reads a session's sold seats from the partial unique index only", () => {
    expect(plan(`select "seat_id" from "tickets" where "session_id" = ? and "status" = 'SOLD'`)).toBe(
      'SEARCH tickets USING COVERING INDEX uq_tickets_session_id_seat_id (session_id=?)',
    );
  });

  it('looks chosen seats up by id, and their sold tickets and holds by (session, seat)', () => {
    expect(plan(`select "id" from "seats" where +"hall_id" = ? and "id" in (?, ?, ?, ?) order by "grid_y", "grid_x"`)).toMatch(/^SEARCH seats USING INDEX sqlite_autoindex_seats_1 \(id=\?\)/);
    expect(plan(`select "seat_id" from "tickets" where "session_id" = ? and "status" = 'SOLD' and "seat_id" in (?, ?)`)).toBe(
      'SEARCH tickets USING COVERING INDEX uq_tickets_session_id_seat_id (session_id=? AND seat_id=?)',
    );
    expect(plan(`select "seat_id" from "seat_holds" where "session_id" = ? and "expires_at" > ? and "seat_id" in (?, ?)`)).toMatch(
      /^SEARCH seat_holds USING INDEX uq_seat_holds_session_id_seat_id \(session_id=\? AND seat_id=\?\)/,
    );
  });

  it("finds the terminal's open shift by the partial unique index, not among every shift it ever had", () => {
    expect(plan(`select "s".* from "shifts" as "s" inner join "users" as "u" on "u"."id" = "s"."cashier_id" where "s"."terminal_id" = ? and "s"."status" = 'OPEN'`)).toMatch(
      /^SEARCH s USING INDEX uq_shifts_terminal_id \(terminal_id=\?\)/,
    );
  });
});
