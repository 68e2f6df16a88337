import { sql, type Kysely } from 'kysely';
import { TERMINAL_IDLE_IN_TRANSACTION_TIMEOUT, TERMINAL_STATEMENT_TIMEOUT } from './0004-terminal-reaches-own-cinema-only';

/**
 * Terminals share the centre's server connections (issue 18), each still only itself.
 *
 * A terminal's own login role costs one PostgreSQL backend per terminal at a time, and a new
 * backend costs the centre ~25× a pull (README "A chain on one central PostgreSQL"). Behind a
 * pooler, many terminals must take turns on a few warm backends — which then all log in as ONE
 * role, so the terminal can no longer be told by `session_user`. It is told by a key instead:
 *
 * - **The shared login `box_office_pool`** (no LOGIN until the owner runs `npm run central --
 *   pool-login`, whose password only the pooler's configuration holds; terminals never see it) is a
 *   member of `box_office_terminal`, so it may call the sync functions and nothing else.
 * - **The terminal key**: every transaction on that login first sets
 *   `box_office.terminal_key` for that transaction only (`set_config(…, true)`): a 256-bit secret the
 *   terminal derives from its own password (central-client.ts `terminalKeyOf`). The centre keeps
 *   only its SHA-256 (`sync_terminals.key_hash`: written by register-terminal, or given by the terminal itself on
 *   its own login with `sync_set_terminal_key`, as a newly enrolled terminal does).
 *   `sync_me()` — the one place every sync function asks who is calling — reads the terminal from
 *   the key on the shared login and from `session_user` on a terminal's own login, as before. A
 *   missing, wrong or revoked terminal's key is refused like an unknown login (42501).
 * - A setting made for a whole session (not the transaction) could outlive its terminal on a
 *   shared backend; it would only ever be that terminal's own key, and the pooler resets every
 *   server connection after each transaction (`SHARED_RESET_QUERY`, docs/operations.md).
 * - The shared login has the terminal logins' timeouts; its pooled backends count as terminal
 *   sessions for the guard against a transaction holding every pull (`sync_end_stalled_terminals`).
 *
 * Reviewed as a hostile terminal would use it (`shared-pool-attacks.test.ts`):
 *
 * **A call carrying no key is nobody.** On a warm shared backend an unset key reads as '' (the
 * setting exists once any transaction set it), and the SHA-256 of '' would be looked up. A terminal
 * could give that hash on its own login (`sync_set_terminal_key`) and then every call on the shared
 * login that carried no key — a terminal pointed at the shared entry without `?pool=shared` — ran as
 * that terminal. So an empty key is refused before the lookup, and the empty key's hash is no key.
 *
 * **Keys stay out of the server log**: the shared login's `log_parameter_max_length` is 0 (a slow
 * push logged with `log_min_duration_statement` would otherwise carry its key parameter). A
 * superuser-only setting, so neither a session nor the login itself can raise it.
 *
 * **No terminal keeps a shared server connection for itself.** A terminal may switch its own
 * timeouts off (they are its session's settings) and leave a transaction open, or a statement
 * running, that has no transaction id: 0013's guard ends only transactions holding the pull horizon
 * (with an id), so with as many client connections as the pool has servers one terminal would stall the
 * whole chain for good. This guard also ends a shared backend whose transaction is older than
 * the limit, id or not (every sync call ends within the statement timeout, shorter than it).
 *
 * **The shared login's defaults are put back.** PostgreSQL lets every role change its own defaults
 * (`ALTER ROLE <self> [IN DATABASE …] SET …`) and no privilege takes that away: through PgBouncer a
 * terminal could give `box_office_pool` a `search_path` without `public` (every new pooled backend
 * then fails every call), `statement_timeout = 1`, `default_transaction_read_only`, … for the whole
 * chain, for good. The guard (every pull) finds any default of the shared login other than its
 * own and puts them back. Still open: a backend PgBouncer opens before the next pull keeps the
 * changed default for its lifetime (`server_lifetime`), and the login's own password (pg_hba `cert`
 * or `peer` for it, docs/operations.md).
 *
 * **The shared login cannot end or cancel its peers.** PostgreSQL lets a role cancel and end
 * every backend of the same role. Behind PgBouncer every terminal's SQL runs as the shared login `box_office_pool`, so one hostile terminal could end the
 * backends serving every other terminal of the chain, over and over (`shared-pool-attacks.test.ts`).
 * `pg_cancel_backend` and `pg_terminate_backend` are revoked from PUBLIC in this database and given
 * back to `pg_signal_backend` (PostgreSQL's role for that job); the owner's guard that ends stalled
 * terminal transactions (`sync_end_stalled_terminals`) runs as this superuser. A client's own
 * cancellation (the protocol's cancel request, as PgBouncer and pg send it) is not affected.
 * Like the large-object revoke of 0004 it needs a superuser; otherwise `migrate` warns and
 * docs/operations.md gives the statement for a superuser to run.
 */
export const POOL_LOGIN = 'box_office_pool';
export const TERMINAL_KEY_SETTING = 'box_office.terminal_key';

/**
 * What PgBouncer runs on a shared server connection after every transaction (`server_reset_query`,
 * with `server_reset_query_always = 1`): RESET ALL alone leaves a role set with SET ROLE, cursors
 * WITH HOLD (their temporary files), prepared statements, LISTENs and session advisory locks of
 * one terminal on the backend the next terminal gets. (DISCARD ALL would also make the sync
 * functions plan their statements afresh after every call.)
 */
export const SHARED_RESET_QUERY = 'RESET ALL; RESET ROLE; CLOSE ALL; DEALLOCATE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all()';

const EMPTY_KEY_HASH = `sha256(''::bytea)`;

/** The shared login's own defaults (the terminal logins' timeouts; the log setting, written by a superuser). */
const POOL_DEFAULTS = [`statement_timeout=${TERMINAL_STATEMENT_TIMEOUT}`, `idle_in_transaction_session_timeout=${TERMINAL_IDLE_IN_TRANSACTION_TIMEOUT}`, 'log_parameter_max_length=0'];
const POOL_DEFAULTS_SQL = `ARRAY[${POOL_DEFAULTS.map((d) => `'${d}'`).join(', ')}]::text[]`;

const STATEMENTS = [
  `ALTER TABLE sync_terminals ADD COLUMN key_hash bytea UNIQUE CHECK (key_hash IS NULL OR length(key_hash) = 32)`,
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${POOL_LOGIN}') THEN CREATE ROLE ${POOL_LOGIN} NOLOGIN IN ROLE box_office_terminal; END IF;
   END $$`,
  `ALTER ROLE ${POOL_LOGIN} SET statement_timeout = '${TERMINAL_STATEMENT_TIMEOUT}'`,
  `ALTER ROLE ${POOL_LOGIN} SET idle_in_transaction_session_timeout = '${TERMINAL_IDLE_IN_TRANSACTION_TIMEOUT}'`,

  `CREATE OR REPLACE FUNCTION sync_me() RETURNS sync_terminals LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals; k text;
   BEGIN
     IF session_user = '${POOL_LOGIN}' THEN
       k := current_setting('${TERMINAL_KEY_SETTING}', true);
       IF coalesce(k, '') <> '' THEN
         SELECT * INTO me FROM sync_terminals WHERE key_hash = sha256(convert_to(k, 'UTF8')) AND revoked_at IS NULL;
       END IF;
       IF me.terminal_id IS NULL THEN RAISE EXCEPTION 'this call on the shared login carries no key of a registered terminal' USING ERRCODE = '42501'; END IF;
     ELSE
       SELECT * INTO me FROM sync_terminals WHERE role_name = session_user AND revoked_at IS NULL;
       IF NOT FOUND THEN RAISE EXCEPTION 'login % is not a registered terminal', session_user USING ERRCODE = '42501'; END IF;
     END IF;
     RETURN me;
   END $$`,

  // 0011 wrote the heartbeat by login: by the terminal sync_me() names, on either login.
  `CREATE OR REPLACE FUNCTION sync_heartbeat(p_changes_waiting bigint) RETURNS void
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me();
   BEGIN
     UPDATE sync_terminals SET last_seen_at = now(), changes_waiting = greatest(coalesce(p_changes_waiting, 0), 0)
      WHERE terminal_id = me.terminal_id;
   END $$`,

  // 0010: voucher balances are the centre's sums — never written by a terminal, on either login.
  `CREATE OR REPLACE FUNCTION sync_voucher_balances_centre_only() RETURNS trigger
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   BEGIN
     IF pg_trigger_depth() < 2 AND (session_user = '${POOL_LOGIN}' OR EXISTS (SELECT 1 FROM sync_terminals t WHERE t.role_name = session_user)) THEN
       RAISE EXCEPTION 'gift_voucher_balances are summed by the central database, never pushed' USING ERRCODE = '42501';
     END IF;
     RETURN coalesce(NEW, OLD);
   END $$`,

  // Any default of the shared login but its own, removed (in every database), its own put back.
  `CREATE FUNCTION sync_restore_pool_login() RETURNS void
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE d text; c text;
   BEGIN
     FOR d IN SELECT db.datname FROM pg_db_role_setting s JOIN pg_database db ON db.oid = s.setdatabase
              WHERE s.setrole = '${POOL_LOGIN}'::regrole LOOP
       EXECUTE format('ALTER ROLE ${POOL_LOGIN} IN DATABASE %I RESET ALL', d);
     END LOOP;
     FOR c IN SELECT split_part(x, '=', 1) FROM pg_db_role_setting s, unnest(s.setconfig) x
              WHERE s.setrole = '${POOL_LOGIN}'::regrole AND s.setdatabase = 0 AND x <> ALL (${POOL_DEFAULTS_SQL}) LOOP
       CONTINUE WHEN c !~ '^[A-Za-z_][A-Za-z0-9_.]*$';
       EXECUTE format('ALTER ROLE ${POOL_LOGIN} RESET %s', c);
     END LOOP;
     ALTER ROLE ${POOL_LOGIN} SET statement_timeout = '${TERMINAL_STATEMENT_TIMEOUT}';
     ALTER ROLE ${POOL_LOGIN} SET idle_in_transaction_session_timeout = '${TERMINAL_IDLE_IN_TRANSACTION_TIMEOUT}';
   END $$`,
  `REVOKE EXECUTE ON FUNCTION sync_restore_pool_login() FROM PUBLIC`,
  // 0013's guard: a shared backend's transaction older than the limit is ended even without an id;
  // the shared login's defaults are put back when they are not its own.
  `CREATE OR REPLACE FUNCTION sync_end_stalled_terminals() RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n integer := 0; r record; pool oid := (SELECT oid FROM pg_roles WHERE rolname = '${POOL_LOGIN}');
   BEGIN
     IF EXISTS (SELECT 1 FROM pg_db_role_setting s WHERE s.setrole = pool AND (s.setdatabase <> 0 OR NOT s.setconfig <@ ${POOL_DEFAULTS_SQL})) THEN
       BEGIN
         PERFORM sync_restore_pool_login();
       EXCEPTION WHEN OTHERS THEN
         RAISE WARNING 'the shared login''s settings were changed and could not be put back: %', SQLERRM;
       END;
     END IF;
     FOR r IN
       SELECT s.pid, s.usesysid FROM pg_stat_get_activity(NULL) s
       WHERE (s.backend_xid IS NOT NULL OR s.usesysid = pool) AND s.pid <> pg_backend_pid()
         AND s.xact_start < now() - make_interval(secs => (SELECT max_terminal_xact_seconds FROM sync_limits))
     LOOP
       CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles p LEFT JOIN sync_terminals t ON t.role_name = p.rolname
                                  WHERE p.oid = r.usesysid AND (t.role_name IS NOT NULL OR p.oid = pool))
                  OR NOT EXISTS (SELECT 1 FROM pg_stat_get_activity(r.pid) a JOIN pg_database d ON d.oid = a.datid WHERE d.datname = current_database());
       BEGIN
         IF pg_terminate_backend(r.pid) THEN n := n + 1; END IF;
       EXCEPTION WHEN insufficient_privilege THEN NULL;
       END;
     END LOOP;
     RETURN n;
   END $$`,

  // A terminal gives the centre its key's hash on its OWN login (the password proves who it is):
  // right after enrolment (join-cinema.ts), or later for a terminal enrolled before this migration.
  `CREATE FUNCTION sync_set_terminal_key(p_key_hash text) RETURNS void
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me();
   BEGIN
     IF session_user = '${POOL_LOGIN}' THEN
       RAISE EXCEPTION 'a terminal key is set on the terminal''s own login only' USING ERRCODE = '42501';
     END IF;
     IF p_key_hash IS NULL OR p_key_hash !~ '^[0-9a-f]{64}$' THEN
       RAISE EXCEPTION 'a terminal key hash is 64 hexadecimal digits' USING ERRCODE = '22023';
     END IF;
     IF decode(p_key_hash, 'hex') = ${EMPTY_KEY_HASH} THEN
       RAISE EXCEPTION 'the hash of an empty key is not a key' USING ERRCODE = '22023';
     END IF;
     UPDATE sync_terminals SET key_hash = decode(p_key_hash, 'hex') WHERE terminal_id = me.terminal_id;
   END $$`,
  `REVOKE EXECUTE ON FUNCTION sync_set_terminal_key(text) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_set_terminal_key(text) TO box_office_terminal`,
  // Peers cannot be cancelled or ended, and keys stay out of the log (a superuser's part).
  `DO $$ DECLARE f regprocedure; BEGIN
     IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
       RAISE WARNING 'not a superuser: every login may still cancel and end the backends of its own role (README: what a superuser runs)';
       RETURN;
     END IF;
     ALTER ROLE ${POOL_LOGIN} SET log_parameter_max_length = 0;
     FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN ('pg_cancel_backend', 'pg_terminate_backend')
     LOOP
       EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
       EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pg_signal_backend', f);
     END LOOP;
   END $$`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS sync_restore_pool_login()`.execute(db);
  await sql`DO $$ DECLARE f regprocedure; BEGIN
     IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN RETURN; END IF;
     FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN ('pg_cancel_backend', 'pg_terminate_backend')
     LOOP
       EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', f);
     END LOOP;
   END $$`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sync_set_terminal_key(text)`.execute(db);
  await sql`ALTER TABLE sync_terminals DROP COLUMN IF EXISTS key_hash`.execute(db);
}
