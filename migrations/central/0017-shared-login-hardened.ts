import { sql, type Kysely } from 'kysely';

/**
 * The shared login cannot end or cancel its peers (issue 18 review of central 0015).
 *
 * PostgreSQL lets a role cancel and end every backend of the same role. Behind PgBouncer every
 * terminal's SQL runs as the shared login `box_office_pool`, so one hostile terminal could end the
 * backends serving every other terminal of the chain, over and over (`shared-pool-attacks.test.ts`).
 * `pg_cancel_backend` and `pg_terminate_backend` are revoked from PUBLIC in this database and given
 * back to `pg_signal_backend` (PostgreSQL's role for that job); the owner's guard that ends stalled
 * terminal transactions (`sync_end_stalled_terminals`) runs as this superuser. A client's own
 * cancellation (the protocol's cancel request, as PgBouncer and pg send it) is not affected.
 * Like the large-object revoke of 0004 it needs a superuser; otherwise `migrate` warns and
 * docs/operations.md gives the statement for a superuser to run.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`DO $$ DECLARE f regprocedure; BEGIN
     IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
       RAISE WARNING 'not a superuser: every login may still cancel and end the backends of its own role (README: what a superuser runs)';
       RETURN;
     END IF;
     FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN ('pg_cancel_backend', 'pg_terminate_backend')
     LOOP
       EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
       EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pg_signal_backend', f);
     END LOOP;
   END $$`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DO $$ DECLARE f regprocedure; BEGIN
     IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN RETURN; END IF;
     FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN ('pg_cancel_backend', 'pg_terminate_backend')
     LOOP
       EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', f);
     END LOOP;
   END $$`.execute(db);
}
