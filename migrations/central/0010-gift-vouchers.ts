import { sql, type Kysely } from 'kysely';

/**
 * Rule 17 centrally (issue 14 item 6): gift vouchers usable in every cinema of the chain, without
 * loosening 0004's rule that a terminal reaches its own cinema only.
 *
 * - `gift_vouchers` is a synced table of the CHAIN (shared: no cinema scope, like films) and
 *   written once (insert-once: a later push of the same id changes nothing, deletes are refused).
 *   Its `cinema_id` is checked by the push like every `cinema_id`: a terminal issues vouchers of its
 *   own cinema only. Every cinema pulls every voucher, so a code sold in cinema A is known in B.
 *   The code itself is a bearer secret and is not stored: only its scrypt lookup key `code_hash`
 *   (unique; see electron/core/vouchers/voucher-code.ts) and `code_last4` for reports and conflicts.
 * - `gift_voucher_movements` (sale +, redemption −, refund +, a manager's adjustment) are rows of
 *   the cinema that made them, written once. Their references are data like every other table's
 *   (`sync_references`): `voucher_id` must name a voucher of the chain, `order_id`, `payment_id`
 *   and `terminal_id` a row of the pusher's own cinema — so a terminal can redeem cinema A's
 *   voucher on its own order, but cannot put a movement on another cinema's order or payment.
 *   CHECKs keep each kind's sign (a terminal cannot top a voucher up with a "redemption").
 * - `gift_voucher_balances` is written by the centre alone: after every movement that lands, the voucher's movements are summed per cinema
 *   (`by_cinema`) and in total, under a row lock on the voucher so two cinemas' pushes of the same
 *   voucher queue and each sums what is committed. The row goes to the change log without a
 *   scope (the whole chain pulls it) and an HLC of the centre that only grows. A terminal's balance
 *   of a voucher is then the other cinemas' sums from this row plus its own cinema's movements.
 * - Online, a terminal asks for a voucher's sums right before it shows or spends it
 *   (`sync_voucher_balance(id)`: any voucher of the chain, read only), so the balance at the counter
 *   is the centre's, not the one of the last pull; offline it is the one it last knew.
 * - **No cinema puts more on a voucher than was paid for it** (checked at the push's commit, so the
 *   order of rows in a batch does not matter): its SALE is made once, by the cinema that sold it, for
 *   the voucher's amount; a REFUND gives back at most what that order redeemed of it; a positive
 *   ADJUSTMENT (an overdraft written off) at most what that cinema redeemed of it, or more only while
 *   it leaves the voucher at no more than 0. So no cinema's sum but the seller's rises above 0 by its
 *   own movements, and the total stays ≤ the amount sold — a hostile terminal of cinema B
 *   cannot mint money on A's voucher (or its own) with a forged SALE, REFUND or ADJUSTMENT. A voucher
 *   is sold in its cinema's currency.
 * - A voucher whose total falls below 0 (two cinemas, or a terminal offline, redeemed more than
 *   was on it) opens a VOUCHER_OVERDRAWN conflict of the cinema whose push overdrew it (0006 added
 *   the kind); its manager resolves it on the Sync screen like an overdrawn bonus account.
 */

const VOUCHER_COLUMNS = [
  'id text PRIMARY KEY',
  'code_hash text NOT NULL CHECK (length(code_hash) = 64)',
  'code_last4 text NOT NULL CHECK (length(code_last4) = 4)',
  'cinema_id text NOT NULL',
  'amount bigint NOT NULL CHECK (amount > 0)',
  'currency text NOT NULL',
  'sold_at text NOT NULL',
];
const MOVEMENT_COLUMNS = [
  'id text PRIMARY KEY',
  'voucher_id text NOT NULL',
  'cinema_id text NOT NULL',
  `kind text NOT NULL CHECK (kind IN ('SALE', 'REDEMPTION', 'REFUND', 'ADJUSTMENT'))`,
  'amount bigint NOT NULL CHECK (amount <> 0)',
  'order_id text',
  'payment_id text',
  'terminal_id text NOT NULL',
  'at text NOT NULL',
  'note text',
];
const SYNC_COLUMNS = ['created_at text NOT NULL', 'updated_at text NOT NULL', 'origin text NOT NULL', 'scope_cinema_id text', 'deleted boolean NOT NULL DEFAULT false'];

const REFERENCES: [table: string, column: string, parent: string][] = [
  ['gift_voucher_movements', 'voucher_id', 'gift_vouchers'],
  ['gift_voucher_movements', 'order_id', 'orders'],
  ['gift_voucher_movements', 'payment_id', 'payments'],
  ['gift_voucher_movements', 'terminal_id', 'terminals'],
];

const STATEMENTS = [
  `CREATE TABLE gift_vouchers (${[...VOUCHER_COLUMNS, ...SYNC_COLUMNS].join(', ')})`,
  `CREATE UNIQUE INDEX uq_gift_vouchers_code_hash ON gift_vouchers (code_hash)`,
  `CREATE TABLE gift_voucher_movements (${[...MOVEMENT_COLUMNS, ...SYNC_COLUMNS].join(', ')},
     CHECK (kind <> 'SALE' OR (amount > 0 AND order_id IS NOT NULL)),
     CHECK (kind <> 'REDEMPTION' OR (amount < 0 AND payment_id IS NOT NULL)),
     CHECK (kind <> 'REFUND' OR (amount > 0 AND payment_id IS NOT NULL)))`,
  `CREATE INDEX idx_gift_voucher_movements_voucher ON gift_voucher_movements (voucher_id)`,
  `CREATE INDEX idx_gift_voucher_movements_scope ON gift_voucher_movements (scope_cinema_id)`,
  `CREATE TABLE gift_voucher_balances (
     id text PRIMARY KEY,
     balance bigint NOT NULL,
     by_cinema jsonb NOT NULL,
     updated_at text NOT NULL,
     origin text NOT NULL,
     scope_cinema_id text,
     deleted boolean NOT NULL DEFAULT false
   )`,
  `CREATE FUNCTION sync_voucher_balances_centre_only() RETURNS trigger
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   BEGIN
     IF pg_trigger_depth() < 2 AND EXISTS (SELECT 1 FROM sync_terminals t WHERE t.role_name = session_user) THEN
       RAISE EXCEPTION 'gift_voucher_balances are summed by the central database, never pushed' USING ERRCODE = '42501';
     END IF;
     RETURN coalesce(NEW, OLD);
   END $$`,
  `CREATE TRIGGER gift_voucher_balances_centre_only BEFORE INSERT OR UPDATE OR DELETE ON gift_voucher_balances FOR EACH ROW EXECUTE FUNCTION sync_voucher_balances_centre_only()`,
  `INSERT INTO sync_tables (name, push_order, shared, insert_once) VALUES
   ('gift_vouchers', 283, true, true), ('gift_voucher_movements', 286, false, true), ('gift_voucher_balances', 289, true, false)`,
  `INSERT INTO sync_references (tbl, col, parent) VALUES
   ${REFERENCES.map(([t, c, p]) => `('${t}', '${c}', '${p}')`).join(',\n   ')}`,

  // What a movement may put on a voucher (see above); at commit, when the whole push is there.
  `CREATE FUNCTION sync_voucher_movement_allowed() RETURNS trigger
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE v gift_vouchers; by_order bigint; by_cinema_redeemed bigint; total bigint;
   BEGIN
     SELECT * INTO v FROM gift_vouchers WHERE id = NEW.voucher_id;
     IF NEW.kind = 'SALE' AND (v.cinema_id IS DISTINCT FROM NEW.cinema_id OR NEW.amount <> v.amount
        OR (SELECT count(*) FROM gift_voucher_movements m WHERE m.voucher_id = NEW.voucher_id AND m.kind = 'SALE') > 1) THEN
       RAISE EXCEPTION 'voucher movement %: a voucher is sold once, by its own cinema, for its amount', NEW.id USING ERRCODE = '42501';
     END IF;
     IF NEW.kind = 'REFUND' THEN
       SELECT coalesce(sum(m.amount), 0) INTO by_order FROM gift_voucher_movements m
        WHERE m.voucher_id = NEW.voucher_id AND m.order_id = NEW.order_id AND m.kind IN ('REDEMPTION', 'REFUND') AND NOT m.deleted;
       IF NEW.order_id IS NULL OR by_order > 0 THEN
         RAISE EXCEPTION 'voucher movement %: a refund gives back at most what its order redeemed of the voucher', NEW.id USING ERRCODE = '42501';
       END IF;
     END IF;
     IF NEW.kind = 'ADJUSTMENT' AND NEW.amount > 0 THEN
       SELECT coalesce(sum(m.amount) FILTER (WHERE m.cinema_id = NEW.cinema_id AND m.kind <> 'SALE'), 0), coalesce(sum(m.amount), 0) INTO by_cinema_redeemed, total
         FROM gift_voucher_movements m WHERE m.voucher_id = NEW.voucher_id AND NOT m.deleted;
       -- Or the voucher is still no more than used up (the seller writing off what three cinemas overdrew).
       IF by_cinema_redeemed > 0 AND total > 0 THEN
         RAISE EXCEPTION 'voucher movement %: an adjustment writes off at most what the cinema redeemed of the voucher', NEW.id USING ERRCODE = '42501';
       END IF;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER gift_voucher_movements_allowed AFTER INSERT ON gift_voucher_movements DEFERRABLE INITIALLY DEFERRED
   FOR EACH ROW EXECUTE FUNCTION sync_voucher_movement_allowed()`,
  `CREATE FUNCTION sync_voucher_in_cinema_currency() RETURNS trigger
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM cinemas c WHERE c.id = NEW.cinema_id AND c.currency = NEW.currency) THEN
       RAISE EXCEPTION 'voucher %: a voucher is sold in its cinema''s currency', NEW.id USING ERRCODE = '42501';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER gift_vouchers_in_cinema_currency BEFORE INSERT ON gift_vouchers FOR EACH ROW EXECUTE FUNCTION sync_voucher_in_cinema_currency()`,
  `REVOKE EXECUTE ON FUNCTION sync_voucher_movement_allowed(), sync_voucher_in_cinema_currency() FROM PUBLIC`,

  // The voucher's sums, recomputed under its row lock; logged for the whole chain; an overdraft reported.
  `CREATE FUNCTION sync_voucher_movement_landed() RETURNS trigger
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE total bigint; sums jsonb; prev text; stamp text; last4 text;
   BEGIN
     SELECT v.code_last4 INTO last4 FROM gift_vouchers v WHERE v.id = NEW.voucher_id FOR UPDATE;
     SELECT coalesce(sum(s.amount), 0), coalesce(jsonb_object_agg(s.scope_cinema_id, s.amount), '{}') INTO total, sums
       FROM (SELECT m.scope_cinema_id, sum(m.amount) AS amount FROM gift_voucher_movements m
             WHERE m.voucher_id = NEW.voucher_id AND NOT m.deleted GROUP BY m.scope_cinema_id) s;
     SELECT b.updated_at INTO prev FROM gift_voucher_balances b WHERE b.id = NEW.voucher_id;
     stamp := lpad((extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 15, '0') || '-00000-centre';
     IF prev IS NOT NULL AND stamp <= prev THEN
       stamp := substr(prev, 1, 15) || '-' || lpad((substr(prev, 17, 5)::int + 1)::text, 5, '0') || '-centre';
     END IF;
     INSERT INTO gift_voucher_balances (id, balance, by_cinema, updated_at, origin) VALUES (NEW.voucher_id, total, sums, stamp, 'centre')
       ON CONFLICT (id) DO UPDATE SET balance = excluded.balance, by_cinema = excluded.by_cinema, updated_at = excluded.updated_at, origin = excluded.origin;
     INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
       VALUES ('gift_voucher_balances', NEW.voucher_id, NULL, 'centre', stamp,
               jsonb_build_object('id', NEW.voucher_id, 'balance', total, 'by_cinema', sums, 'updated_at', stamp, 'origin', 'centre'));
     IF total < 0 AND NEW.amount < 0 THEN
       PERFORM sync_open_conflict(sync_me(), 'VOUCHER_OVERDRAWN', NEW.voucher_id,
         jsonb_build_object('voucher_id', NEW.voucher_id, 'code', '…-' || last4, 'balance', total, 'by_cinema', sums, 'movement_id', NEW.id, 'order_id', NEW.order_id));
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER gift_voucher_movements_landed AFTER INSERT ON gift_voucher_movements FOR EACH ROW EXECUTE FUNCTION sync_voucher_movement_landed()`,
  `REVOKE EXECUTE ON FUNCTION sync_voucher_movement_landed() FROM PUBLIC`,

  `CREATE FUNCTION sync_voucher_balance(p_voucher_id text) RETURNS jsonb
   LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE me sync_terminals := sync_me(); b jsonb;
   BEGIN
     SELECT jsonb_build_object('id', g.id, 'balance', g.balance, 'by_cinema', g.by_cinema, 'updated_at', g.updated_at, 'origin', g.origin) INTO b
       FROM gift_voucher_balances g WHERE g.id = p_voucher_id;
     RETURN b;
   END $$`,
  `REVOKE EXECUTE ON FUNCTION sync_voucher_balance(text) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_voucher_balance(text) TO box_office_terminal`,

  // The reporting login reads them like every synced table (0004), without the scope column.
  `CREATE VIEW reports.gift_vouchers AS SELECT id, code_last4, cinema_id, amount, currency, sold_at, created_at, updated_at, origin, deleted FROM public.gift_vouchers`,
  `CREATE VIEW reports.gift_voucher_movements AS SELECT id, voucher_id, cinema_id, kind, amount, order_id, payment_id, terminal_id, at, note, created_at, updated_at, origin, deleted, scope_cinema_id AS cinema_scope FROM public.gift_voucher_movements`,
  `CREATE VIEW reports.gift_voucher_balances AS SELECT id, balance, by_cinema, updated_at, origin FROM public.gift_voucher_balances`,
  `GRANT SELECT ON reports.gift_vouchers, reports.gift_voucher_movements, reports.gift_voucher_balances TO box_office_admin`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const v of ['gift_voucher_balances', 'gift_voucher_movements', 'gift_vouchers']) await sql.raw(`DROP VIEW IF EXISTS reports.${v}`).execute(db);
  await sql.raw(`DELETE FROM sync_references WHERE tbl = 'gift_voucher_movements'`).execute(db);
  await sql.raw(`DELETE FROM sync_tables WHERE name IN ('gift_voucher_balances', 'gift_voucher_movements', 'gift_vouchers')`).execute(db);
  for (const t of ['gift_voucher_balances', 'gift_voucher_movements', 'gift_vouchers']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS sync_voucher_movement_landed()`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS sync_voucher_movement_allowed()`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS sync_voucher_in_cinema_currency()`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS sync_voucher_balances_centre_only()`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS sync_voucher_balance(text)`).execute(db);
}
