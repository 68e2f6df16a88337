import { sql, type Kysely } from 'kysely';

/**
 * Enrolment codes (issue 17): a new terminal joins with a one-time code instead of copied ids and
 * a login typed by hand.
 *
 * - **Codes are stored hashed** (`enrolment_codes.code_hash`, SHA-256 of the normalised code), for
 *   one cinema, with an expiry, used once. They are made by whoever issues them (the owner's CLI,
 *   or a terminal allowed to enrol) from 50 random bits; the centre never sees a code until it is
 *   redeemed.
 * - **Before it has a login** a terminal connects as `box_office_enrol`, a login whose password is
 *   published (`ENROL_LOGIN_PASSWORD`): its only right is EXECUTE on `redeem_enrolment_code`. That
 *   function creates the terminal's own login role (as `register-terminal` does) for a terminal id
 *   the centre has never seen (a code cannot take over a registered terminal's login, nor its right
 *   to enrol), with the SCRAM secret the terminal made of its own password: the password never
 *   reaches the centre, so no statement log or pg_stat_statements can hold it. Wrong codes are counted (`enrolment_attempts`): more than
 *   `MAX_FAILED_PER_CLIENT` from one address or `MAX_FAILED_OVERALL` in all within
 *   `ATTEMPT_WINDOW_MINUTES` refuse every further try for the rest of the window — at 50 bits,
 *   guessing stays hopeless. A refusal is an answer, not an error, so the count survives it.
 *   The caller owns the transaction, though, and a guess inside one it rolls back is not counted:
 *   so every redeem first waits `REDEEM_PAUSE_SECONDS` holding the one lock all redeems take,
 *   which no rollback gives back — at most 4 guesses a second in all, whoever asks.
 * - **A terminal allowed to enrol** (`sync_terminals.may_enrol`, set for a cinema's first terminal
 *   and by `enrol --may-enrol`) may issue codes for its own cinema and create a new cinema of the
 *   chain with a code for that cinema's first terminal. Its app lets only a signed-in
 *   administrator ask; the centre checks the flag (docs/sync-protocol.md, "Enrolment").
 * - **What the centre knows of each terminal**: the time of its last sync and the changes it said
 *   were waiting (`sync_heartbeat`), listed per cinema by `sync_cinema_terminals`.
 */

export const ENROL_LOGIN = 'box_office_enrol';
/** Public on purpose: the login can do nothing but redeem a code (see above). */
export const ENROL_LOGIN_PASSWORD = 'box_office_enrol';
export const ATTEMPT_WINDOW_MINUTES = 15;
export const MAX_FAILED_PER_CLIENT = 10;
export const MAX_FAILED_OVERALL = 200;
/** Longest validity a code may be given. */
export const MAX_CODE_VALID_MINUTES = 7 * 24 * 60;
/** Every redeem's wait under the redeem lock (see above): 4 guesses a second at most, a legitimate join hardly notices. */
export const REDEEM_PAUSE_SECONDS = 0.25;

/** An HLC stamped by the centre's clock (central rows written outside a push: a new cinema). */
const CENTRAL_HLC = (origin: string) => `lpad((extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 15, '0') || '-00000-' || ${origin}`;

const STATEMENTS: string[] = [
  `ALTER TABLE sync_terminals ADD COLUMN may_enrol boolean NOT NULL DEFAULT false`,
  `ALTER TABLE sync_terminals ADD COLUMN last_seen_at timestamptz`,
  `ALTER TABLE sync_terminals ADD COLUMN changes_waiting bigint`,
  `CREATE INDEX IF NOT EXISTS idx_sync_terminals_cinema ON sync_terminals (cinema_id)`,

  `CREATE TABLE enrolment_codes (
     code_hash text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
     cinema_id text NOT NULL,
     terminal_name text NOT NULL DEFAULT '',
     may_enrol boolean NOT NULL DEFAULT false,
     issued_at timestamptz NOT NULL DEFAULT now(),
     issued_by text NOT NULL,
     expires_at timestamptz NOT NULL,
     used_at timestamptz,
     used_by_terminal_id text
   )`,
  `CREATE TABLE enrolment_attempts (
     at timestamptz NOT NULL DEFAULT now(),
     client text NOT NULL,
     ok boolean NOT NULL
   )`,
  `CREATE INDEX idx_enrolment_attempts_at ON enrolment_attempts (at)`,

  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ENROL_LOGIN}') THEN
       -- A role is the cluster's: made once, by the first database's migration.
       CREATE ROLE ${ENROL_LOGIN} LOGIN PASSWORD '${ENROL_LOGIN_PASSWORD}' CONNECTION LIMIT 3;
       -- Anyone who reaches the port may log in and run any SELECT (a 10 s CPU burn, a string of
       -- hundreds of MB): few connections and short statements bound what that costs the server.
       ALTER ROLE ${ENROL_LOGIN} SET statement_timeout = '5s';
       ALTER ROLE ${ENROL_LOGIN} SET idle_in_transaction_session_timeout = '5s';
       -- Idle connections held open would block every enrolment (PostgreSQL 14+ ends them).
       IF current_setting('server_version_num')::int >= 140000 THEN
         ALTER ROLE ${ENROL_LOGIN} SET idle_session_timeout = '30s';
       END IF;
     END IF;
   END $$`,

  /** A cinema row with the defaults SPEC.md gives (as the terminal's createCinema), logged for its terminals' pulls. */
  `CREATE FUNCTION sync_insert_cinema(p_id text, p_name text, p_address text, p_timezone text, p_currency text, p_origin text) RETURNS void
   LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
   DECLARE hlc text := ${CENTRAL_HLC('p_origin')}; r cinemas;
   BEGIN
     IF p_id IS NULL OR p_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RAISE EXCEPTION 'a cinema id must be a UUID' USING ERRCODE = '22023'; END IF;
     IF coalesce(btrim(p_name), '') = '' THEN RAISE EXCEPTION 'The cinema needs a name.' USING ERRCODE = '22023'; END IF;
     IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = p_timezone) THEN RAISE EXCEPTION 'Time zone % is not known.', p_timezone USING ERRCODE = '22023'; END IF;
     IF p_currency IS NULL OR p_currency !~ '^[A-Z]{3}$' THEN RAISE EXCEPTION 'A currency is three capital letters (EUR, GBP, …).' USING ERRCODE = '22023'; END IF;
     IF EXISTS (SELECT 1 FROM cinemas WHERE id = p_id) THEN RAISE EXCEPTION 'cinema % exists already', p_id USING ERRCODE = '23505'; END IF;
     IF EXISTS (SELECT 1 FROM cinemas WHERE lower(name) = lower(btrim(p_name)) AND NOT deleted) THEN
       RAISE EXCEPTION 'The chain has a cinema named % already.', btrim(p_name) USING ERRCODE = '23505';
     END IF;
     INSERT INTO cinemas (id, name, address, timezone, currency, ticket_vat_bp, business_day_start, week_start_day, sales_close_minutes, hold_minutes,
                          bonus_accrual_bp, bonus_max_share_bp, hold_wheelchair_until_full, active, created_at, updated_at, origin, scope_cinema_id)
       VALUES (p_id, btrim(p_name), coalesce(btrim(p_address), ''), p_timezone, p_currency, 0, '06:00', 4, 15, 5, 1000, 5000, 1, 1,
               to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), hlc, p_origin, p_id)
       RETURNING * INTO r;
     INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
       VALUES ('cinemas', r.id, r.id, r.origin, r.updated_at, to_jsonb(r) - 'scope_cinema_id' - 'deleted');
   END $$`,

  /** A code (its hash) for a cinema; issued_by names the issuer ('owner' or a terminal id). */
  `CREATE FUNCTION sync_store_enrolment_code(p_code_hash text, p_cinema_id text, p_terminal_name text, p_valid_seconds integer, p_may_enrol boolean, p_issued_by text)
   RETURNS timestamptz LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
   DECLARE expires timestamptz;
   BEGIN
     IF p_code_hash IS NULL OR p_code_hash !~ '^[0-9a-f]{64}$' THEN RAISE EXCEPTION 'an enrolment code is stored as its SHA-256 (64 hex digits)' USING ERRCODE = '22023'; END IF;
     IF p_valid_seconds IS NULL OR p_valid_seconds < 60 OR p_valid_seconds > ${MAX_CODE_VALID_MINUTES * 60} THEN
       RAISE EXCEPTION 'A code is valid from 1 minute to 7 days.' USING ERRCODE = '22023';
     END IF;
     IF NOT EXISTS (SELECT 1 FROM cinemas WHERE id = p_cinema_id AND NOT deleted) THEN RAISE EXCEPTION 'The central database has no cinema %.', p_cinema_id USING ERRCODE = '22023'; END IF;
     IF length(coalesce(p_terminal_name, '')) > 60 THEN RAISE EXCEPTION 'A terminal name has at most 60 characters.' USING ERRCODE = '22023'; END IF;
     expires := now() + make_interval(secs => p_valid_seconds);
     INSERT INTO enrolment_codes (code_hash, cinema_id, terminal_name, may_enrol, issued_by, expires_at)
       VALUES (p_code_hash, p_cinema_id, coalesce(btrim(p_terminal_name), ''), coalesce(p_may_enrol, false), p_issued_by, expires);
     RETURN expires;
   END $$`,

  /*
   * The one thing box_office_enrol may call. Answers {ok: true, login, cinema_id, terminal_id, name,
   * may_enrol} or {ok: false, reason: THROTTLED | FORMAT | UNKNOWN | USED | EXPIRED | KNOWN_TERMINAL};
   * a refusal changes nothing but the attempt count. p_password_secret: the SCRAM-SHA-256 secret of
   * the password the terminal chose (never the password itself).
   */
  `CREATE FUNCTION redeem_enrolment_code(p_code text, p_terminal_id text, p_terminal_name text, p_public_key text, p_password_secret text) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE
     who text := coalesce(host(inet_client_addr()), 'local');
     t_code text; c enrolment_codes; t_role text; t_name text; refusal text;
   BEGIN
     -- One redeem at a time: the counts below and the code's use cannot race.
     LOCK TABLE enrolment_attempts IN SHARE ROW EXCLUSIVE MODE;
     -- Time no rollback gives back: guesses whose counts are rolled back still cost it (see above).
     PERFORM pg_sleep(${REDEEM_PAUSE_SECONDS});
     DELETE FROM enrolment_attempts WHERE at < now() - interval '1 day';
     IF (SELECT count(*) FROM enrolment_attempts WHERE NOT ok AND client = who AND at > now() - interval '${ATTEMPT_WINDOW_MINUTES} minutes') >= ${MAX_FAILED_PER_CLIENT}
        OR (SELECT count(*) FROM enrolment_attempts WHERE NOT ok AND at > now() - interval '${ATTEMPT_WINDOW_MINUTES} minutes') >= ${MAX_FAILED_OVERALL} THEN
       RETURN jsonb_build_object('ok', false, 'reason', 'THROTTLED', 'minutes', ${ATTEMPT_WINDOW_MINUTES});
     END IF;
     IF p_terminal_id IS NULL OR p_terminal_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        OR length(coalesce(p_terminal_name, '')) > 60 OR length(coalesce(p_public_key, '')) > 4000 OR length(coalesce(p_code, '')) > 64
        OR p_password_secret IS NULL OR p_password_secret !~ '^SCRAM-SHA-256\\$[0-9]{4,7}:[A-Za-z0-9+/]{16,64}={0,2}\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$' THEN
       RETURN jsonb_build_object('ok', false, 'reason', 'FORMAT');
     END IF;
     t_code := upper(regexp_replace(coalesce(p_code, ''), '[^0-9A-Za-z]', '', 'g'));
     SELECT * INTO c FROM enrolment_codes WHERE code_hash = encode(sha256(convert_to(t_code, 'UTF8')), 'hex') FOR UPDATE;
     refusal := CASE WHEN NOT FOUND THEN 'UNKNOWN' WHEN c.used_at IS NOT NULL THEN 'USED' WHEN c.expires_at <= now() THEN 'EXPIRED' END;
     IF refusal IS NOT NULL THEN
       INSERT INTO enrolment_attempts (client, ok) VALUES (who, false);
       RETURN jsonb_build_object('ok', false, 'reason', refusal);
     END IF;
     t_role := 'terminal_' || replace(p_terminal_id, '-', '');
     -- A known terminal (revoked or not) or a role of its name made otherwise keeps its login, its
     -- cinema and its right to enrol: only the owner registers one again. The code stays unused.
     IF EXISTS (SELECT 1 FROM sync_terminals WHERE terminal_id = p_terminal_id OR role_name = t_role) OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = t_role) THEN
       RETURN jsonb_build_object('ok', false, 'reason', 'KNOWN_TERMINAL');
     END IF;
     t_name := coalesce(nullif(btrim(c.terminal_name), ''), nullif(btrim(p_terminal_name), ''), '');
     EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE box_office_terminal', t_role, p_password_secret);
     PERFORM sync_limit_terminal_role(t_role);
     INSERT INTO sync_terminals (role_name, terminal_id, cinema_id, name, public_key, may_enrol)
       VALUES (t_role, p_terminal_id, c.cinema_id, t_name, nullif(p_public_key, ''), c.may_enrol);
     UPDATE enrolment_codes SET used_at = now(), used_by_terminal_id = p_terminal_id WHERE code_hash = c.code_hash;
     INSERT INTO enrolment_attempts (client, ok) VALUES (who, true);
     RETURN jsonb_build_object('ok', true, 'login', t_role, 'cinema_id', c.cinema_id, 'terminal_id', p_terminal_id, 'name', t_name, 'may_enrol', c.may_enrol);
   END $$`,

  // ---- terminals allowed to enrol ----------------------------------------------------------
  `CREATE FUNCTION sync_may_enrol() RETURNS sync_terminals LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me();
   BEGIN
     IF NOT me.may_enrol THEN
       RAISE EXCEPTION 'This terminal may not enrol terminals or create cinemas: the owner of the central database allows it (npm run central -- allow-enrol).' USING ERRCODE = '42501';
     END IF;
     RETURN me;
   END $$`,

  `CREATE FUNCTION sync_issue_enrolment_code(p_code_hash text, p_terminal_name text, p_valid_seconds integer) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_may_enrol(); expires timestamptz;
   BEGIN
     expires := sync_store_enrolment_code(p_code_hash, me.cinema_id, p_terminal_name, p_valid_seconds, false, me.terminal_id);
     RETURN jsonb_build_object('cinema_id', me.cinema_id, 'expires_at', expires);
   END $$`,

  /** A new cinema of the chain and a code for its first terminal (which may enrol the next ones). */
  `CREATE FUNCTION sync_create_cinema(p_id text, p_name text, p_address text, p_timezone text, p_currency text,
     p_code_hash text, p_terminal_name text, p_valid_seconds integer) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_may_enrol(); expires timestamptz;
   BEGIN
     PERFORM sync_insert_cinema(p_id, p_name, p_address, p_timezone, p_currency, me.terminal_id);
     expires := sync_store_enrolment_code(p_code_hash, p_id, p_terminal_name, p_valid_seconds, true, me.terminal_id);
     RETURN jsonb_build_object('cinema_id', p_id, 'expires_at', expires);
   END $$`,

  // ---- what the centre knows of its terminals ---------------------------------------------
  `CREATE FUNCTION sync_heartbeat(p_changes_waiting bigint) RETURNS void
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   BEGIN
     UPDATE sync_terminals SET last_seen_at = now(), changes_waiting = greatest(coalesce(p_changes_waiting, 0), 0)
      WHERE role_name = session_user AND revoked_at IS NULL;
   END $$`,

  `CREATE FUNCTION sync_cinema_terminals() RETURNS TABLE (terminal_id text, name text, registered_at timestamptz, last_seen_at timestamptz,
     changes_waiting bigint, may_enrol boolean, revoked boolean)
   LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me();
   BEGIN
     RETURN QUERY SELECT t.terminal_id, t.name, t.registered_at, t.last_seen_at, t.changes_waiting, t.may_enrol, t.revoked_at IS NOT NULL
       FROM sync_terminals t WHERE t.cinema_id = me.cinema_id ORDER BY t.registered_at, t.terminal_id;
   END $$`,

  `REVOKE ALL ON enrolment_codes, enrolment_attempts FROM PUBLIC`,
  `REVOKE EXECUTE ON FUNCTION sync_insert_cinema(text, text, text, text, text, text), sync_store_enrolment_code(text, text, text, integer, boolean, text),
     redeem_enrolment_code(text, text, text, text, text), sync_may_enrol(), sync_issue_enrolment_code(text, text, integer),
     sync_create_cinema(text, text, text, text, text, text, text, integer), sync_heartbeat(bigint), sync_cinema_terminals() FROM PUBLIC`,
  `GRANT USAGE ON SCHEMA public TO ${ENROL_LOGIN}`,
  `GRANT EXECUTE ON FUNCTION redeem_enrolment_code(text, text, text, text, text) TO ${ENROL_LOGIN}`,
  `GRANT EXECUTE ON FUNCTION sync_issue_enrolment_code(text, text, integer), sync_create_cinema(text, text, text, text, text, text, text, integer),
     sync_heartbeat(bigint), sync_cinema_terminals() TO box_office_terminal`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const fn of ['sync_cinema_terminals()', 'sync_heartbeat(bigint)', 'sync_create_cinema(text, text, text, text, text, text, text, integer)',
    'sync_issue_enrolment_code(text, text, integer)', 'sync_may_enrol()', 'redeem_enrolment_code(text, text, text, text, text)',
    'sync_store_enrolment_code(text, text, text, integer, boolean, text)', 'sync_insert_cinema(text, text, text, text, text, text)']) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${fn}`).execute(db);
  }
  await sql.raw(`REVOKE ALL ON SCHEMA public FROM ${ENROL_LOGIN}`).execute(db);
  await sql.raw('DROP TABLE IF EXISTS enrolment_attempts, enrolment_codes').execute(db);
  for (const c of ['changes_waiting', 'last_seen_at', 'may_enrol']) await sql.raw(`ALTER TABLE sync_terminals DROP COLUMN IF EXISTS ${c}`).execute(db);
}
