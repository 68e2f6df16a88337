import { sql, type Kysely } from 'kysely';

/**
 * Issue 18: a pull's cost follows the terminal's own cinema, not the chain. The pull read
 * change_log in (xid, seq) order and filtered the cinema afterwards, so an idle pull walked every
 * cinema's changes of the poll window and a day's catch-up every cinema's day (bench `chain`:
 * 7× the cost with 200 cinemas writing instead of one). Now an index by (scope, xid, seq) and a
 * pull of two ordered parts — the terminal's cinema, the shared catalogue (scope NULL) — merged
 * in (xid, seq) order: other cinemas' rows are never visited. The rest of sync_pull_rows (0004) is
 * unchanged: the horizon snapshot rule, the cursor row, the stalled-terminal check.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

const PULL = `CREATE OR REPLACE FUNCTION sync_pull_rows(after_xid text, after_seq bigint, max_rows integer)
   RETURNS TABLE (t text, id text, deleted boolean, hlc text, data json, xid text, seq bigint, newest text)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   #variable_conflict use_column
   DECLARE
     me sync_terminals := sync_me();
     snap pg_snapshot;
     horizon xid8;
     after xid8 := coalesce(after_xid, '0')::xid8;
     after_s bigint := coalesce(after_seq, 0);
     n bigint;
   BEGIN
     IF max_rows IS NULL OR max_rows < 1 OR max_rows > 10000 THEN RAISE EXCEPTION 'max_rows must be 1..10000' USING ERRCODE = '22023'; END IF;
     PERFORM sync_end_stalled_terminals();
     snap := pg_current_snapshot();
     horizon := pg_snapshot_xmin(snap);
     RETURN QUERY
       SELECT c.table_name, c.row_id, c.deleted, c.updated_at, c.data, c.xid::text, c.seq, NULL::text FROM (
         (SELECT * FROM change_log o
          WHERE o.scope_cinema_id = me.cinema_id AND (o.xid, o.seq) > (after, after_s) AND o.xid < horizon AND o.origin <> me.terminal_id
          ORDER BY o.xid, o.seq LIMIT max_rows)
         UNION ALL
         (SELECT * FROM change_log s
          WHERE s.scope_cinema_id IS NULL AND (s.xid, s.seq) > (after, after_s) AND s.xid < horizon AND s.origin <> me.terminal_id
          ORDER BY s.xid, s.seq LIMIT max_rows)
       ) c
       ORDER BY c.xid, c.seq
       LIMIT max_rows;
     GET DIAGNOSTICS n = ROW_COUNT;
     IF n < max_rows THEN
       RETURN QUERY SELECT NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::json, horizon::text, 0::bigint, pg_snapshot_xmax(snap)::text;
     END IF;
   END $$`;

export async function up(db: AnyDb): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS idx_change_log_scope_xid ON change_log (scope_cinema_id, xid, seq)`.execute(db);
  await sql.raw(PULL).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  // 0004's pull: one walk in (xid, seq) order, the cinema filtered afterwards.
  await sql.raw(`CREATE OR REPLACE FUNCTION sync_pull_rows(after_xid text, after_seq bigint, max_rows integer)
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
   END $$`).execute(db);
  await sql`DROP INDEX IF EXISTS idx_change_log_scope_xid`.execute(db);
}
