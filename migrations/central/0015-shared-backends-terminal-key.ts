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
 *   server connection after each transaction (`server_reset_query = RESET ALL`, docs/operations.md).
 * - The shared login has the terminal logins' timeouts; its pooled backends count as terminal
 *   sessions for the guard against a transaction holding every pull (`sync_end_stalled_terminals`).
 */
export const POOL_LOGIN = 'box_office_pool';
export const TERMINAL_KEY_SETTING = 'box_office.terminal_key';

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
       SELECT * INTO me FROM sync_terminals WHERE key_hash = sha256(convert_to(coalesce(k, ''), 'UTF8')) AND revoked_at IS NULL;
       IF NOT FOUND THEN RAISE EXCEPTION 'this call on the shared login carries no key of a registered terminal' USING ERRCODE = '42501'; END IF;
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

  // 0013's guard, with the shared login's backends counted as terminal sessions.
  `CREATE OR REPLACE FUNCTION sync_end_stalled_terminals() RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE n integer := 0; r record;
   BEGIN
     FOR r IN
       SELECT s.pid, s.usesysid FROM pg_stat_get_activity(NULL) s
       WHERE s.backend_xid IS NOT NULL AND s.pid <> pg_backend_pid()
         AND s.xact_start < now() - make_interval(secs => (SELECT max_terminal_xact_seconds FROM sync_limits))
     LOOP
       CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles p LEFT JOIN sync_terminals t ON t.role_name = p.rolname
                                  WHERE p.oid = r.usesysid AND (t.role_name IS NOT NULL OR p.rolname = '${POOL_LOGIN}'))
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
     UPDATE sync_terminals SET key_hash = decode(p_key_hash, 'hex') WHERE terminal_id = me.terminal_id;
   END $$`,
  `REVOKE EXECUTE ON FUNCTION sync_set_terminal_key(text) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_set_terminal_key(text) TO box_office_terminal`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS sync_set_terminal_key(text)`.execute(db);
  await sql`ALTER TABLE sync_terminals DROP COLUMN IF EXISTS key_hash`.execute(db);
}
