import { sql, type Kysely } from 'kysely';

/**
 * Issue 20 centrally: the two columns local migration 0005 added to synced tables, so a refund's
 * reason and the concession units written off as waste reach the centre and every terminal of the
 * cinema (the push and pull read a table's columns from the catalogue, so a column is all it takes).
 * A terminal of an older version pushes its rows without them (NULL from jsonb_populate_recordset):
 * a refund then has no reason, and a concession line counts no waste.
 *
 * Likewise a cinema row from an older terminal lacks the counter settings of 0007 (reservation
 * release minutes, blind cash-up, ID-check ratings): it keeps what the centre has, or the defaults
 * for a new row — as 0006 does for the legal name — instead of being refused by NOT NULL and
 * stopping that terminal's push.
 */
const STATEMENTS = [
  `ALTER TABLE payments ADD COLUMN refund_reason text`,
  `ALTER TABLE order_concession_lines ADD COLUMN wasted_quantity bigint NOT NULL DEFAULT 0`,
  `CREATE FUNCTION sync_concession_line_waste_default() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.wasted_quantity := coalesce(NEW.wasted_quantity, 0);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER order_concession_lines_waste_default BEFORE INSERT ON order_concession_lines FOR EACH ROW EXECUTE FUNCTION sync_concession_line_waste_default()`,
  `CREATE FUNCTION sync_cinema_keeps_counter_settings() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.reservation_release_minutes IS NULL OR NEW.blind_cash_up IS NULL OR NEW.id_check_ratings IS NULL THEN
       SELECT coalesce(NEW.reservation_release_minutes, c.reservation_release_minutes), coalesce(NEW.blind_cash_up, c.blind_cash_up),
              coalesce(NEW.id_check_ratings, c.id_check_ratings)
         INTO NEW.reservation_release_minutes, NEW.blind_cash_up, NEW.id_check_ratings FROM cinemas c WHERE c.id = NEW.id;
       NEW.reservation_release_minutes := coalesce(NEW.reservation_release_minutes, 30);
       NEW.blind_cash_up := coalesce(NEW.blind_cash_up, 0);
       NEW.id_check_ratings := coalesce(NEW.id_check_ratings, '{}');
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER cinemas_keep_counter_settings BEFORE INSERT OR UPDATE ON cinemas FOR EACH ROW EXECUTE FUNCTION sync_cinema_keeps_counter_settings()`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql.raw('DROP TRIGGER IF EXISTS cinemas_keep_counter_settings ON cinemas').execute(db);
  await sql.raw('DROP FUNCTION IF EXISTS sync_cinema_keeps_counter_settings()').execute(db);
  await sql.raw('DROP TRIGGER IF EXISTS order_concession_lines_waste_default ON order_concession_lines').execute(db);
  await sql.raw('DROP FUNCTION IF EXISTS sync_concession_line_waste_default()').execute(db);
  await sql.raw('ALTER TABLE order_concession_lines DROP COLUMN IF EXISTS wasted_quantity').execute(db);
  await sql.raw('ALTER TABLE payments DROP COLUMN IF EXISTS refund_reason').execute(db);
}
