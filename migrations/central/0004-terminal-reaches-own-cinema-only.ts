import { sql, type Kysely } from 'kysely';

/**
 * A terminal reaches only its own cinema (issue 11). Every cinema's terminals are untrusted by
 * every other cinema, so the sync functions check everything a terminal names:
 *
 * - **Synced tables and their references are data** (`sync_tables`, `sync_references`): every
 *   foreign key of every pushed row must name a row the centre keeps for the pusher's cinema, or a
 *   row of the shared catalogue (films, distributors). Checked set-based: per reference one index
 *   scan for the group's distinct parent ids (`sync_apply_rowset`); an offender refuses the whole
 *   batch, naming table, id and column. A table added later (issues 13, 14, …) adds its row to
 *   `sync_tables` and one row per foreign key to `sync_references` — nothing else to remember.
 *   Why not PostgreSQL foreign keys over (id, scope_cinema_id): each would take a row lock on the
 *   parent per pushed row (RI triggers, FOR KEY SHARE) and a second unique index on every parent;
 *   central rows are never physically deleted (tombstones) and their scope never changes, so a
 *   set-based check at push time cannot be invalidated afterwards.
 * - **Clocks**: an `updated_at` (or a delete's HLC) more than `MAX_CLOCK_AHEAD_MS` ahead of the
 *   centre's clock refuses the batch (every table). A far-future HLC would win every later edit.
 * - **A pushed row that loses last-writer-wins comes back**: the centre's newer version is
 *   written to the change log again (its origin is the winner), so the pusher pulls it and
 *   converges; a lost delete brings the row back the same way.
 * - **Shared rows** (films, distributors) used by another cinema's rows cannot be deleted.
 * - **Holds**: only sessions and seats of the caller's cinema (seat in the session's hall), at
 *   most `MAX_HOLD_SEATS` per call; the answer names only seats the caller asked for. The lock is
 *   a row lock on the central session (an advisory lock could be taken by any login).
 * - **A seat held centrally** by another terminal (a sale confirmed online, central-holds.ts) is
 *   theirs: a new ticket for it pushed meanwhile by an offline seller becomes the DOUBLE_SALE.
 * - **Conflicts** stay in their cinema (a double sale's kept ticket is named only when it is the
 *   same cinema's; a landing ticket closes only its own cinema's conflicts).
 * - **Size limits**: a push carries at most `MAX_PUSH_ROWS` rows and `MAX_PUSH_BYTES` bytes.
 * - **Terminal login roles**: `statement_timeout`, `idle_in_transaction_session_timeout` and a
 *   connection limit (`sync_limit_terminal_role`, also run by `register-terminal`); and because a
 *   login may SET those itself, every pull ends terminal transactions that hold the pull horizon
 *   longer than `MAX_TERMINAL_XACT_SECONDS` (`sync_end_stalled_terminals`). A pull also returns
 *   the centre's newest transaction id, so a terminal sees when the horizon is held back.
 * - **Writes outside the sync functions**, revoked from PUBLIC in this database (needs a
 *   superuser; `central migrate` says so first when the owner is not one):
 *   the large-object functions (lo_create, lo_creat, lo_from_bytea, lo_import, lo_export, lo_open,
 *   lo_put, lo_truncate, lo_truncate64, lo_unlink, lowrite, lo_lseek, lo_lseek64, lo_tell, lo_tell64,
 *   loread, lo_get, lo_close, …: every pg_catalog function named lo_*, lowrite, loread). Holds no
 *   longer use advisory locks (any login can take those), so one cannot block them. Schema CREATE
 *   and TEMP were revoked by 0001; CONNECT/TEMP on the cluster's other databases is the DBA's (README).
 * - **Reporting login** (`box_office_admin`): no longer reads tables; reads views in schema
 *   `reports` without secrets (no password or PIN hashes, no change log, no login roles).
 */

/** How far a pushed HLC may be ahead of the centre's clock. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;
/** Rows per push call, and its size in bytes (as the centre holds it, pg_column_size of the jsonb). */
export const MAX_PUSH_ROWS = 5000;
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;
/** Seats per hold or release call. */
export const MAX_HOLD_SEATS = 100;
/** Terminal login roles: one statement, an idle open transaction, connections. */
export const TERMINAL_STATEMENT_TIMEOUT = '20s';
export const TERMINAL_IDLE_IN_TRANSACTION_TIMEOUT = '10s';
export const TERMINAL_CONNECTION_LIMIT = 4;
/** A terminal transaction holding the pull horizon longer than this is ended by the next pull. */
export const MAX_TERMINAL_XACT_SECONDS = 25;

/** The synced tables in push order (parents first), as 0001 made them. */
const TABLES: { name: string; shared?: true; insertOnce?: true }[] = [
  { name: 'cinemas' }, { name: 'halls' }, { name: 'seats' }, { name: 'terminals' }, { name: 'users' },
  { name: 'distributors', shared: true }, { name: 'films', shared: true }, { name: 'rental_contracts' }, { name: 'contract_splits' },
  { name: 'contract_week_overrides' }, { name: 'payment_history' }, { name: 'sessions' }, { name: 'price_defaults' }, { name: 'price_factors' },
  { name: 'customers' }, { name: 'bonus_accounts' }, { name: 'promocodes' }, { name: 'promocode_films' }, { name: 'concession_items' },
  { name: 'shifts' }, { name: 'orders' }, { name: 'bonus_transactions', insertOnce: true }, { name: 'concession_preorders' },
  { name: 'order_concession_lines' }, { name: 'tickets' }, { name: 'ticket_revocations', insertOnce: true }, { name: 'ticket_scans', insertOnce: true },
  { name: 'payments', insertOnce: true }, { name: 'reports' }, { name: 'audit_log', insertOnce: true },
];

/**
 * Every foreign key of the synced tables (the terminal's schema, local 0001) but `cinema_id`
 * columns, which the push already requires to be the pusher's cinema.
 */
const REFERENCES: [table: string, column: string, parent: string][] = [
  ['seats', 'hall_id', 'halls'],
  ['films', 'distributor_id', 'distributors'],
  ['rental_contracts', 'film_id', 'films'], ['rental_contracts', 'distributor_id', 'distributors'],
  ['contract_splits', 'contract_id', 'rental_contracts'],
  ['contract_week_overrides', 'contract_id', 'rental_contracts'], ['contract_week_overrides', 'user_id', 'users'],
  ['payment_history', 'contract_id', 'rental_contracts'],
  ['sessions', 'film_id', 'films'], ['sessions', 'hall_id', 'halls'],
  ['bonus_accounts', 'customer_id', 'customers'],
  ['promocode_films', 'promocode_id', 'promocodes'], ['promocode_films', 'film_id', 'films'],
  ['shifts', 'terminal_id', 'terminals'], ['shifts', 'cashier_id', 'users'],
  ['orders', 'terminal_id', 'terminals'], ['orders', 'cashier_id', 'users'], ['orders', 'shift_id', 'shifts'],
  ['orders', 'customer_id', 'customers'], ['orders', 'promocode_id', 'promocodes'],
  ['bonus_transactions', 'account_id', 'bonus_accounts'], ['bonus_transactions', 'order_id', 'orders'],
  ['concession_preorders', 'order_id', 'orders'], ['concession_preorders', 'session_id', 'sessions'],
  ['order_concession_lines', 'order_id', 'orders'], ['order_concession_lines', 'item_id', 'concession_items'],
  ['order_concession_lines', 'preorder_id', 'concession_preorders'],
  ['tickets', 'session_id', 'sessions'], ['tickets', 'seat_id', 'seats'], ['tickets', 'order_id', 'orders'],
  ['tickets', 'sold_by', 'users'], ['tickets', 'terminal_id', 'terminals'], ['tickets', 'scanned_by', 'users'],
  ['tickets', 'scanned_terminal_id', 'terminals'], ['tickets', 'exchanged_to_ticket_id', 'tickets'],
  ['ticket_revocations', 'ticket_id', 'tickets'],
  ['ticket_scans', 'ticket_id', 'tickets'], ['ticket_scans', 'session_id', 'sessions'], ['ticket_scans', 'user_id', 'users'],
  ['ticket_scans', 'terminal_id', 'terminals'],
  ['payments', 'order_id', 'orders'], ['payments', 'shift_id', 'shifts'], ['payments', 'refunds_payment_id', 'payments'],
  ['reports', 'generated_by', 'users'],
  ['audit_log', 'user_id', 'users'], ['audit_log', 'override_user_id', 'users'],
];

/** Columns the reporting login never sees. */
const SECRET_COLUMNS: Record<string, string[]> = { users: ['password_hash', 'pin_hash'] };

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The newest HLC the centre accepts now: wall time + the allowed skew, as an HLC string (15 digits,
 * the largest counter, a node after every id). HLCs compare as text, so an `updated_at` above it
 * is refused — and anything not above it (even a malformed one) sorts before every later real
 * HLC, so it can never win over a later edit. Computed once per statement, compared per row.
 */
const NEWEST_ACCEPTED_HLC = `lpad(((extract(epoch FROM clock_timestamp()) * 1000)::bigint + (SELECT max_clock_ahead_ms FROM sync_limits))::text, 15, '0') || '-99999-~'`;

const STATEMENTS: string[] = [
  // ---- what is synced, as data ------------------------------------------------------------
  `CREATE TABLE sync_tables (
     name text PRIMARY KEY,
     push_order integer NOT NULL UNIQUE,
     shared boolean NOT NULL DEFAULT false,
     insert_once boolean NOT NULL DEFAULT false
   )`,
  `INSERT INTO sync_tables (name, push_order, shared, insert_once) VALUES
   ${TABLES.map((t, i) => `(${q(t.name)}, ${(i + 1) * 10}, ${t.shared ? 'true' : 'false'}, ${t.insertOnce ? 'true' : 'false'})`).join(',\n   ')}`,
  `CREATE TABLE sync_references (
     tbl text NOT NULL REFERENCES sync_tables (name),
     col text NOT NULL,
     parent text NOT NULL REFERENCES sync_tables (name),
     PRIMARY KEY (tbl, col)
   )`,
  `INSERT INTO sync_references (tbl, col, parent) VALUES
   ${REFERENCES.map(([t, c, p]) => `(${q(t)}, ${q(c)}, ${q(p)})`).join(',\n   ')}`,
  // The documented limits, readable by the functions (one row).
  `CREATE TABLE sync_limits (
     one boolean PRIMARY KEY DEFAULT true CHECK (one),
     max_clock_ahead_ms bigint NOT NULL,
     max_push_rows integer NOT NULL,
     max_push_bytes integer NOT NULL,
     max_hold_seats integer NOT NULL,
     max_terminal_xact_seconds integer NOT NULL
   )`,
  `INSERT INTO sync_limits VALUES (true, ${MAX_CLOCK_AHEAD_MS}, ${MAX_PUSH_ROWS}, ${MAX_PUSH_BYTES}, ${MAX_HOLD_SEATS}, ${MAX_TERMINAL_XACT_SECONDS})`,
  // Deleting a shared row looks for its users among other cinemas' rows.
  `CREATE INDEX IF NOT EXISTS idx_sessions_film ON sessions (film_id)`,
  `CREATE INDEX IF NOT EXISTS idx_rental_contracts_film ON rental_contracts (film_id)`,
  `CREATE INDEX IF NOT EXISTS idx_rental_contracts_distributor ON rental_contracts (distributor_id)`,
  `CREATE INDEX IF NOT EXISTS idx_promocode_films_film ON promocode_films (film_id)`,
  `CREATE INDEX IF NOT EXISTS idx_films_distributor ON films (distributor_id)`,
  // A push of tickets asks whether another terminal of the cinema holds any seat right now.
  `CREATE INDEX IF NOT EXISTS idx_central_holds_live ON central_holds (cinema_id, expires_at)`,

  /*
   * One group of upserts of one table, in one statement: checked (origin, cinema, clock, ids of
   * another cinema, every reference), LWW by updated_at (insert-once for facts), logged; rows that
   * lose LWW have the centre's version logged again for the pusher. Returns the rows written, or
   * the first bad row (why, id, detail) and writes nothing.
   */
  `DROP FUNCTION sync_apply_rowset(text, jsonb, text, boolean, text, text)`,
  `CREATE FUNCTION sync_apply_rowset(tbl text, rows jsonb, scope text, insert_once boolean, me_terminal text, me_cinema text,
     OUT written bigint, OUT why text, OUT bad_id text, OUT detail text, OUT lost bigint)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE cols text; picks text; setlist text; datacols text; cinema_check text; ref_checks text;
   BEGIN
     SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
            string_agg(CASE a.attname WHEN 'scope_cinema_id' THEN '$2::text' WHEN 'deleted' THEN 'false' ELSE 'r.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum),
            string_agg(format('%I = excluded.%I', a.attname, a.attname), ', ' ORDER BY a.attnum) FILTER (WHERE a.attname <> 'id'),
            string_agg('cur.' || quote_ident(a.attname), ', ' ORDER BY a.attnum) FILTER (WHERE a.attname NOT IN ('scope_cinema_id', 'deleted')),
            CASE WHEN tbl = 'cinemas' THEN 'r.id IS DISTINCT FROM $4'
                 WHEN bool_or(a.attname = 'cinema_id') THEN 'r.cinema_id IS NOT NULL AND r.cinema_id <> $4'
                 ELSE 'false' END
       INTO cols, picks, setlist, datacols, cinema_check
       FROM pg_attribute a WHERE a.attrelid = tbl::regclass AND a.attnum > 0 AND NOT a.attisdropped;
     -- Per reference, ONE index scan for the batch's distinct parent ids (= ANY): every one must be
     -- this cinema's row (or the shared catalogue's). A reference to the same table may also name
     -- a row of this very group (one probe per distinct id: such references are few). The offending
     -- row is looked up only when a check fails (below).
     SELECT string_agg(CASE WHEN x.parent <> sync_apply_rowset.tbl THEN format(
              $r$ UNION ALL (SELECT 'reference', NULL, %1$L FROM (SELECT array_agg(d.v) AS ids FROM (SELECT DISTINCT r.%1$I AS v FROM given r WHERE r.%1$I IS NOT NULL) d) v
                  WHERE cardinality(v.ids) > (SELECT count(*) FROM %2$I p WHERE p.id = ANY (v.ids) AND p.scope_cinema_id IS NOT DISTINCT FROM %3$s)) $r$,
              x.col, x.parent, CASE WHEN p.shared THEN 'NULL::text' ELSE '$4' END)
            ELSE format(
              $r$ UNION ALL (SELECT 'reference', NULL, %1$L FROM (SELECT DISTINCT r.%1$I AS v FROM given r WHERE r.%1$I IS NOT NULL) v
                  LEFT JOIN LATERAL (SELECT true AS found, p.scope_cinema_id FROM %2$I p WHERE p.id = v.v LIMIT 1) p ON true
                  WHERE (p.found IS NULL OR p.scope_cinema_id IS DISTINCT FROM %3$s)
                    AND NOT EXISTS (SELECT 1 FROM given g WHERE g.id = v.v) LIMIT 1) $r$,
              x.col, x.parent, CASE WHEN p.shared THEN 'NULL::text' ELSE '$4' END) END, '')
       INTO ref_checks
       FROM sync_references x JOIN sync_tables p ON p.name = x.parent WHERE x.tbl = sync_apply_rowset.tbl;
     EXECUTE format($q$
       WITH given AS MATERIALIZED (
         SELECT * FROM jsonb_populate_recordset(NULL::%1$I, $1)
       ), probe AS MATERIALIZED (
         -- One primary-key probe per row (LATERAL … LIMIT 1 is never turned into a scan of the whole table).
         SELECT r.id, r.updated_at, cur.scope_cinema_id AS cur_scope, cur.updated_at AS cur_updated_at, cur.origin AS cur_origin
         FROM given r CROSS JOIN LATERAL (SELECT c.scope_cinema_id, c.updated_at, c.origin FROM %1$I c WHERE c.id = r.id LIMIT 1) cur
       ), bad AS MATERIALIZED (
         (SELECT 'origin' AS why, r.id, NULL::text AS detail FROM given r WHERE r.origin IS DISTINCT FROM $3 LIMIT 1)
         UNION ALL (SELECT 'cinema', r.id, NULL FROM given r WHERE %6$s LIMIT 1)
         UNION ALL (SELECT 'clock', r.id, r.updated_at FROM given r WHERE r.updated_at IS NULL OR r.updated_at > $5 LIMIT 1)
         UNION ALL (SELECT 'foreign', p.id, NULL FROM probe p WHERE p.cur_scope IS DISTINCT FROM $2 LIMIT 1)
         %7$s
         LIMIT 1
       ), incoming AS (
         SELECT DISTINCT ON (r.id) %3$s FROM given r WHERE NOT EXISTS (SELECT 1 FROM bad)
         ORDER BY r.id, r.updated_at DESC
       ), up AS (
         INSERT INTO %1$I AS cur (%2$s) SELECT * FROM incoming
         ON CONFLICT (id) DO %4$s
         RETURNING %5$s
       ), logged AS (
         INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
         SELECT %1$L, up.id, $2, up.origin, up.updated_at, row_to_json(up) FROM up
         RETURNING 1
       ), relogged AS (
         -- Lost last-writer-wins: the centre's version goes back to the pusher (and its cinema).
         INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, deleted, updated_at, data)
         SELECT %1$L, c.id, c.scope_cinema_id, c.origin, c.deleted, c.updated_at,
                CASE WHEN c.deleted THEN json_build_object('id', c.id, 'updated_at', c.updated_at, 'origin', c.origin)
                     ELSE (to_jsonb(c) - 'scope_cinema_id' - 'deleted')::json END
         FROM probe p CROSS JOIN LATERAL (SELECT * FROM %1$I x WHERE x.id = p.id LIMIT 1) c
         WHERE NOT %9$L::boolean AND NOT EXISTS (SELECT 1 FROM bad)
           AND p.cur_updated_at > p.updated_at AND p.cur_origin <> $3
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM logged), (SELECT why FROM bad), (SELECT id FROM bad), (SELECT detail FROM bad), (SELECT count(*) FROM relogged)
     $q$, tbl, cols, picks,
       CASE WHEN insert_once THEN 'NOTHING' ELSE 'UPDATE SET ' || setlist || ' WHERE cur.updated_at < excluded.updated_at' END,
       datacols, cinema_check, ref_checks, NULL, insert_once)
     INTO written, why, bad_id, detail, lost
     USING rows, scope, me_terminal, me_cinema, ${NEWEST_ACCEPTED_HLC};
     IF why = 'reference' THEN
       -- Which row, and what it names (detail: the column, then its value).
       SELECT format($d$SELECT r.id, r.%1$I FROM jsonb_populate_recordset(NULL::%2$I, $1) r
                       WHERE r.%1$I IS NOT NULL
                         AND NOT EXISTS (SELECT 1 FROM %3$I p WHERE p.id = r.%1$I AND p.scope_cinema_id IS NOT DISTINCT FROM %4$s)
                         %5$s LIMIT 1$d$,
                     x.col, sync_apply_rowset.tbl, x.parent, CASE WHEN p.shared THEN 'NULL::text' ELSE '$2' END,
                     CASE WHEN x.parent = sync_apply_rowset.tbl THEN format('AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements($1) g WHERE g->>''id'' = r.%I)', x.col) ELSE '' END)
         INTO cols FROM sync_references x JOIN sync_tables p ON p.name = x.parent WHERE x.tbl = sync_apply_rowset.tbl AND x.col = detail;
       EXECUTE cols INTO bad_id, picks USING rows, me_cinema;
       detail := detail || ' ' || coalesce(picks, '?');
     END IF;
   END $$`,

  // Tombstones: own cinema's rows only; a shared row another cinema uses stays; a lost delete brings the row back.
  `CREATE OR REPLACE FUNCTION sync_apply_deletes(tbl text, items jsonb) RETURNS bigint
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n bigint; me sync_terminals := sync_me(); scope text; is_shared boolean; bad text; x record;
   BEGIN
     SELECT shared INTO is_shared FROM sync_tables WHERE name = tbl;
     scope := CASE WHEN is_shared THEN NULL ELSE me.cinema_id END;
     SELECT e->>'id' INTO bad FROM jsonb_array_elements(items) e WHERE e->>'hlc' IS NULL OR e->>'hlc' > ${NEWEST_ACCEPTED_HLC} LIMIT 1;
     IF bad IS NOT NULL THEN
       RAISE EXCEPTION 'the delete of % of % carries a clock more than % minutes ahead of the central database', bad, tbl, (SELECT max_clock_ahead_ms FROM sync_limits) / 60000 USING ERRCODE = '22023';
     END IF;
     EXECUTE format('SELECT cur.id FROM jsonb_array_elements($1) e JOIN %I cur ON cur.id = e->>''id''
                     WHERE cur.scope_cinema_id IS DISTINCT FROM $2 LIMIT 1', tbl) INTO bad USING items, scope;
     IF bad IS NOT NULL THEN
       RAISE EXCEPTION 'row % of % belongs to another cinema', bad, tbl USING ERRCODE = '42501';
     END IF;
     IF is_shared THEN
       FOR x IN SELECT r.tbl AS child, r.col FROM sync_references r WHERE r.parent = sync_apply_deletes.tbl LOOP
         EXECUTE format('SELECT e->>''id'' FROM jsonb_array_elements($1) e
                         WHERE EXISTS (SELECT 1 FROM %I c WHERE c.%I = e->>''id'' AND NOT c.deleted AND c.scope_cinema_id IS DISTINCT FROM $2) LIMIT 1', x.child, x.col)
           INTO bad USING items, me.cinema_id;
         IF bad IS NOT NULL THEN
           RAISE EXCEPTION 'row % of % is used by another cinema''s % and cannot be deleted', bad, tbl, x.child USING ERRCODE = '42501';
         END IF;
       END LOOP;
     END IF;
     EXECUTE format($q$
       WITH gone AS (
         UPDATE %1$I AS cur SET deleted = true, updated_at = e->>'hlc', origin = e->>'origin'
         FROM jsonb_array_elements($1) e
         WHERE cur.id = e->>'id' AND cur.updated_at < e->>'hlc'
         RETURNING cur.id, cur.scope_cinema_id, cur.origin, cur.updated_at
       ), logged AS (
         INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, deleted, updated_at, data)
         SELECT %1$L, id, scope_cinema_id, origin, true, updated_at, json_build_object('id', id, 'updated_at', updated_at, 'origin', origin) FROM gone
         RETURNING 1
       ), relogged AS (
         INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, deleted, updated_at, data)
         SELECT %1$L, c.id, c.scope_cinema_id, c.origin, c.deleted, c.updated_at,
                CASE WHEN c.deleted THEN json_build_object('id', c.id, 'updated_at', c.updated_at, 'origin', c.origin)
                     ELSE (to_jsonb(c) - 'scope_cinema_id' - 'deleted')::json END
         FROM %1$I c JOIN jsonb_array_elements($1) e ON c.id = e->>'id'
         WHERE c.updated_at > e->>'hlc' AND c.origin <> $2
         RETURNING 1
       )
       SELECT count(*) FROM logged
     $q$, tbl) INTO n USING items, me.terminal_id;
     RETURN n;
   END $$`,

  /*
   * A batch from one terminal, grouped by table and operation (0002). Refused as a whole (nothing
   * written) when any row fails a check of sync_apply_rowset, is too big, or a delete is refused.
   */
  `CREATE OR REPLACE FUNCTION sync_push_rows(groups jsonb) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE
     me sync_terminals := sync_me();
     lim sync_limits := (SELECT l FROM sync_limits l);
     grp record; item jsonb; tk jsonb; scope text; bad text; w bigint; why text; bad_id text; detail text; row_count bigint; l bigint; lost_n bigint := 0;
     bonus_rows jsonb := '[]'; order_rows jsonb := '[]';
     applied bigint := 0; deleted_n bigint := 0; conflicts int := 0;
   BEGIN
     IF jsonb_typeof(groups) IS DISTINCT FROM 'array' THEN RAISE EXCEPTION 'a push batch must be a JSON array' USING ERRCODE = '22023'; END IF;
     IF pg_column_size(groups) > lim.max_push_bytes THEN
       RAISE EXCEPTION 'a push batch may carry at most % bytes (this one: %); send it in smaller batches', lim.max_push_bytes, pg_column_size(groups) USING ERRCODE = '54000';
     END IF;
     SELECT sum(jsonb_array_length(coalesce(g->'rows', g->'items'))) INTO row_count FROM jsonb_array_elements(groups) g
       WHERE jsonb_typeof(coalesce(g->'rows', g->'items')) = 'array';
     IF row_count > lim.max_push_rows THEN
       RAISE EXCEPTION 'a push batch may carry at most % rows (this one: %); send it in smaller batches', lim.max_push_rows, row_count USING ERRCODE = '54000';
     END IF;
     SELECT min(coalesce(g->>'t', '(none)')) INTO bad FROM jsonb_array_elements(groups) g
       WHERE g->>'t' IS NULL OR NOT EXISTS (SELECT 1 FROM sync_tables s WHERE s.name = g->>'t');
     IF bad IS NOT NULL THEN RAISE EXCEPTION 'unknown table %', bad USING ERRCODE = '22023'; END IF;
     SELECT min(coalesce(g->>'op', '(none)')) INTO bad FROM jsonb_array_elements(groups) g
       WHERE ((g->>'op' = 'UPSERT' AND jsonb_typeof(g->'rows') = 'array') OR (g->>'op' = 'DELETE' AND jsonb_typeof(g->'items') = 'array')) IS NOT TRUE;
     IF bad IS NOT NULL THEN RAISE EXCEPTION 'a push group is UPSERT with rows or DELETE with items, not %', bad USING ERRCODE = '22023'; END IF;

     FOR grp IN
       SELECT g->>'t' AS tbl, g->>'op' AS op, coalesce(g->'rows', g->'items') AS items, s.shared, s.insert_once
       FROM jsonb_array_elements(groups) WITH ORDINALITY AS x(g, n) JOIN sync_tables s ON s.name = g->>'t'
       ORDER BY s.push_order, g->>'op' = 'DELETE', n
     LOOP
       scope := CASE WHEN grp.shared THEN NULL ELSE me.cinema_id END;
       IF grp.op = 'DELETE' THEN
         SELECT coalesce(e->>'id', '(none)') INTO bad FROM jsonb_array_elements(grp.items) e WHERE e->>'origin' IS DISTINCT FROM me.terminal_id LIMIT 1;
         IF bad IS NOT NULL THEN RAISE EXCEPTION 'row % has an origin other than terminal %', bad, me.terminal_id USING ERRCODE = '42501'; END IF;
         IF grp.insert_once THEN RAISE EXCEPTION '% rows are never deleted', grp.tbl USING ERRCODE = '42501'; END IF;
         deleted_n := deleted_n + sync_apply_deletes(grp.tbl, grp.items);
         CONTINUE;
       END IF;
       IF grp.tbl = 'tickets' THEN
         BEGIN
           -- A new sale of a seat another terminal holds centrally right now (it is selling it,
           -- confirmed online) is the clashing one: this ticket becomes the conflict, not theirs.
           IF EXISTS (SELECT 1 FROM central_holds h WHERE h.cinema_id = me.cinema_id AND h.terminal_id <> me.terminal_id AND h.expires_at > now())
              AND EXISTS (SELECT 1 FROM jsonb_array_elements(grp.items) r JOIN central_holds h ON h.session_id = r->>'session_id' AND h.seat_id = r->>'seat_id'
                      WHERE r->>'status' = 'SOLD' AND h.terminal_id <> me.terminal_id AND h.cinema_id = me.cinema_id AND h.expires_at > now()
                        AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = r->>'id')) THEN
             RAISE unique_violation USING MESSAGE = 'a seat of the batch is held at another terminal';
           END IF;
           SELECT s.written, s.why, s.bad_id, s.detail, s.lost INTO w, why, bad_id, detail, l FROM sync_apply_rowset(grp.tbl, grp.items, scope, false, me.terminal_id, me.cinema_id) s;
           applied := applied + w;
           lost_n := lost_n + l;
         EXCEPTION WHEN unique_violation THEN
           -- Some seat is already sold (or held elsewhere) centrally: one ticket at a time, the clashing ones become conflicts.
           -- (Exchanged tickets last: the ticket they point at lands first.)
           why := NULL;
           FOR tk IN SELECT value FROM jsonb_array_elements(grp.items) ORDER BY value->>'exchanged_to_ticket_id' IS NOT NULL LOOP
             BEGIN
               IF tk->>'status' = 'SOLD' AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = tk->>'id')
                  AND EXISTS (SELECT 1 FROM central_holds h WHERE h.session_id = tk->>'session_id' AND h.seat_id = tk->>'seat_id'
                                AND h.terminal_id <> me.terminal_id AND h.cinema_id = me.cinema_id AND h.expires_at > now()) THEN
                 RAISE unique_violation USING MESSAGE = 'the seat is held at another terminal';
               END IF;
               SELECT s.written, s.why, s.bad_id, s.detail, s.lost INTO w, why, bad_id, detail, l FROM sync_apply_rowset(grp.tbl, jsonb_build_array(tk), scope, false, me.terminal_id, me.cinema_id) s;
               EXIT WHEN why IS NOT NULL;
               applied := applied + w;
               lost_n := lost_n + l;
             EXCEPTION WHEN unique_violation THEN
               conflicts := conflicts + sync_open_conflict(me, 'DOUBLE_SALE', tk->>'id', jsonb_build_object(
                 'session_id', tk->>'session_id', 'seat_id', tk->>'seat_id',
                 'kept_ticket_id', (SELECT t.id FROM tickets t WHERE t.session_id = tk->>'session_id' AND t.seat_id = tk->>'seat_id'
                                      AND t.status = 'SOLD' AND NOT t.deleted AND t.scope_cinema_id = me.cinema_id),
                 'ticket', tk));
             END;
           END LOOP;
         END;
       ELSE
         SELECT s.written, s.why, s.bad_id, s.detail, s.lost INTO w, why, bad_id, detail, l FROM sync_apply_rowset(grp.tbl, grp.items, scope, grp.insert_once, me.terminal_id, me.cinema_id) s;
         applied := applied + w;
         lost_n := lost_n + l;
       END IF;
       IF why = 'origin' THEN RAISE EXCEPTION 'row % of % has an origin other than terminal %', bad_id, grp.tbl, me.terminal_id USING ERRCODE = '42501'; END IF;
       IF why = 'cinema' THEN RAISE EXCEPTION 'row % of % belongs to another cinema', bad_id, grp.tbl USING ERRCODE = '42501'; END IF;
       IF why = 'foreign' THEN RAISE EXCEPTION 'row % of % belongs to another cinema', bad_id, grp.tbl USING ERRCODE = '42501'; END IF;
       IF why = 'clock' THEN
         RAISE EXCEPTION 'row % of % carries a clock (%) more than % minutes ahead of the central database: check this terminal''s date and time',
           bad_id, grp.tbl, coalesce(detail, 'none'), lim.max_clock_ahead_ms / 60000 USING ERRCODE = '22023';
       END IF;
       IF why = 'reference' THEN
         RAISE EXCEPTION 'row % of % names % %, which is not a row of this cinema', bad_id, grp.tbl, split_part(detail, ' ', 1), substr(detail, strpos(detail, ' ') + 1)
           USING ERRCODE = '42501';
       END IF;
       IF grp.tbl = 'tickets' AND EXISTS (SELECT 1 FROM sync_conflicts WHERE kind = 'DOUBLE_SALE' AND resolved_at IS NULL AND cinema_id = me.cinema_id) THEN
         -- A ticket that now lands (re-seated or refunded) closes its double-sale conflict (this cinema's only).
         FOR item IN
           UPDATE sync_conflicts c SET resolved_at = now(), resolution = coalesce(c.resolution, 'SETTLED'), resolved_terminal_id = coalesce(c.resolved_terminal_id, me.terminal_id)
           FROM tickets t, jsonb_array_elements(grp.items) r
           WHERE c.kind = 'DOUBLE_SALE' AND c.resolved_at IS NULL AND c.cinema_id = me.cinema_id AND c.subject_id = t.id
             AND t.scope_cinema_id = me.cinema_id AND t.id = r->>'id' AND t.updated_at = r->>'updated_at'
           RETURNING to_jsonb(c.*)
         LOOP
           PERFORM sync_log_conflict(jsonb_populate_record(NULL::sync_conflicts, item));
         END LOOP;
       END IF;
       IF grp.tbl = 'bonus_transactions' THEN bonus_rows := bonus_rows || grp.items; END IF;
       IF grp.tbl = 'orders' THEN order_rows := order_rows || grp.items; END IF;
     END LOOP;

     -- Offline sales may overdraw a bonus account or use a promocode beyond its limit: report them (this cinema's rows only).
     IF jsonb_array_length(bonus_rows) > 0 THEN
       FOR item IN
         SELECT jsonb_build_object('account_id', b.account_id, 'balance', sum(b.amount)) FROM bonus_transactions b
         WHERE b.account_id IN (SELECT r->>'account_id' FROM jsonb_array_elements(bonus_rows) r)
           AND NOT b.deleted AND b.scope_cinema_id = me.cinema_id GROUP BY b.account_id HAVING sum(b.amount) < 0
       LOOP
         conflicts := conflicts + sync_open_conflict(me, 'BONUS_OVERDRAWN', item->>'account_id', item);
       END LOOP;
     END IF;
     IF jsonb_array_length(order_rows) > 0 THEN
       FOR item IN
         SELECT jsonb_build_object('promocode_id', p.id, 'code', p.code, 'max_uses', p.max_uses, 'uses', count(o.id)) FROM promocodes p
         JOIN orders o ON o.promocode_id = p.id AND o.status IN ('PAID', 'PARTIALLY_REFUNDED') AND NOT o.deleted AND o.scope_cinema_id = me.cinema_id
         WHERE p.max_uses IS NOT NULL AND p.scope_cinema_id = me.cinema_id
           AND p.id IN (SELECT r->>'promocode_id' FROM jsonb_array_elements(order_rows) r)
         GROUP BY p.id, p.code, p.max_uses HAVING count(o.id) > p.max_uses
       LOOP
         conflicts := conflicts + sync_open_conflict(me, 'PROMOCODE_OVER_LIMIT', item->>'promocode_id', item);
       END LOOP;
     END IF;

     -- lost: rows whose newer central version was logged again for this terminal (it differs until it pulls).
     RETURN jsonb_build_object('applied', applied, 'deleted', deleted_n, 'conflicts', conflicts, 'lost', lost_n);
   END $$`,

  // The item form of older terminals: grouped once, then the same path (its table list from sync_tables).
  `CREATE OR REPLACE FUNCTION sync_push(batch jsonb) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE groups jsonb;
   BEGIN
     IF jsonb_typeof(batch) IS DISTINCT FROM 'array' THEN RAISE EXCEPTION 'a push batch must be a JSON array' USING ERRCODE = '22023'; END IF;
     SELECT coalesce(jsonb_agg(g ORDER BY pos), '[]') INTO groups FROM (
       SELECT min(n) AS pos, CASE WHEN e->>'op' = 'UPSERT'
           THEN jsonb_build_object('t', e->>'t', 'op', 'UPSERT', 'rows', jsonb_agg(coalesce(e->'row', jsonb_build_object('origin', e->>'origin')) ORDER BY n))
           ELSE jsonb_build_object('t', e->>'t', 'op', 'DELETE', 'items', jsonb_agg(e ORDER BY n)) END AS g
       FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n)
       WHERE e->>'op' IN ('UPSERT', 'DELETE') OR e->>'t' IS NULL OR NOT EXISTS (SELECT 1 FROM sync_tables s WHERE s.name = e->>'t')
       GROUP BY e->>'t', e->>'op') q;
     RETURN sync_push_rows(groups);
   END $$`,

  // ---- seat holds ---------------------------------------------------------------------------
  // The caller's session and seats, or an error naming what is not this cinema's.
  `CREATE FUNCTION sync_check_hold(me sync_terminals, p_session_id text, p_seat_ids text[]) RETURNS void
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE hall text; bad text; lim integer := (SELECT max_hold_seats FROM sync_limits);
   BEGIN
     IF p_seat_ids IS NULL OR cardinality(p_seat_ids) = 0 OR cardinality(p_seat_ids) > lim THEN
       RAISE EXCEPTION 'a hold names 1 to % seats', lim USING ERRCODE = '22023';
     END IF;
     IF array_position(p_seat_ids, NULL) IS NOT NULL THEN RAISE EXCEPTION 'a seat id is missing' USING ERRCODE = '22023'; END IF;
     SELECT s.hall_id INTO hall FROM sessions s WHERE s.id = p_session_id AND s.scope_cinema_id = me.cinema_id AND NOT s.deleted;
     IF hall IS NULL THEN RAISE EXCEPTION 'session % is not a session of this cinema', left(coalesce(p_session_id, '(none)'), 64) USING ERRCODE = '42501'; END IF;
     SELECT x INTO bad FROM unnest(p_seat_ids) x
      WHERE NOT EXISTS (SELECT 1 FROM seats st WHERE st.id = x AND st.hall_id = hall AND st.scope_cinema_id = me.cinema_id AND NOT st.deleted) LIMIT 1;
     IF bad IS NOT NULL THEN RAISE EXCEPTION 'seat % is not a seat of this session''s hall', left(bad, 64) USING ERRCODE = '42501'; END IF;
   END $$`,

  // All seats or none; refused while another terminal holds one or it is sold. Expiry on the central clock.
  `CREATE OR REPLACE FUNCTION sync_hold_seats(p_session_id text, p_seat_ids text[], p_hold_seconds integer) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); taken text[]; wanted text[];
   BEGIN
     IF p_hold_seconds IS NULL OR p_hold_seconds < 1 OR p_hold_seconds > 3600 THEN RAISE EXCEPTION 'a hold lasts 1 to 3600 seconds' USING ERRCODE = '22023'; END IF;
     PERFORM sync_check_hold(me, p_session_id, p_seat_ids);
     wanted := ARRAY(SELECT DISTINCT x FROM unnest(p_seat_ids) x);
     -- One holder at a time per session: a row lock no login can take from outside.
     PERFORM 1 FROM sessions WHERE id = p_session_id FOR NO KEY UPDATE;
     SELECT array_agg(s) INTO taken FROM unnest(wanted) s
      WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.session_id = p_session_id AND t.seat_id = s AND t.status = 'SOLD' AND NOT t.deleted)
         OR EXISTS (SELECT 1 FROM central_holds h WHERE h.session_id = p_session_id AND h.seat_id = s AND h.terminal_id <> me.terminal_id AND h.expires_at > now());
     IF taken IS NOT NULL THEN RETURN jsonb_build_object('ok', false, 'taken', to_jsonb(taken)); END IF;
     INSERT INTO central_holds (session_id, seat_id, cinema_id, terminal_id, expires_at)
       SELECT p_session_id, s, me.cinema_id, me.terminal_id, now() + make_interval(secs => p_hold_seconds) FROM unnest(wanted) s
       ON CONFLICT (session_id, seat_id) DO UPDATE SET terminal_id = excluded.terminal_id, cinema_id = excluded.cinema_id, expires_at = excluded.expires_at;
     RETURN jsonb_build_object('ok', true, 'taken', '[]'::jsonb);
   END $$`,

  `CREATE OR REPLACE FUNCTION sync_release_seats(p_session_id text, p_seat_ids text[]) RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); n integer;
   BEGIN
     PERFORM sync_check_hold(me, p_session_id, p_seat_ids);
     DELETE FROM central_holds WHERE session_id = p_session_id AND seat_id = ANY (p_seat_ids) AND terminal_id = me.terminal_id;
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`,

  // Who holds which seats of a session of this cinema (other terminals' holds and this cinema's sales), for the seat map.
  `CREATE FUNCTION sync_session_seats(p_session_id text) RETURNS TABLE (seat_id text, state text)
   LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   #variable_conflict use_column
   DECLARE me sync_terminals := sync_me();
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = p_session_id AND s.scope_cinema_id = me.cinema_id AND NOT s.deleted) THEN
       RAISE EXCEPTION 'session % is not a session of this cinema', left(coalesce(p_session_id, '(none)'), 64) USING ERRCODE = '42501';
     END IF;
     RETURN QUERY
       SELECT t.seat_id, 'SOLD' FROM tickets t WHERE t.session_id = p_session_id AND t.status = 'SOLD' AND NOT t.deleted AND t.scope_cinema_id = me.cinema_id
       UNION
       SELECT h.seat_id, 'HELD' FROM central_holds h WHERE h.session_id = p_session_id AND h.terminal_id <> me.terminal_id AND h.expires_at > now() AND h.cinema_id = me.cinema_id;
   END $$`,

  // ---- terminal logins: limits, and transactions that hold every cinema's pulls ------------
  `CREATE FUNCTION sync_limit_terminal_role(role_name text) RETURNS void
   LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
   BEGIN
     EXECUTE format('ALTER ROLE %I CONNECTION LIMIT ${TERMINAL_CONNECTION_LIMIT}', role_name);
     EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', role_name, ${q(TERMINAL_STATEMENT_TIMEOUT)});
     EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', role_name, ${q(TERMINAL_IDLE_IN_TRANSACTION_TIMEOUT)});
     -- The owner sees and may end the login's sessions (sync_end_stalled_terminals); a superuser already can.
     IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
       EXECUTE format('GRANT %I TO %I', role_name, current_user);
     END IF;
   END $$`,
  `DO $$ DECLARE r record; BEGIN
     FOR r IN SELECT t.role_name FROM sync_terminals t JOIN pg_roles p ON p.rolname = t.role_name LOOP
       PERFORM sync_limit_terminal_role(r.role_name);
     END LOOP;
   END $$`,
  /*
   * A terminal login may SET its own timeouts to 0 and keep a transaction open: every pull would
   * wait behind it. Such a transaction (it has an xid, so it holds the horizon) older than the
   * limit is ended. Sees other logins' sessions as the owner (a superuser, or a member of the
   * terminal roles: register-terminal grants that).
   */
  `CREATE FUNCTION sync_end_stalled_terminals() RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n integer := 0; r record;
   BEGIN
     FOR r IN
       SELECT a.pid FROM pg_stat_activity a JOIN sync_terminals t ON t.role_name = a.usename
       WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
         AND a.xact_start < now() - make_interval(secs => (SELECT max_terminal_xact_seconds FROM sync_limits))
     LOOP
       BEGIN
         IF pg_terminate_backend(r.pid) THEN n := n + 1; END IF;
       EXCEPTION WHEN insufficient_privilege THEN NULL;
       END;
     END LOOP;
     RETURN n;
   END $$`,

  /*
   * sync_pull_rows (0002) plus the centre's newest transaction id on the cursor row: a cursor
   * (the horizon) far behind it, pull after pull, means a transaction is holding every pull.
   */
  `DROP FUNCTION sync_pull_rows(text, bigint, integer)`,
  `CREATE FUNCTION sync_pull_rows(after_xid text, after_seq bigint, max_rows integer)
   RETURNS TABLE (t text, id text, deleted boolean, hlc text, data json, xid text, seq bigint, newest text)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   #variable_conflict use_column
   DECLARE
     me sync_terminals := sync_me();
     snap pg_snapshot;
     horizon xid8;
     n bigint;
   BEGIN
     IF max_rows IS NULL OR max_rows < 1 OR max_rows > 10000 THEN RAISE EXCEPTION 'max_rows must be 1..10000' USING ERRCODE = '22023'; END IF;
     PERFORM sync_end_stalled_terminals();
     snap := pg_current_snapshot();
     horizon := pg_snapshot_xmin(snap);
     RETURN QUERY
       SELECT c.table_name, c.row_id, c.deleted, c.updated_at, c.data, c.xid::text, c.seq, NULL::text FROM change_log c
       WHERE (c.xid, c.seq) > (coalesce(after_xid, '0')::xid8, coalesce(after_seq, 0))
         AND c.xid < horizon
         AND (c.scope_cinema_id IS NULL OR c.scope_cinema_id = me.cinema_id)
         AND c.origin <> me.terminal_id
       ORDER BY c.xid, c.seq
       LIMIT max_rows;
     GET DIAGNOSTICS n = ROW_COUNT;
     IF n < max_rows THEN
       RETURN QUERY SELECT NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::json, horizon::text, 0::bigint, pg_snapshot_xmax(snap)::text;
     END IF;
   END $$`,

  // ---- write paths no login needs (see the header) -----------------------------------------
  `DO $$ DECLARE f regprocedure; BEGIN
     IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
       RAISE WARNING 'not a superuser: the large-object functions stay callable by every login (README: what a superuser runs)';
       RETURN;
     END IF;
     FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace
                AND (p.proname LIKE 'lo\\_%' OR p.proname IN ('lowrite', 'loread'))
     LOOP
       EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
     END LOOP;
   END $$`,

  // ---- the reporting login reads views without secrets -------------------------------------
  `CREATE SCHEMA reports`,
  ...TABLES.map(({ name }) => {
    const hidden = ['scope_cinema_id', ...(SECRET_COLUMNS[name] ?? [])];
    return `DO $$ BEGIN EXECUTE (
       SELECT format('CREATE VIEW reports.%I AS SELECT %s, scope_cinema_id AS cinema_scope FROM public.%I', ${q(name)},
                     string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), ${q(name)})
       FROM pg_attribute a WHERE a.attrelid = ${q(`public.${name}`)}::regclass AND a.attnum > 0 AND NOT a.attisdropped
         AND a.attname NOT IN (${hidden.map(q).join(', ')}));
     END $$`;
  }),
  `CREATE VIEW reports.terminals_registered AS SELECT terminal_id, cinema_id, name, registered_at, revoked_at FROM public.sync_terminals`,
  `CREATE VIEW reports.sync_conflicts AS SELECT * FROM public.sync_conflicts`,
  `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM box_office_admin`,
  `REVOKE ALL ON SCHEMA reports FROM PUBLIC`,
  `GRANT USAGE ON SCHEMA reports TO box_office_admin`,
  `GRANT SELECT ON ALL TABLES IN SCHEMA reports TO box_office_admin`,

  // ---- who may call what --------------------------------------------------------------------
  `REVOKE ALL ON TABLE sync_tables, sync_references, sync_limits FROM PUBLIC`,
  `REVOKE EXECUTE ON FUNCTION sync_apply_rowset(text, jsonb, text, boolean, text, text), sync_check_hold(sync_terminals, text, text[]),
     sync_limit_terminal_role(text), sync_end_stalled_terminals(), sync_pull_rows(text, bigint, integer), sync_session_seats(text) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_pull_rows(text, bigint, integer), sync_session_seats(text) TO box_office_terminal`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  // The checks this migration adds close holes between cinemas: they are not taken away again.
}
