import { sql, type Kysely } from 'kysely';

/**
 * Rule 18 across terminals: a reservation made online is held centrally for the terminal that made
 * it (up to an hour, until the sync has spread the reservation). When the customer picks it up at
 * another terminal, that terminal takes those holds over — only for the seats of a live
 * (active) reservation of its own cinema the centre knows — so the sale's central confirmation finds
 * the seats held for it instead of "being sold at another terminal". Whether the reservation has run
 * out is the terminal's check (pickUpReservation, on the cinema's clock); such a hold ends within the hour anyway.
 */
const STATEMENTS = [
  `CREATE FUNCTION sync_pick_up_reservation(p_reservation_id text) RETURNS integer
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); n integer;
   BEGIN
     UPDATE central_holds h SET terminal_id = me.terminal_id
       FROM reservation_seats rs JOIN reservations r ON r.id = rs.reservation_id
      WHERE r.id = p_reservation_id AND r.cinema_id = me.cinema_id AND r.status = 'ACTIVE' AND NOT r.deleted AND NOT rs.deleted
        AND h.session_id = rs.session_id AND h.seat_id = rs.seat_id AND h.cinema_id = me.cinema_id;
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`,
  `REVOKE EXECUTE ON FUNCTION sync_pick_up_reservation(text) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_pick_up_reservation(text) TO box_office_terminal`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql.raw('DROP FUNCTION IF EXISTS sync_pick_up_reservation(text)').execute(db);
}
