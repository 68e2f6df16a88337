import { sql, type Kysely } from 'kysely';

/**
 * Rule 16 centrally (issue 14): each terminal's signed money journal, checked link by link as it
 * arrives, and the cinema's legal name and VAT/tax number (synced with the cinema row).
 *
 * The journal is not a synced table (it is never pulled, never last-writer-wins, never deleted):
 * a terminal sends its new entries through `sync_push_journal(entries, signers)`, which
 *  - takes only entries and signers of the calling terminal (`terminal:<its id>` for its own key),
 *    at most MAX_JOURNAL_ENTRIES per call;
 *  - continues the terminal's chain from what the centre already has: the counter is the next
 *    one, the previous hash is the stored head's, and the hash is recomputed here from the entry
 *    (`sha256` of the same text as electron/core/journal/chain-hash.ts builds);
 *  - accepts an entry it already has with the same hash as a replay (idempotent), and refuses
 *    nothing: an entry that does not link is kept with `chain_ok = false`, and the break becomes a
 *    JOURNAL_BREAK conflict of the terminal's cinema (one open per terminal) naming the counter and
 *    why — a terminal's file edited after the fact shows up there on its next sync. An entry that
 *    rewrites one the centre already holds is kept aside in `journal_rewrites`.
 * Signatures (Ed25519) are not checked inside PostgreSQL: the signers' public keys are kept beside
 * the entries so any verifier (`npm run journal -- verify` on a copy) checks them offline.
 * Foreign keys: entries and signers name only the calling terminal, which the function takes from
 * the login (`sync_me()`), never from the data — nothing of another cinema can be referenced.
 */

export const MAX_JOURNAL_ENTRIES = 2000;

const STATEMENTS = [
  `ALTER TABLE cinemas ADD COLUMN legal_name text NOT NULL DEFAULT ''`,
  `ALTER TABLE cinemas ADD COLUMN tax_number text NOT NULL DEFAULT ''`,
  // A terminal of an older version pushes its cinema row without these columns (NULL from
  // jsonb_populate_recordset): it keeps what the centre has, or '' for a new row.
  `CREATE FUNCTION sync_cinema_keeps_legal_fields() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.legal_name IS NULL OR NEW.tax_number IS NULL THEN
       SELECT coalesce(NEW.legal_name, c.legal_name), coalesce(NEW.tax_number, c.tax_number) INTO NEW.legal_name, NEW.tax_number FROM cinemas c WHERE c.id = NEW.id;
       NEW.legal_name := coalesce(NEW.legal_name, '');
       NEW.tax_number := coalesce(NEW.tax_number, '');
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER cinemas_keep_legal_fields BEFORE INSERT OR UPDATE ON cinemas FOR EACH ROW EXECUTE FUNCTION sync_cinema_keeps_legal_fields()`,

  `CREATE TABLE journal_signers (
     terminal_id text NOT NULL,
     id text NOT NULL,
     algorithm text NOT NULL,
     public_key text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (terminal_id, id)
   )`,
  `CREATE TABLE journal_entries (
     terminal_id text NOT NULL,
     counter bigint NOT NULL CHECK (counter > 0),
     cinema_id text NOT NULL,
     kind text NOT NULL,
     at text NOT NULL,
     content text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     signer_id text NOT NULL,
     signature text NOT NULL,
     chain_ok boolean NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (terminal_id, counter)
   )`,
  `CREATE INDEX idx_journal_entries_cinema ON journal_entries (cinema_id, at)`,
  `CREATE TABLE journal_rewrites (
     terminal_id text NOT NULL,
     counter bigint NOT NULL,
     entry jsonb NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX idx_journal_rewrites_terminal ON journal_rewrites (terminal_id, counter)`,

  `ALTER TABLE sync_conflicts DROP CONSTRAINT IF EXISTS sync_conflicts_kind_check`,
  `ALTER TABLE sync_conflicts ADD CONSTRAINT sync_conflicts_kind_check
     CHECK (kind IN ('DOUBLE_SALE', 'BONUS_OVERDRAWN', 'PROMOCODE_OVER_LIMIT', 'JOURNAL_BREAK', 'VOUCHER_OVERDRAWN'))`,

  // The text a link's hash covers (electron/core/journal/chain-hash.ts chainText), hashed.
  `CREATE FUNCTION sync_journal_hash(terminal_id text, counter bigint, kind text, at text, prev_hash text, content text) RETURNS text
   LANGUAGE sql IMMUTABLE AS $$
     SELECT encode(sha256(convert_to('v1' || E'\\n' || terminal_id || E'\\n' || counter::text || E'\\n' || kind || E'\\n' || at
                                     || E'\\n' || prev_hash || E'\\n' || content, 'UTF8')), 'hex')
   $$`,

  `CREATE FUNCTION sync_push_journal(entries jsonb, signers jsonb) RETURNS jsonb
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
   DECLARE
     me sync_terminals := sync_me();
     e record; head record; why text; bad text;
     accepted int := 0; replayed int := 0; breaks int := 0; first_break jsonb;
   BEGIN
     IF jsonb_typeof(entries) IS DISTINCT FROM 'array' OR jsonb_typeof(signers) IS DISTINCT FROM 'array' THEN
       RAISE EXCEPTION 'journal entries and signers must be JSON arrays' USING ERRCODE = '22023';
     END IF;
     IF jsonb_array_length(entries) > ${MAX_JOURNAL_ENTRIES} THEN
       RAISE EXCEPTION 'at most ${MAX_JOURNAL_ENTRIES} journal entries per call' USING ERRCODE = '22023';
     END IF;
     SELECT coalesce(x->>'terminal_id', '(none)') INTO bad FROM jsonb_array_elements(entries) x WHERE x->>'terminal_id' IS DISTINCT FROM me.terminal_id LIMIT 1;
     IF bad IS NOT NULL THEN RAISE EXCEPTION 'journal entry of terminal % is not terminal %''s to send', bad, me.terminal_id USING ERRCODE = '42501'; END IF;
     SELECT coalesce(x->>'id', '(none)') INTO bad FROM jsonb_array_elements(signers) x
       WHERE x->>'id' IS NULL OR x->>'public_key' IS NULL OR x->>'algorithm' IS NULL
          OR (x->>'id' LIKE 'terminal:%' AND x->>'id' <> 'terminal:' || me.terminal_id) LIMIT 1;
     IF bad IS NOT NULL THEN RAISE EXCEPTION 'journal signer % is not terminal %''s', bad, me.terminal_id USING ERRCODE = '42501'; END IF;

     -- One push per terminal at a time: the chain continues from a head nobody else moves meanwhile.
     PERFORM 1 FROM sync_terminals WHERE terminal_id = me.terminal_id FOR UPDATE;

     INSERT INTO journal_signers (terminal_id, id, algorithm, public_key)
       SELECT me.terminal_id, x->>'id', x->>'algorithm', x->>'public_key' FROM jsonb_array_elements(signers) x
       ON CONFLICT (terminal_id, id) DO NOTHING;

     SELECT counter, hash INTO head FROM journal_entries WHERE terminal_id = me.terminal_id ORDER BY counter DESC LIMIT 1;
     FOR e IN
       SELECT (x->>'counter')::bigint AS counter, x->>'kind' AS kind, x->>'at' AS at, x->>'content' AS content,
              x->>'prev_hash' AS prev_hash, x->>'hash' AS hash, x->>'signer_id' AS signer_id, x->>'signature' AS signature, x AS raw
       FROM jsonb_array_elements(entries) x ORDER BY (x->>'counter')::bigint
     LOOP
       IF e.counter IS NULL OR e.kind IS NULL OR e.at IS NULL OR e.content IS NULL OR e.prev_hash IS NULL OR e.hash IS NULL OR e.signer_id IS NULL OR e.signature IS NULL THEN
         RAISE EXCEPTION 'journal entry % lacks a field', coalesce(e.counter::text, '(no counter)') USING ERRCODE = '22023';
       END IF;
       IF head.counter IS NOT NULL AND e.counter <= head.counter THEN
         IF EXISTS (SELECT 1 FROM journal_entries j WHERE j.terminal_id = me.terminal_id AND j.counter = e.counter AND j.hash = e.hash) THEN
           replayed := replayed + 1;
           CONTINUE;
         END IF;
         why := 'REWRITTEN';
       ELSE
         why := CASE
           WHEN e.counter <> coalesce(head.counter, 0) + 1 THEN 'MISSING'
           WHEN e.prev_hash <> coalesce(head.hash, repeat('0', 64)) THEN 'PREVIOUS_HASH'
           WHEN e.hash <> sync_journal_hash(me.terminal_id, e.counter, e.kind, e.at, e.prev_hash, e.content) THEN 'HASH'
           ELSE NULL END;
       END IF;
       IF why IS NOT NULL THEN
         breaks := breaks + 1;
         first_break := coalesce(first_break, jsonb_build_object('terminal_id', me.terminal_id, 'terminal_name', me.name, 'counter', e.counter, 'kind', e.kind, 'at', e.at, 'reason', why,
           'message', 'Entry ' || e.counter || ' (' || e.kind || ', ' || e.at || '): ' || CASE why
             WHEN 'MISSING' THEN 'the entries after ' || coalesce(head.counter, 0) || ' never arrived (rows deleted on the terminal?)'
             WHEN 'PREVIOUS_HASH' THEN 'does not follow the entry before it (rows deleted, replaced or reordered)'
             WHEN 'HASH' THEN 'its content does not give its hash (edited)'
             ELSE 'differs from the entry the centre received before (history rewritten)' END));
       END IF;
       IF why = 'REWRITTEN' THEN
         INSERT INTO journal_rewrites (terminal_id, counter, entry) VALUES (me.terminal_id, e.counter, e.raw);
       ELSE
         INSERT INTO journal_entries (terminal_id, counter, cinema_id, kind, at, content, prev_hash, hash, signer_id, signature, chain_ok)
           VALUES (me.terminal_id, e.counter, me.cinema_id, e.kind, e.at, e.content, e.prev_hash, e.hash, e.signer_id, e.signature, why IS NULL);
         SELECT e.counter AS counter, e.hash AS hash INTO head;
         accepted := accepted + 1;
       END IF;
     END LOOP;
     IF first_break IS NOT NULL THEN PERFORM sync_open_conflict(me, 'JOURNAL_BREAK', me.terminal_id, first_break); END IF;
     SELECT counter, hash INTO head FROM journal_entries WHERE terminal_id = me.terminal_id ORDER BY counter DESC LIMIT 1;
     RETURN jsonb_build_object('accepted', accepted, 'replayed', replayed, 'breaks', breaks,
       'head', CASE WHEN head.counter IS NULL THEN NULL ELSE jsonb_build_object('counter', head.counter, 'hash', head.hash) END);
   END $$`,

  `REVOKE ALL ON TABLE journal_entries, journal_signers, journal_rewrites FROM PUBLIC`,
  `REVOKE EXECUTE ON FUNCTION sync_push_journal(jsonb, jsonb), sync_journal_hash(text, bigint, text, text, text, text), sync_cinema_keeps_legal_fields() FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_push_journal(jsonb, jsonb) TO box_office_terminal`,
  // The reporting login reads the journals (for an audit across the chain); nothing there is secret.
  `CREATE VIEW reports.journal_entries AS SELECT * FROM public.journal_entries`,
  `GRANT SELECT ON reports.journal_entries TO box_office_admin`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const s of [
    'DROP VIEW IF EXISTS reports.journal_entries',
    'DROP FUNCTION IF EXISTS sync_push_journal(jsonb, jsonb)',
    'DROP FUNCTION IF EXISTS sync_journal_hash(text, bigint, text, text, text, text)',
    'DROP TABLE IF EXISTS journal_rewrites',
    'DROP TABLE IF EXISTS journal_entries',
    'DROP TABLE IF EXISTS journal_signers',
    'DROP TRIGGER IF EXISTS cinemas_keep_legal_fields ON cinemas',
    'DROP FUNCTION IF EXISTS sync_cinema_keeps_legal_fields()',
    'ALTER TABLE cinemas DROP COLUMN IF EXISTS tax_number',
    'ALTER TABLE cinemas DROP COLUMN IF EXISTS legal_name',
  ]) {
    await sql.raw(s).execute(db);
  }
}
