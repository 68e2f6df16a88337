import { sql, type Kysely } from 'kysely';

/**
 * A terminal deletes only its own cinema's rows (and shared ones: films, distributors). Before,
 * `sync_apply_deletes` marked any row with a given id deleted, so a terminal that learned an id of
 * another cinema could delete that row on every terminal there. Now a delete naming a row of
 * another cinema refuses the whole batch, as an upsert naming another cinema already did.
 */

// Copied on purpose (a released migration never changes), as in 0002.
const SHARED_TABLES = ['films', 'distributors'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any database type
type AnyDb = Kysely<any>;

const guardedDeletes = `CREATE OR REPLACE FUNCTION sync_apply_deletes(tbl text, items jsonb) RETURNS bigint
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n bigint; scope text; foreign_id text;
   BEGIN
     scope := CASE WHEN tbl = ANY (ARRAY[${SHARED_TABLES.map((t) => `'${t}'`).join(', ')}]) THEN NULL ELSE (sync_me()).cinema_id END;
     EXECUTE format('SELECT cur.id FROM jsonb_array_elements($1) e JOIN %I cur ON cur.id = e->>''id''
                     WHERE cur.scope_cinema_id IS DISTINCT FROM $2 LIMIT 1', tbl) INTO foreign_id USING items, scope;
     IF foreign_id IS NOT NULL THEN
       RAISE EXCEPTION 'row % of % belongs to another cinema', foreign_id, tbl USING ERRCODE = '42501';
     END IF;
     EXECUTE format($q$
       WITH gone AS (
         UPDATE %1$I AS cur SET deleted = true, updated_at = e->>'hlc', origin = e->>'origin'
         FROM jsonb_array_elements($1) e
         WHERE cur.id = e->>'id' AND cur.updated_at < e->>'hlc'
         RETURNING cur.id, cur.scope_cinema_id, cur.origin, cur.updated_at
       )
       INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, deleted, updated_at, data)
       SELECT %1$L, id, scope_cinema_id, origin, true, updated_at, json_build_object('id', id, 'updated_at', updated_at, 'origin', origin) FROM gone
     $q$, tbl) USING items;
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`;

export async function up(db: AnyDb): Promise<void> {
  await sql.raw(guardedDeletes).execute(db);
}

export async function down(): Promise<void> {
  // The unguarded version let one cinema delete another's rows: it is not put back.
}
