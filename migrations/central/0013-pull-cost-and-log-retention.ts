import { sql, type Kysely } from 'kysely';
import * as pullFollowsOwnCinema from './0008-pull-follows-own-cinema';

/**
 * Issue 18, second round: an idle pull's central cost follows its cinema, and change_log is pruned.
 *
 * **The pull reads its cinema's index entries only.** 0008's two parts (`scope = cinema`,
 * `scope IS NULL`, each `(xid, seq) > cursor AND xid < horizon`) were planned on the primary key
 * (xid, seq): the poll window between cursor and horizon is beyond the statistics, estimated at one
 * row, so both parts walked every cinema's changes of the window and filtered the cinema afterwards
 * (EXPLAIN at 200 active cinemas: 4,019 buffers per part, 8,042 per pull, against 46 at one). Now
 * both bounds are row comparisons over `(coalesce(scope_cinema_id, ''), xid, seq)` — an index the
 * primary key cannot serve — so each part is one range scan of its own scope (the shared catalogue
 * is scope ''): the cinema's entries of the window and nothing else. The late-commit rule is
 * unchanged (`xid < horizon`, the oldest running transaction).
 *
 * **Retention.** Every pull notes how far its terminal has pulled (`sync_pull_marks`, written at most
 * every ten minutes, so an idle pull stays a read). `sync_raise_log_floor(keep)` sets the floor to
 * the oldest cursor of the live terminals (a mark younger than `keep`), and never above the first
 * change logged within `keep`; `sync_prune_change_log(batch)` then deletes what lies below it, a
 * batch per call (`npm run central -- prune`). A terminal whose cursor is below the floor — offline
 * longer than `keep`, or new after a prune — cannot be served from the log: it gets a **full
 * re-pull** of its cinema and the shared catalogue from the tables themselves (every row, tombstones
 * included, parents' tables first), through the same pull and cursor: the cursor is (0, n) while it
 * pages through a list of row ids taken when the re-pull began, then the horizon of that moment, from
 * where the log takes over (a row changed meanwhile comes again from the log; last writer wins).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

/** How long change_log keeps what every live terminal has pulled (the CLI's default `--keep-days`). */
export const LOG_KEEP_DAYS = 35;
/** A terminal's pull mark is rewritten at most this often (an idle pull stays a read). */
const MARK_EVERY = '10 minutes';

const STATEMENTS = [
  // ---- the pull's index ---------------------------------------------------------------------
  `CREATE INDEX IF NOT EXISTS idx_change_log_pull ON change_log ((coalesce(scope_cinema_id, '')), xid, seq)`,
  `DROP INDEX IF EXISTS idx_change_log_scope_xid`,

  /*
   * 0004's guard against a terminal transaction holding every pull's horizon, without the
   * pg_stat_activity view: its joins (pg_database, pg_authid) cost a new connection's first pull
   * 3 ms of planning and ~600 buffers of catalogue reads — half of what a pull costs on a new
   * connection (connect per sync). The activity function alone, the login looked up only for a
   * transaction older than the limit (almost never).
   */
  `CREATE OR REPLACE FUNCTION sync_end_stalled_terminals() RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n integer := 0; r record;
   BEGIN
     FOR r IN
       SELECT s.pid, s.usesysid FROM pg_stat_get_activity(NULL) s
       WHERE s.backend_xid IS NOT NULL AND s.pid <> pg_backend_pid()
         AND s.xact_start < now() - make_interval(secs => (SELECT max_terminal_xact_seconds FROM sync_limits))
     LOOP
       CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles p JOIN sync_terminals t ON t.role_name = p.rolname WHERE p.oid = r.usesysid)
                  OR NOT EXISTS (SELECT 1 FROM pg_stat_get_activity(r.pid) a JOIN pg_database d ON d.oid = a.datid WHERE d.datname = current_database());
       BEGIN
         IF pg_terminate_backend(r.pid) THEN n := n + 1; END IF;
       EXCEPTION WHEN insufficient_privilege THEN NULL;
       END;
     END LOOP;
     RETURN n;
   END $$`,

  // ---- retention ----------------------------------------------------------------------------
  // Rows logged before this migration count as logged now (a fast default: no rewrite of the table).
  `ALTER TABLE change_log ADD COLUMN logged_at timestamptz NOT NULL DEFAULT now()`,
  `CREATE TABLE sync_pull_marks (
     terminal_id text PRIMARY KEY,
     pulled_xid xid8 NOT NULL,
     marked_at timestamptz NOT NULL
   )`,
  // Every change_log row with xid below the floor may be gone.
  `CREATE TABLE sync_log_floor (
     one boolean PRIMARY KEY DEFAULT true CHECK (one),
     floor xid8 NOT NULL,
     raised_at timestamptz
   )`,
  `INSERT INTO sync_log_floor VALUES (true, '0', NULL)`,
  // A full re-pull in progress: the row ids of the cinema and the catalogue, numbered in send order.
  `CREATE TABLE sync_repulls (
     terminal_id text PRIMARY KEY,
     horizon xid8 NOT NULL,
     total bigint NOT NULL,
     started_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE sync_repull_rows (
     terminal_id text NOT NULL,
     n bigint NOT NULL,
     table_name text NOT NULL,
     row_id text NOT NULL,
     PRIMARY KEY (terminal_id, n)
   )`,
  `REVOKE ALL ON TABLE sync_pull_marks, sync_log_floor, sync_repulls, sync_repull_rows FROM PUBLIC`,

  /*
   * One page of a full re-pull for `me`, after position `after_n`: (re)starts the list when there is
   * none (or the terminal starts over at 0), then the rows themselves, table by table. The last
   * page carries the cursor where the log takes over.
   */
  `CREATE FUNCTION sync_repull_page(me sync_terminals, after_n bigint, max_rows integer)
   RETURNS TABLE (t text, id text, deleted boolean, hlc text, data json, xid text, seq bigint, newest text)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   #variable_conflict use_column
   DECLARE r sync_repulls; tbl record; lo bigint; hi bigint;
     -- Taken before anything is written here (a write gives this transaction an id).
     h xid8 := pg_snapshot_xmin(pg_current_snapshot());
   BEGIN
     SELECT * INTO r FROM sync_repulls x WHERE x.terminal_id = me.terminal_id;
     IF r.terminal_id IS NULL OR after_n = 0 THEN
       DELETE FROM sync_repull_rows x WHERE x.terminal_id = me.terminal_id;
       DELETE FROM sync_repulls x WHERE x.terminal_id = me.terminal_id;
       -- The log takes over at the horizon of this moment: every change not in the rows read below comes after it.
       r := ROW(me.terminal_id, h, 0, now());
       after_n := 0;
       FOR tbl IN SELECT s.name, s.push_order, s.shared FROM sync_tables s ORDER BY s.push_order LOOP
         EXECUTE format('INSERT INTO sync_repull_rows (terminal_id, n, table_name, row_id)
                         SELECT $1, $2 + row_number() OVER (ORDER BY x.id), %L, x.id FROM %I x WHERE x.scope_cinema_id IS NOT DISTINCT FROM $3',
                        tbl.name, tbl.name)
           USING me.terminal_id, r.total, CASE WHEN tbl.shared THEN NULL ELSE me.cinema_id END;
         GET DIAGNOSTICS lo = ROW_COUNT;
         r.total := r.total + lo;
       END LOOP;
       INSERT INTO sync_repulls VALUES (r.*);
       -- Its mark is the re-pull's horizon: the log from there must stay until it has pulled it.
       INSERT INTO sync_pull_marks VALUES (me.terminal_id, r.horizon, now())
         ON CONFLICT (terminal_id) DO UPDATE SET pulled_xid = excluded.pulled_xid, marked_at = excluded.marked_at;
     END IF;
     hi := least(after_n + max_rows, r.total);
     FOR tbl IN SELECT x.table_name AS name, min(x.n) AS first FROM sync_repull_rows x
                WHERE x.terminal_id = me.terminal_id AND x.n > after_n AND x.n <= hi GROUP BY x.table_name ORDER BY 2 LOOP
       RETURN QUERY EXECUTE format(
         'SELECT %L::text, c.id, c.deleted, c.updated_at,
                 CASE WHEN c.deleted THEN json_build_object(''id'', c.id, ''updated_at'', c.updated_at, ''origin'', c.origin)
                      ELSE (to_jsonb(c) - ''scope_cinema_id'' - ''deleted'')::json END,
                 ''0''::text, l.n, NULL::text
          FROM sync_repull_rows l JOIN %I c ON c.id = l.row_id
          WHERE l.terminal_id = $1 AND l.n > $2 AND l.n <= $3 AND l.table_name = %L ORDER BY l.n', tbl.name, tbl.name, tbl.name)
         USING me.terminal_id, after_n, hi;
     END LOOP;
     IF hi >= r.total THEN
       DELETE FROM sync_repull_rows x WHERE x.terminal_id = me.terminal_id;
       DELETE FROM sync_repulls x WHERE x.terminal_id = me.terminal_id;
       RETURN QUERY SELECT NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::json, r.horizon::text, 0::bigint, pg_snapshot_xmax(pg_current_snapshot())::text;
     END IF;
   END $$`,

  `CREATE OR REPLACE FUNCTION sync_pull_rows(after_xid text, after_seq bigint, max_rows integer)
   RETURNS TABLE (t text, id text, deleted boolean, hlc text, data json, xid text, seq bigint, newest text)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   #variable_conflict use_column
   DECLARE
     me sync_terminals := sync_me();
     snap pg_snapshot;
     horizon xid8;
     after xid8 := coalesce(after_xid, '0')::xid8;
     after_s bigint := coalesce(after_seq, 0);
     log_floor xid8;
     marked timestamptz;
     n bigint;
   BEGIN
     IF max_rows IS NULL OR max_rows < 1 OR max_rows > 10000 THEN RAISE EXCEPTION 'max_rows must be 1..10000' USING ERRCODE = '22023'; END IF;
     PERFORM sync_end_stalled_terminals();
     SELECT f.floor, m.marked_at INTO log_floor, marked FROM sync_log_floor f LEFT JOIN sync_pull_marks m ON m.terminal_id = me.terminal_id;
     IF after < log_floor THEN
       -- Below the floor the log may be gone: the cinema and the catalogue from the tables (see the header).
       RETURN QUERY SELECT * FROM sync_repull_page(me, CASE WHEN after = '0' THEN after_s ELSE 0 END, max_rows);
       RETURN;
     END IF;
     -- The horizon before the mark is written (that write gives this transaction an id).
     snap := pg_current_snapshot();
     horizon := pg_snapshot_xmin(snap);
     IF marked IS NULL OR marked < now() - interval '${MARK_EVERY}' THEN
       INSERT INTO sync_pull_marks VALUES (me.terminal_id, after, now())
         ON CONFLICT (terminal_id) DO UPDATE SET pulled_xid = excluded.pulled_xid, marked_at = excluded.marked_at;
     END IF;
     -- Each part one range of idx_change_log_pull: its scope's entries between cursor and horizon.
     RETURN QUERY
       SELECT c.table_name, c.row_id, c.deleted, c.updated_at, c.data, c.xid::text, c.seq, NULL::text FROM (
         (SELECT * FROM change_log o
          WHERE (coalesce(o.scope_cinema_id, ''), o.xid, o.seq) > (me.cinema_id, after, after_s)
            AND (coalesce(o.scope_cinema_id, ''), o.xid) < (me.cinema_id, horizon)
            AND o.origin <> me.terminal_id
          ORDER BY coalesce(o.scope_cinema_id, ''), o.xid, o.seq LIMIT max_rows)
         UNION ALL
         (SELECT * FROM change_log s
          WHERE (coalesce(s.scope_cinema_id, ''), s.xid, s.seq) > ('', after, after_s)
            AND (coalesce(s.scope_cinema_id, ''), s.xid) < ('', horizon)
            AND s.origin <> me.terminal_id
          ORDER BY coalesce(s.scope_cinema_id, ''), s.xid, s.seq LIMIT max_rows)
       ) c
       ORDER BY c.xid, c.seq
       LIMIT max_rows;
     GET DIAGNOSTICS n = ROW_COUNT;
     IF n < max_rows THEN
       RETURN QUERY SELECT NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::json, horizon::text, 0::bigint, pg_snapshot_xmax(snap)::text;
     END IF;
   END $$`,

  /*
   * Raises the floor (never lowers it): the oldest cursor among live terminals (marked within
   * \`keep\`, not revoked), and not above the first change logged within \`keep\`. Returns the floor.
   */
  `CREATE FUNCTION sync_raise_log_floor(keep interval) RETURNS xid8
   LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
   DECLARE cut xid8; young xid8; f xid8;
   BEGIN
     IF keep IS NULL OR keep < interval '0' THEN RAISE EXCEPTION 'keep must be a positive interval' USING ERRCODE = '22023'; END IF;
     cut := pg_snapshot_xmin(pg_current_snapshot());
     SELECT min(m.pulled_xid) INTO young FROM sync_pull_marks m JOIN sync_terminals t ON t.terminal_id = m.terminal_id
      WHERE t.revoked_at IS NULL AND m.marked_at >= now() - keep;
     IF young IS NOT NULL AND young < cut THEN cut := young; END IF;
     -- The oldest rows first, by the primary key: stops at the first one logged within keep.
     SELECT c.xid INTO young FROM change_log c WHERE c.logged_at >= now() - keep ORDER BY c.xid, c.seq LIMIT 1;
     IF young IS NOT NULL AND young < cut THEN cut := young; END IF;
     UPDATE sync_log_floor SET floor = cut, raised_at = now() WHERE floor < cut RETURNING floor INTO f;
     RETURN coalesce(f, (SELECT floor FROM sync_log_floor));
   END $$`,
  // One batch below the floor (oldest first); 0 when nothing is left. Also drops re-pull lists nobody finished within a day.
  `CREATE FUNCTION sync_prune_change_log(batch integer) RETURNS bigint
   LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
   DECLARE n bigint;
   BEGIN
     IF batch IS NULL OR batch < 1 THEN RAISE EXCEPTION 'batch must be at least 1' USING ERRCODE = '22023'; END IF;
     DELETE FROM change_log c WHERE (c.xid, c.seq) IN (
       SELECT x.xid, x.seq FROM change_log x WHERE x.xid < (SELECT floor FROM sync_log_floor) ORDER BY x.xid, x.seq LIMIT batch);
     GET DIAGNOSTICS n = ROW_COUNT;
     IF n = 0 THEN
       DELETE FROM sync_repull_rows l USING sync_repulls r WHERE r.terminal_id = l.terminal_id AND r.started_at < now() - interval '1 day';
       DELETE FROM sync_repulls r WHERE r.started_at < now() - interval '1 day';
     END IF;
     RETURN n;
   END $$`,
  `REVOKE EXECUTE ON FUNCTION sync_repull_page(sync_terminals, bigint, integer), sync_raise_log_floor(interval), sync_prune_change_log(integer) FROM PUBLIC`,
];

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  // 0008's index and pull come back (its up is CREATE OR REPLACE); the pruned log does not.
  await pullFollowsOwnCinema.up(db);
  await sql`DROP FUNCTION sync_prune_change_log(integer), sync_raise_log_floor(interval), sync_repull_page(sync_terminals, bigint, integer)`.execute(db);
  await sql`DROP TABLE sync_repull_rows, sync_repulls, sync_log_floor, sync_pull_marks`.execute(db);
  await sql`ALTER TABLE change_log DROP COLUMN logged_at`.execute(db);
  await sql`DROP INDEX IF EXISTS idx_change_log_pull`.execute(db);
}
