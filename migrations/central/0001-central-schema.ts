import { sql, type Kysely } from 'kysely';

/**
 * The central PostgreSQL: every cinema's synced rows, a change log pulled by a gap-free cursor,
 * conflicts, central seat holds, and the SECURITY DEFINER functions that are the only thing a
 * terminal's login role may touch.
 *
 * Synced tables mirror the terminal's SQLite tables column for column (ids and instants as text
 * exactly as the terminals write them, so a row round-trips byte for byte; money and counts as
 * bigint minor units) plus two central columns: `scope_cinema_id` (the cinema whose terminals
 * see the row; NULL = the shared catalogue) and `deleted` (a tombstone: a deleted row keeps its
 * last HLC so a late, older write cannot bring it back).
 *
 * Pull order: each change_log row records the writing transaction's id (`pg_current_xact_id()`).
 * A pull returns only changes of transactions older than the oldest one still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`), ordered by (xid, seq). Every transaction below
 * that horizon has finished, and every later one gets a larger xid, so a cursor (xid, seq) can
 * never step over a change that commits late.
 */

/** Column definitions per synced table (as the local schema 0001 has them). */
const TABLES: Record<string, string[]> = {
  cinemas: ['id text PRIMARY KEY', 'name text NOT NULL', 'address text NOT NULL', 'timezone text NOT NULL', 'currency text NOT NULL', 'ticket_vat_bp bigint NOT NULL', 'business_day_start text NOT NULL', 'week_start_day bigint NOT NULL', 'sales_close_minutes bigint NOT NULL', 'hold_minutes bigint NOT NULL', 'bonus_accrual_bp bigint NOT NULL', 'bonus_max_share_bp bigint NOT NULL', 'hold_wheelchair_until_full bigint NOT NULL', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  halls: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'name text NOT NULL', 'type text NOT NULL', 'cleaning_minutes bigint NOT NULL', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  seats: ['id text PRIMARY KEY', 'hall_id text NOT NULL', 'row_label text NOT NULL', 'number bigint NOT NULL', 'grid_x bigint NOT NULL', 'grid_y bigint NOT NULL', 'kind text NOT NULL', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  terminals: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'name text NOT NULL', 'public_key text NOT NULL', 'revoked_at text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  users: ['id text PRIMARY KEY', 'username text NOT NULL', 'display_name text NOT NULL', 'role text NOT NULL', 'password_hash text NOT NULL', 'pin_hash text', 'cinema_id text', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  distributors: ['id text PRIMARY KEY', 'legal_name text NOT NULL', 'tax_id text', 'contact_name text', 'email text', 'phone text', 'address text', 'bank_name text', 'bank_account text', 'bank_code text', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  films: ['id text PRIMARY KEY', 'title text NOT NULL', 'duration_minutes bigint NOT NULL', 'age_rating text NOT NULL', 'genres text NOT NULL', 'release_date text', 'distributor_id text', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  rental_contracts: ['id text PRIMARY KEY', 'film_id text NOT NULL', 'distributor_id text NOT NULL', 'cinema_id text NOT NULL', 'start_date text NOT NULL', 'end_date text NOT NULL', 'deal_type text NOT NULL', 'minimum_guarantee bigint', 'house_allowance bigint', 'status text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  contract_splits: ['id text PRIMARY KEY', 'contract_id text NOT NULL', 'week_number bigint NOT NULL', 'percent_bp bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  contract_week_overrides: ['id text PRIMARY KEY', 'contract_id text NOT NULL', 'week_number bigint NOT NULL', 'percent_bp bigint NOT NULL', 'reason text NOT NULL', 'user_id text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  payment_history: ['id text PRIMARY KEY', 'contract_id text NOT NULL', 'kind text NOT NULL', 'week_number bigint', 'week_start_date text', 'week_end_date text', 'percent_bp bigint', 'gross bigint', 'discounts bigint', 'net bigint', 'amount_due bigint NOT NULL', 'amount_paid bigint NOT NULL', 'paid_at text', 'method text', 'reference text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  sessions: ['id text PRIMARY KEY', 'film_id text NOT NULL', 'hall_id text NOT NULL', 'starts_at text NOT NULL', 'ends_at text NOT NULL', 'ads_minutes bigint NOT NULL', 'base_price bigint NOT NULL', 'format text NOT NULL', 'language text NOT NULL', 'subtitles text', 'status text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  price_defaults: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'hall_type text NOT NULL', 'weekday_mask bigint NOT NULL', 'band_start text NOT NULL', 'band_end text NOT NULL', 'base_price bigint NOT NULL', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  price_factors: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'dimension text NOT NULL', 'key text NOT NULL', 'factor_bp bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  customers: ['id text PRIMARY KEY', 'name text NOT NULL', 'phone text', 'email text', 'card_number text', 'cinema_id text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  bonus_accounts: ['id text PRIMARY KEY', 'customer_id text NOT NULL', 'card_number text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  promocodes: ['id text PRIMARY KEY', 'cinema_id text', 'code text NOT NULL', 'kind text NOT NULL', 'value bigint NOT NULL', 'valid_from text', 'valid_to text', 'max_uses bigint', 'per_customer_limit bigint', 'min_order bigint NOT NULL', 'applies_to text NOT NULL', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  promocode_films: ['id text PRIMARY KEY', 'promocode_id text NOT NULL', 'film_id text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  concession_items: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'name text NOT NULL', 'category text NOT NULL', 'price bigint NOT NULL', 'vat_bp bigint NOT NULL', 'stock bigint', 'active bigint NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  shifts: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'terminal_id text NOT NULL', 'cashier_id text NOT NULL', 'opened_at text NOT NULL', 'opening_float bigint NOT NULL', 'closed_at text', 'counted_cash bigint', 'expected_cash bigint', 'difference bigint', 'status text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  orders: ['id text PRIMARY KEY', 'number text NOT NULL', 'cinema_id text NOT NULL', 'terminal_id text NOT NULL', 'cashier_id text NOT NULL', 'shift_id text NOT NULL', 'customer_id text', 'promocode_id text', 'subtotal bigint NOT NULL', 'discount bigint NOT NULL', 'total bigint NOT NULL', 'bonus_redeemed bigint NOT NULL', 'bonus_earned bigint NOT NULL', 'status text NOT NULL', 'paid_at text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  bonus_transactions: ['id text PRIMARY KEY', 'account_id text NOT NULL', 'kind text NOT NULL', 'amount bigint NOT NULL', 'order_id text', 'note text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  concession_preorders: ['id text PRIMARY KEY', 'order_id text NOT NULL', 'cinema_id text NOT NULL', 'session_id text', 'pickup_code text NOT NULL', 'status text NOT NULL', 'ready_at text', 'picked_up_at text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  order_concession_lines: ['id text PRIMARY KEY', 'order_id text NOT NULL', 'item_id text NOT NULL', 'quantity bigint NOT NULL', 'unit_price bigint NOT NULL', 'discount bigint NOT NULL', 'total bigint NOT NULL', 'vat_bp bigint NOT NULL', 'refunded_quantity bigint NOT NULL', 'preorder_id text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  tickets: ['id text PRIMARY KEY', 'session_id text NOT NULL', 'seat_id text NOT NULL', 'order_id text NOT NULL', 'ticket_type text NOT NULL', 'price bigint NOT NULL', 'discount bigint NOT NULL', 'status text NOT NULL', 'qr_payload text NOT NULL', 'sold_by text NOT NULL', 'terminal_id text NOT NULL', 'sold_at text NOT NULL', 'scanned_at text', 'scanned_by text', 'scanned_terminal_id text', 'exchanged_to_ticket_id text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  ticket_revocations: ['id text PRIMARY KEY', 'ticket_id text NOT NULL', 'reason text NOT NULL', 'revoked_at text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  ticket_scans: ['id text PRIMARY KEY', 'ticket_id text', 'session_id text NOT NULL', 'result text NOT NULL', 'scanned_at text NOT NULL', 'user_id text NOT NULL', 'terminal_id text NOT NULL', 'payload text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  payments: ['id text PRIMARY KEY', 'order_id text NOT NULL', 'shift_id text NOT NULL', 'method text NOT NULL', 'kind text NOT NULL', 'amount bigint NOT NULL', 'cash_tendered bigint', 'change_given bigint', 'card_approval_code text', 'card_last4 text', 'refunds_payment_id text', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  reports: ['id text PRIMARY KEY', 'cinema_id text NOT NULL', 'kind text NOT NULL', 'parameters text NOT NULL', 'format text NOT NULL', 'file_path text NOT NULL', 'generated_at text NOT NULL', 'generated_by text NOT NULL', 'created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
  audit_log: ['id text PRIMARY KEY', 'at text NOT NULL', 'user_id text', 'override_user_id text', 'terminal_id text NOT NULL', 'action text NOT NULL', 'entity text NOT NULL', 'entity_id text', 'details text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL'],
};

/** Shared by every cinema: no scope. */
const SHARED_TABLES = ['films', 'distributors'];
/** Facts: written once where they happen, never updated; a replayed insert is ignored. */
const INSERT_ONCE_TABLES = ['payments', 'bonus_transactions', 'audit_log', 'ticket_scans', 'ticket_revocations'];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const STATEMENTS: string[] = [
  // Nobody but the owner sees anything unless granted below.
  `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
  `DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$`,
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'box_office_terminal') THEN CREATE ROLE box_office_terminal NOLOGIN; END IF;
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'box_office_admin') THEN CREATE ROLE box_office_admin NOLOGIN; END IF;
   END $$`,

  // Registered terminals: the login role a terminal connects as → its terminal id and cinema.
  `CREATE TABLE sync_terminals (
     role_name text PRIMARY KEY,
     terminal_id text NOT NULL UNIQUE,
     cinema_id text NOT NULL,
     name text NOT NULL DEFAULT '',
     public_key text,
     registered_at timestamptz NOT NULL DEFAULT now(),
     revoked_at timestamptz
   )`,

  ...Object.entries(TABLES).map(
    ([t, cols]) => `CREATE TABLE ${t} (
     ${cols.join(',\n     ')},
     scope_cinema_id text,
     deleted boolean NOT NULL DEFAULT false
   )`,
  ),
  ...Object.keys(TABLES).map((t) => `CREATE INDEX idx_${t}_scope ON ${t} (scope_cinema_id)`),
  // Rule: one live ticket per seat and session — centrally too. A second sale becomes a conflict.
  `CREATE UNIQUE INDEX uq_tickets_live_seat ON tickets (session_id, seat_id) WHERE status = 'SOLD' AND NOT deleted`,
  `CREATE INDEX idx_bonus_transactions_account ON bonus_transactions (account_id)`,
  `CREATE INDEX idx_orders_promocode ON orders (promocode_id) WHERE promocode_id IS NOT NULL`,
  `ALTER TABLE tickets ADD CONSTRAINT ck_tickets_status CHECK (status IN ('SOLD', 'REFUNDED', 'EXCHANGED'))`,
  `ALTER TABLE tickets ADD CONSTRAINT ck_tickets_money CHECK (price >= 0 AND discount >= 0 AND discount <= price)`,
  `ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total = subtotal - discount)`,
  `ALTER TABLE payments ADD CONSTRAINT ck_payments_amount CHECK (amount > 0)`,

  // The change log every pull reads.
  `CREATE TABLE change_log (
     seq bigint GENERATED ALWAYS AS IDENTITY,
     xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
     table_name text NOT NULL,
     row_id text NOT NULL,
     scope_cinema_id text,
     origin text NOT NULL,
     deleted boolean NOT NULL DEFAULT false,
     updated_at text NOT NULL,
     data jsonb NOT NULL,
     PRIMARY KEY (xid, seq)
   )`,

  // What the central database could not take as it came: both sides are kept, a manager decides.
  `CREATE TABLE sync_conflicts (
     id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
     cinema_id text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('DOUBLE_SALE', 'BONUS_OVERDRAWN', 'PROMOCODE_OVER_LIMIT')),
     subject_id text NOT NULL,
     details jsonb NOT NULL,
     detected_at timestamptz NOT NULL DEFAULT now(),
     detected_terminal_id text NOT NULL,
     resolved_at timestamptz,
     resolution text,
     resolved_terminal_id text
   )`,
  `CREATE UNIQUE INDEX uq_sync_conflicts_open ON sync_conflicts (kind, subject_id) WHERE resolved_at IS NULL`,

  // Central seat holds (rule 4, online): one terminal at a time per seat and session.
  `CREATE TABLE central_holds (
     session_id text NOT NULL,
     seat_id text NOT NULL,
     cinema_id text NOT NULL,
     terminal_id text NOT NULL,
     expires_at timestamptz NOT NULL,
     PRIMARY KEY (session_id, seat_id)
   )`,

  // ---- functions ---------------------------------------------------------------------------
  // The calling terminal, from the login role (session_user: SECURITY DEFINER changes only current_user).
  `CREATE FUNCTION sync_me() RETURNS sync_terminals LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals;
   BEGIN
     SELECT * INTO me FROM sync_terminals WHERE role_name = session_user AND revoked_at IS NULL;
     IF NOT FOUND THEN RAISE EXCEPTION 'login % is not a registered terminal', session_user USING ERRCODE = '42501'; END IF;
     RETURN me;
   END $$`,

  `CREATE FUNCTION sync_whoami() RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me();
   BEGIN
     RETURN jsonb_build_object('terminal_id', me.terminal_id, 'cinema_id', me.cinema_id, 'name', me.name);
   END $$`,

  `CREATE FUNCTION sync_log_conflict(c sync_conflicts) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
     INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
     VALUES ('sync_conflicts', c.id, c.cinema_id, 'central', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_jsonb(c))
   $$`,

  `CREATE FUNCTION sync_open_conflict(me sync_terminals, k text, subject text, info jsonb) RETURNS int
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE c sync_conflicts;
   BEGIN
     INSERT INTO sync_conflicts (cinema_id, kind, subject_id, details, detected_terminal_id)
     VALUES (me.cinema_id, k, subject, info, me.terminal_id)
     ON CONFLICT (kind, subject_id) WHERE resolved_at IS NULL DO NOTHING
     RETURNING * INTO c;
     IF c.id IS NULL THEN RETURN 0; END IF;
     PERFORM sync_log_conflict(c);
     RETURN 1;
   END $$`,

  // Applies rows of one table (LWW by updated_at; insert-once for facts) and logs what changed.
  `CREATE FUNCTION sync_apply_rows(tbl text, items jsonb, scope text, insert_once boolean) RETURNS bigint
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE setlist text; n bigint;
   BEGIN
     SELECT string_agg(format('%I = excluded.%I', a.attname, a.attname), ', ') INTO setlist
       FROM pg_attribute a WHERE a.attrelid = tbl::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'id';
     EXECUTE format($q$
       WITH incoming AS (
         SELECT DISTINCT ON (r.id) r.* FROM jsonb_array_elements($1) e,
           LATERAL jsonb_populate_record(NULL::%1$I, (e->'row') || jsonb_build_object('scope_cinema_id', $2::text, 'deleted', false)) r
         ORDER BY r.id, r.updated_at DESC
       ), up AS (
         INSERT INTO %1$I AS cur SELECT * FROM incoming
         ON CONFLICT (id) DO %2$s
         RETURNING cur.*
       )
       INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
       SELECT %1$L, up.id, up.scope_cinema_id, up.origin, up.updated_at, to_jsonb(up) - 'scope_cinema_id' - 'deleted' FROM up
     $q$, tbl, CASE WHEN insert_once THEN 'NOTHING' ELSE 'UPDATE SET ' || setlist || ' WHERE cur.updated_at < excluded.updated_at' END)
     USING items, scope;
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`,

  // Tombstones: mark deleted when the delete is newer than what the centre has.
  `CREATE FUNCTION sync_apply_deletes(tbl text, items jsonb) RETURNS bigint
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n bigint;
   BEGIN
     EXECUTE format($q$
       WITH gone AS (
         UPDATE %1$I AS cur SET deleted = true, updated_at = e->>'hlc', origin = e->>'origin'
         FROM jsonb_array_elements($1) e
         WHERE cur.id = e->>'id' AND cur.updated_at < e->>'hlc'
         RETURNING cur.id, cur.scope_cinema_id, cur.origin, cur.updated_at
       )
       INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, deleted, updated_at, data)
       SELECT %1$L, id, scope_cinema_id, origin, true, updated_at, jsonb_build_object('id', id, 'updated_at', updated_at, 'origin', origin) FROM gone
     $q$, tbl) USING items;
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`,

  /*
   * A batch from one terminal: [{ "t": table, "op": "UPSERT" | "DELETE", "id": …, "hlc": …, "origin": …, "row": {…} }].
   * Refused as a whole (nothing written) when a row names another cinema or another terminal as
   * its origin. Idempotent: rows whose HLC the centre already has change nothing.
   */
  `CREATE FUNCTION sync_push(batch jsonb) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE
     me sync_terminals := sync_me();
     tables text[] := ARRAY[${list(Object.keys(TABLES))}];
     shared text[] := ARRAY[${list(SHARED_TABLES)}];
     once text[] := ARRAY[${list(INSERT_ONCE_TABLES)}];
     tbl text; items jsonb; item jsonb; scope text; bad text;
     applied bigint := 0; deleted_n bigint := 0; conflicts int := 0; k bigint;
   BEGIN
     IF jsonb_typeof(batch) IS DISTINCT FROM 'array' THEN RAISE EXCEPTION 'a push batch must be a JSON array' USING ERRCODE = '22023'; END IF;
     SELECT e->>'t' INTO bad FROM jsonb_array_elements(batch) e WHERE NOT (e->>'t' = ANY (tables)) OR e->>'t' IS NULL LIMIT 1;
     IF FOUND THEN RAISE EXCEPTION 'unknown table %', coalesce(bad, '(none)') USING ERRCODE = '22023'; END IF;
     -- Origin: a terminal pushes only its own writes.
     SELECT e->>'id' INTO bad FROM jsonb_array_elements(batch) e
       WHERE coalesce(e->'row'->>'origin', e->>'origin') IS DISTINCT FROM me.terminal_id LIMIT 1;
     IF FOUND THEN RAISE EXCEPTION 'row % has an origin other than terminal %', bad, me.terminal_id USING ERRCODE = '42501'; END IF;
     -- Cinema: rows that name a cinema must name this terminal's.
     SELECT e->>'id' INTO bad FROM jsonb_array_elements(batch) e
       WHERE e->>'op' = 'UPSERT' AND (
         (e->>'t' = 'cinemas' AND e->'row'->>'id' IS DISTINCT FROM me.cinema_id)
         OR (e->'row'->>'cinema_id' IS NOT NULL AND e->'row'->>'cinema_id' <> me.cinema_id)) LIMIT 1;
     IF FOUND THEN RAISE EXCEPTION 'row % belongs to another cinema', bad USING ERRCODE = '42501'; END IF;

     FOREACH tbl IN ARRAY tables LOOP
       scope := CASE WHEN tbl = ANY (shared) THEN NULL ELSE me.cinema_id END;
       SELECT jsonb_agg(e) INTO items FROM jsonb_array_elements(batch) e WHERE e->>'t' = tbl AND e->>'op' = 'UPSERT';
       IF items IS NOT NULL THEN
         -- An id the centre already keeps for another cinema is not this terminal's to write.
         EXECUTE format('SELECT cur.id FROM %I cur JOIN jsonb_array_elements($1) e ON cur.id = e->''row''->>''id''
                         WHERE cur.scope_cinema_id IS DISTINCT FROM $2 LIMIT 1', tbl) INTO bad USING items, scope;
         IF bad IS NOT NULL THEN RAISE EXCEPTION 'row % of % belongs to another cinema', bad, tbl USING ERRCODE = '42501'; END IF;
         IF tbl = 'tickets' THEN
           BEGIN
             applied := applied + sync_apply_rows(tbl, items, scope, false);
           EXCEPTION WHEN unique_violation THEN
             -- Some seat is already sold centrally: one ticket at a time, the clashing ones become conflicts.
             FOR item IN SELECT value FROM jsonb_array_elements(items) LOOP
               BEGIN
                 applied := applied + sync_apply_rows(tbl, jsonb_build_array(item), scope, false);
               EXCEPTION WHEN unique_violation THEN
                 conflicts := conflicts + sync_open_conflict(me, 'DOUBLE_SALE', item->'row'->>'id', jsonb_build_object(
                   'session_id', item->'row'->>'session_id', 'seat_id', item->'row'->>'seat_id',
                   'kept_ticket_id', (SELECT t.id FROM tickets t WHERE t.session_id = item->'row'->>'session_id'
                                        AND t.seat_id = item->'row'->>'seat_id' AND t.status = 'SOLD' AND NOT t.deleted),
                   'ticket', item->'row'));
               END;
             END LOOP;
           END;
           -- A ticket that now lands (re-seated or refunded) closes its double-sale conflict.
           FOR item IN
             UPDATE sync_conflicts c SET resolved_at = now(), resolution = coalesce(c.resolution, 'SETTLED'), resolved_terminal_id = coalesce(c.resolved_terminal_id, me.terminal_id)
             FROM tickets t
             WHERE c.kind = 'DOUBLE_SALE' AND c.resolved_at IS NULL AND c.subject_id = t.id
               AND t.id IN (SELECT value->'row'->>'id' FROM jsonb_array_elements(items))
               AND t.updated_at = (SELECT value->'row'->>'updated_at' FROM jsonb_array_elements(items) WHERE value->'row'->>'id' = t.id LIMIT 1)
             RETURNING to_jsonb(c.*)
           LOOP
             PERFORM sync_log_conflict(jsonb_populate_record(NULL::sync_conflicts, item));
           END LOOP;
         ELSE
           applied := applied + sync_apply_rows(tbl, items, scope, tbl = ANY (once));
         END IF;
       END IF;
       SELECT jsonb_agg(e) INTO items FROM jsonb_array_elements(batch) e WHERE e->>'t' = tbl AND e->>'op' = 'DELETE';
       IF items IS NOT NULL THEN
         IF tbl = ANY (once) THEN RAISE EXCEPTION '% rows are never deleted', tbl USING ERRCODE = '42501'; END IF;
         deleted_n := deleted_n + sync_apply_deletes(tbl, items);
       END IF;
     END LOOP;

     -- Offline sales may overdraw a bonus account or use a promocode beyond its limit: report them.
     FOR item IN
       SELECT jsonb_build_object('account_id', b.account_id, 'balance', sum(b.amount)) FROM bonus_transactions b
       WHERE b.account_id IN (SELECT e->'row'->>'account_id' FROM jsonb_array_elements(batch) e WHERE e->>'t' = 'bonus_transactions')
         AND NOT b.deleted GROUP BY b.account_id HAVING sum(b.amount) < 0
     LOOP
       conflicts := conflicts + sync_open_conflict(me, 'BONUS_OVERDRAWN', item->>'account_id', item);
     END LOOP;
     FOR item IN
       SELECT jsonb_build_object('promocode_id', p.id, 'code', p.code, 'max_uses', p.max_uses, 'uses', count(o.id)) FROM promocodes p
       JOIN orders o ON o.promocode_id = p.id AND o.status IN ('PAID', 'PARTIALLY_REFUNDED') AND NOT o.deleted
       WHERE p.max_uses IS NOT NULL
         AND p.id IN (SELECT e->'row'->>'promocode_id' FROM jsonb_array_elements(batch) e WHERE e->>'t' = 'orders')
       GROUP BY p.id, p.code, p.max_uses HAVING count(o.id) > p.max_uses
     LOOP
       conflicts := conflicts + sync_open_conflict(me, 'PROMOCODE_OVER_LIMIT', item->>'promocode_id', item);
     END LOOP;

     RETURN jsonb_build_object('applied', applied, 'deleted', deleted_n, 'conflicts', conflicts);
   END $$`,

  /*
   * Changes after the cursor that this terminal may see (its cinema, the shared catalogue, its
   * cinema's conflicts), never its own writes, in commit-safe order. When the page is not full,
   * 'next' jumps to the horizon, so rows of other cinemas are not scanned again.
   */
  `CREATE FUNCTION sync_pull(after_xid text, after_seq bigint, max_rows integer) RETURNS jsonb
   LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE
     me sync_terminals := sync_me();
     horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
     changes jsonb; last_xid xid8; last_seq bigint; n int;
   BEGIN
     IF max_rows IS NULL OR max_rows < 1 OR max_rows > 10000 THEN RAISE EXCEPTION 'max_rows must be 1..10000' USING ERRCODE = '22023'; END IF;
     WITH page AS (
       SELECT c.* FROM change_log c
       WHERE (c.xid, c.seq) > (coalesce(after_xid, '0')::xid8, coalesce(after_seq, 0))
         AND c.xid < horizon
         AND (c.scope_cinema_id IS NULL OR c.scope_cinema_id = me.cinema_id)
         AND c.origin <> me.terminal_id
       ORDER BY c.xid, c.seq
       LIMIT max_rows
     )
     SELECT jsonb_agg(jsonb_build_object('t', table_name, 'id', row_id, 'deleted', deleted, 'hlc', updated_at, 'row', data) ORDER BY xid, seq),
            max(xid), (array_agg(seq ORDER BY xid DESC, seq DESC))[1], count(*)
       INTO changes, last_xid, last_seq, n FROM page;
     IF n < max_rows THEN
       RETURN jsonb_build_object('changes', coalesce(changes, '[]'::jsonb), 'next', jsonb_build_object('xid', horizon::text, 'seq', 0), 'more', false);
     END IF;
     RETURN jsonb_build_object('changes', changes, 'next', jsonb_build_object('xid', last_xid::text, 'seq', last_seq), 'more', true);
   END $$`,

  // Central seat holds: all seats or none; refused while another terminal holds one or it is sold.
  // The expiry is counted on the central clock (terminals' clocks may disagree with each other).
  `CREATE FUNCTION sync_hold_seats(p_session_id text, p_seat_ids text[], p_hold_seconds integer) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); taken text[];
   BEGIN
     PERFORM pg_advisory_xact_lock(hashtext(p_session_id));
     SELECT array_agg(s) INTO taken FROM unnest(p_seat_ids) s
      WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.session_id = p_session_id AND t.seat_id = s AND t.status = 'SOLD' AND NOT t.deleted)
         OR EXISTS (SELECT 1 FROM central_holds h WHERE h.session_id = p_session_id AND h.seat_id = s AND h.terminal_id <> me.terminal_id AND h.expires_at > now());
     IF taken IS NOT NULL THEN RETURN jsonb_build_object('ok', false, 'taken', to_jsonb(taken)); END IF;
     IF p_hold_seconds IS NULL OR p_hold_seconds < 1 OR p_hold_seconds > 3600 THEN RAISE EXCEPTION 'a hold lasts 1 to 3600 seconds' USING ERRCODE = '22023'; END IF;
     INSERT INTO central_holds (session_id, seat_id, cinema_id, terminal_id, expires_at)
       SELECT p_session_id, s, me.cinema_id, me.terminal_id, now() + make_interval(secs => p_hold_seconds) FROM unnest(p_seat_ids) s
       ON CONFLICT (session_id, seat_id) DO UPDATE SET terminal_id = excluded.terminal_id, cinema_id = excluded.cinema_id, expires_at = excluded.expires_at;
     RETURN jsonb_build_object('ok', true, 'taken', '[]'::jsonb);
   END $$`,

  `CREATE FUNCTION sync_release_seats(p_session_id text, p_seat_ids text[]) RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); n integer;
   BEGIN
     DELETE FROM central_holds WHERE session_id = p_session_id AND seat_id = ANY (p_seat_ids) AND terminal_id = me.terminal_id;
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`,

  // A manager's decision on a conflict of this cinema (the fix itself travels as ordinary rows).
  `CREATE FUNCTION sync_resolve_conflict(p_conflict_id text, p_resolution text) RETURNS boolean
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); c sync_conflicts;
   BEGIN
     UPDATE sync_conflicts SET resolved_at = now(), resolution = p_resolution, resolved_terminal_id = me.terminal_id
      WHERE id = p_conflict_id AND cinema_id = me.cinema_id AND resolved_at IS NULL RETURNING * INTO c;
     IF c.id IS NULL THEN RETURN false; END IF;
     PERFORM sync_log_conflict(c);
     RETURN true;
   END $$`,

  // Least privilege: terminals may call the sync functions and nothing else.
  `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC`,
  `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC`,
  `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC`,
  `GRANT USAGE ON SCHEMA public TO box_office_terminal, box_office_admin`,
  `GRANT EXECUTE ON FUNCTION sync_whoami(), sync_push(jsonb), sync_pull(text, bigint, integer),
     sync_hold_seats(text, text[], integer), sync_release_seats(text, text[]), sync_resolve_conflict(text, text)
   TO box_office_terminal`,
  // Central admins read everything (reports across cinemas) but write only through the CLI.
  `GRANT SELECT ON ALL TABLES IN SCHEMA public TO box_office_admin`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const fn of ['sync_push(jsonb)', 'sync_pull(text, bigint, integer)', 'sync_hold_seats(text, text[], integer)', 'sync_release_seats(text, text[])',
    'sync_resolve_conflict(text, text)', 'sync_apply_rows(text, jsonb, text, boolean)', 'sync_apply_deletes(text, jsonb)',
    'sync_open_conflict(sync_terminals, text, text, jsonb)', 'sync_log_conflict(sync_conflicts)', 'sync_whoami()', 'sync_me()']) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${fn}`).execute(db);
  }
  for (const t of ['central_holds', 'sync_conflicts', 'change_log', ...Object.keys(TABLES).reverse(), 'sync_terminals']) {
    await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
  }
}
