import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditExportResult, VatLine } from '../../../shared/contract/money-trail';
import { businessDateOf, businessDayRange } from '../../../shared/business-day';
import type { DB } from '../db/tables';
import type { CinemaRow } from '../catalog/require-cinema';
import { businessDayRuleOf } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { GENESIS_HASH } from '../journal/chain-hash';
import { verifyJournal } from '../journal/verify-journal';
import type { ChainBreak } from '../journal/verify-chain';
import { decimal, toCsv } from './csv';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn } from '../printing/print-format';

export type AuditRange = { from: string; to: string } | { fromZ: number; toZ: number };

/** DSFinV-K's VAT keys (UST_SCHLUESSEL) for the German rates; other rates get keys from 1000 up. */
const DSFINVK_VAT_KEY: Record<number, number> = { 1900: 1, 700: 2, 1070: 3, 550: 4, 0: 5, 1600: 7, 500: 8 };
const vatKey = (rateBp: number) => DSFINVK_VAT_KEY[rateBp] ?? 1000 + rateBp;
/** DSFinV-K's payment types (ZAHLART_TYP, the standard's own words); the name beside it is in the reader's language. */
const PAYMENT_TYPE: Record<string, string> = { CASH: 'Bar', CARD: 'Unbar', BONUS: 'Keine', VOUCHER: 'Unbar' };
const RECEIPT_KINDS = ['SALE', 'REFUND', 'EXCHANGE', 'VOUCHER_SALE'] as const;

interface SaleLine {
  kind: 'TICKET' | 'CONCESSION';
  ref: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  vatBp: number;
}

/**
 * Rule 16: an export an auditor can read, for a range of business days or of Z reports of this
 * terminal, into `folder`: CSV files named and laid out after Germany's DSFinV-K where practical
 * (cash point closings, location, cash register, VAT, receipt heads, VAT and payments per receipt,
 * receipt lines, references), the journal itself, and `manifest.json` with each file's SHA-256,
 * the chain's hashes around the range and the verdict of a full chain check.
 */
export async function writeAuditExport(
  db: Kysely<DB>,
  args: { cinema: CinemaRow; terminal: { id: string; name: string }; range: AuditRange; folder: string; now: Date; language?: Language },
): Promise<AuditExportResult> {
  const { cinema, terminal } = args;
  // CSV headers keep DSFinV-K's names; the texts in the cells and the manifest follow the reader's language.
  const p = printedIn(args.language);
  const receiptName = (kind: string) => ((RECEIPT_KINDS as readonly string[]).includes(kind) ? p.t(`documents:audit.receipt.${kind as (typeof RECEIPT_KINDS)[number]}`) : kind);
  const cur = cinema.currency;
  const rule = businessDayRuleOf(cinema);
  const zs = await db.selectFrom('z_reports').selectAll().where('terminal_id', '=', terminal.id).orderBy('number').execute();
  const zByShift = new Map(zs.map((z) => [z.shift_id, z]));

  // What the range covers: receipts and a run of journal counters.
  let receipts;
  let first: number;
  let last: number;
  if ('fromZ' in args.range) {
    const { fromZ, toZ } = args.range;
    if (toZ < fromZ) throw new DomainError('VALIDATION', { key: 'refusals:auditExport.rangeRunsBackwardsGive', values: { fromZ, toZ } });
    const chosen = zs.filter((z) => z.number >= fromZ && z.number <= toZ);
    const missing = Array.from({ length: toZ - fromZ + 1 }, (_, i) => fromZ + i).filter((n) => !chosen.some((z) => z.number === n));
    if (missing.length > 0) throw new DomainError('NOT_FOUND', { key: 'refusals:auditExport.terminalNoReportNo', values: { join: missing.join(', '), value: zs.at(-1)?.number ?? { key: 'refusals:auditExport.noneYet' } } });
    receipts = await db.selectFrom('fiscal_receipts').selectAll().where('terminal_id', '=', terminal.id).where('shift_id', 'in', chosen.map((z) => z.shift_id)).orderBy('number').execute();
    first = (zs.find((z) => z.number === fromZ - 1)?.journal_counter ?? 0) + 1;
    last = chosen.at(-1)!.journal_counter;
  } else {
    const { from, to } = args.range;
    if (to < from) throw new DomainError('VALIDATION', { key: 'refusals:auditExport.periodRunsBackwardsGive', values: { from, to } });
    const start = businessDayRange(from, rule).from.toISOString();
    const end = businessDayRange(to, rule).to.toISOString();
    receipts = await db.selectFrom('fiscal_receipts').selectAll().where('terminal_id', '=', terminal.id).where('issued_at', '>=', start).where('issued_at', '<', end).orderBy('number').execute();
    const span = await db
      .selectFrom('journal_entries')
      .select((eb) => [eb.fn.min('counter').as('first'), eb.fn.max('counter').as('last')])
      .where('terminal_id', '=', terminal.id)
      .where('at', '>=', start)
      .where('at', '<', end)
      .executeTakeFirst();
    first = Number(span?.first ?? 1);
    last = Number(span?.last ?? 0);
  }
  const journal = await db.selectFrom('journal_entries').selectAll().where('terminal_id', '=', terminal.id).where('counter', '>=', first).where('counter', '<=', last).orderBy('counter').execute();
  const before = first > 1 ? await db.selectFrom('journal_entries').select('hash').where('terminal_id', '=', terminal.id).where('counter', '=', first - 1).executeTakeFirst() : undefined;
  const sales = new Map(journal.filter((e) => e.kind === 'SALE').map((e) => [e.counter, JSON.parse(e.content) as { lines?: SaleLine[]; cashier?: string }]));
  const [items, seats, cashiers] = await Promise.all([
    db.selectFrom('concession_items').select(['id', 'name', 'category']).execute(),
    db.selectFrom('seats').select(['id', 'row_label', 'number']).execute(),
    db.selectFrom('users').select(['id', 'display_name']).execute(),
  ]);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const seatById = new Map(seats.map((s) => [s.id, s]));
  const cashierName = new Map(cashiers.map((u) => [u.id, u.display_name]));
  const receiptById = new Map(receipts.map((r) => [r.id, r]));

  // Every row of the receipt-level files starts with the closing it belongs to (DSFinV-K's key).
  const head = (shiftId: string) => {
    const z = zByShift.get(shiftId);
    return [terminal.id, z?.closed_at ?? '', z?.number ?? ''];
  };
  const K = ['Z_KASSE_ID', 'Z_ERSTELLUNG', 'Z_NR'];
  const files: Record<string, string> = {};
  const rows: Record<string, number> = {};
  const put = (name: string, columns: string[], data: unknown[][]) => {
    files[name] = toCsv(columns, data);
    rows[name] = data.length;
  };

  const chosenZs = zs.filter((z) => receipts.some((r) => r.shift_id === z.shift_id) || ('fromZ' in args.range && z.number >= args.range.fromZ && z.number <= args.range.toZ));
  put(
    'cashpointclosing.csv',
    [...K, 'Z_BUCHUNGSTAG', 'Z_START_ID', 'Z_ENDE_ID', 'RECEIPTS', 'Z_SE_ZAHLUNGEN', 'Z_SE_BARZAHLUNGEN', 'GRAND_TOTAL', 'GRAND_TOTAL_REFUNDS', 'JOURNAL_COUNTER'],
    chosenZs.map((z) => {
      const mine = receipts.filter((r) => r.shift_id === z.shift_id);
      const pays = mine.flatMap((r) => JSON.parse(r.payments) as { method: string; amount: number }[]);
      return [
        terminal.id,
        z.closed_at,
        z.number,
        businessDateOf(z.closed_at, rule),
        z.first_receipt ?? '',
        z.last_receipt ?? '',
        z.receipts,
        decimal(pays.reduce((s, p) => s + p.amount, 0), cur),
        decimal(pays.filter((p) => p.method === 'CASH').reduce((s, p) => s + p.amount, 0), cur),
        decimal(z.grand_total, cur),
        decimal(z.grand_total_refunds, cur),
        z.journal_counter,
      ];
    }),
  );
  put('location.csv', ['Z_KASSE_ID', 'LOC_NAME', 'LOC_LEGAL_NAME', 'LOC_ADDRESS', 'LOC_USTID', 'LOC_TIMEZONE'], [[terminal.id, cinema.name, cinema.legal_name, cinema.address, cinema.tax_number, cinema.timezone]]);
  put('cashregister.csv', ['Z_KASSE_ID', 'KASSE_NAME', 'KASSE_SW_BRAND', 'KASSE_BASISWAEH_CODE'], [[terminal.id, terminal.name, 'Box Office', cur]]);
  const rates = [...new Set(receipts.flatMap((r) => (JSON.parse(r.vat) as VatLine[]).map((v) => v.rateBp)))].sort((a, b) => a - b);
  put('vat.csv', ['UST_SCHLUESSEL', 'UST_SATZ', 'UST_BESCHR'], rates.map((bp) => [vatKey(bp), (bp / 100).toFixed(2), `${bp / 100} %`]));
  put(
    'bonkopf.csv',
    [...K, 'BON_ID', 'BON_NR', 'BON_TYP', 'BON_NAME', 'TERMINAL_ID', 'BON_START', 'BON_ENDE', 'BEDIENER_ID', 'BEDIENER_NAME', 'UMS_BRUTTO', 'ORDER_ID', 'JOURNAL_COUNTER'],
    receipts.map((r) => {
      const cashier = sales.get(r.journal_counter)?.cashier ?? '';
      return [...head(r.shift_id), r.id, r.number, 'Beleg', receiptName(r.kind), terminal.id, r.issued_at, r.issued_at, cashier, cashierName.get(cashier) ?? '', decimal(r.amount, cur), r.order_id ?? '', r.journal_counter];
    }),
  );
  put(
    'bonkopf_ust.csv',
    [...K, 'BON_ID', 'UST_SCHLUESSEL', 'BON_BRUTTO', 'BON_NETTO', 'BON_UST'],
    receipts.flatMap((r) => (JSON.parse(r.vat) as VatLine[]).map((v) => [...head(r.shift_id), r.id, vatKey(v.rateBp), decimal(v.gross, cur), decimal(v.net, cur), decimal(v.vat, cur)])),
  );
  put(
    'bonkopf_zahlarten.csv',
    [...K, 'BON_ID', 'ZAHLART_TYP', 'ZAHLART_NAME', 'ZAHLWAEH_CODE', 'ZAHLWAEH_BETRAG', 'BASISWAEH_BETRAG'],
    receipts.flatMap((r) =>
      (JSON.parse(r.payments) as { method: string; amount: number }[]).map((pay) => [...head(r.shift_id), r.id, PAYMENT_TYPE[pay.method] ?? 'Unbar', p.method(pay.method), cur, decimal(pay.amount, cur), decimal(pay.amount, cur)]),
    ),
  );
  put(
    'bonpos.csv',
    [...K, 'BON_ID', 'POS_ZEILE', 'GV_TYP', 'ARTIKELTEXT', 'ART_NR', 'WARENGR', 'MENGE', 'STK_BR', 'RABATT', 'POS_BRUTTO', 'UST_SCHLUESSEL'],
    receipts.flatMap((r) =>
      (sales.get(r.journal_counter)?.lines ?? []).map((l, i) => {
        const item = itemById.get(l.ref);
        const seat = seatById.get(l.ref);
        const text = l.kind === 'CONCESSION' ? (item?.name ?? p.t('documents:audit.item')) : seat ? p.t('documents:audit.ticketSeat', { row: seat.row_label, seat: seat.number }) : p.t('documents:audit.ticket');
        return [...head(r.shift_id), r.id, i + 1, 'Umsatz', text, l.ref, l.kind === 'CONCESSION' ? (item?.category ?? '') : p.t('documents:audit.tickets'), l.quantity, decimal(l.unitPrice, cur), decimal(l.discount, cur), decimal(l.total, cur), vatKey(l.vatBp)];
      }),
    ),
  );
  put(
    'bon_referenzen.csv',
    [...K, 'BON_ID', 'REF_TYP', 'REF_NAME', 'REF_DATUM', 'REF_Z_KASSE_ID', 'REF_BON_NR', 'REF_BON_ID'],
    receipts
      .filter((r) => r.refers_to_id)
      .map((r) => {
        const ref = receiptById.get(r.refers_to_id!);
        return [...head(r.shift_id), r.id, 'Transaktion', receiptName(r.kind), ref?.issued_at ?? '', terminal.id, ref?.number ?? '', r.refers_to_id];
      }),
  );
  put(
    'journal.csv',
    ['TERMINAL_ID', 'COUNTER', 'KIND', 'AT', 'PREV_HASH', 'HASH', 'SIGNER_ID', 'SIGNATURE', 'CONTENT'],
    journal.map((e) => [e.terminal_id, e.counter, e.kind, e.at, e.prev_hash, e.hash, e.signer_id, e.signature, e.content]),
  );

  mkdirSync(args.folder, { recursive: true });
  const listed: AuditExportResult['files'] = [];
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(args.folder, name), text, 'utf8');
    listed.push({ name, rows: rows[name]!, sha256: createHash('sha256').update(text, 'utf8').digest('hex') });
  }
  const signers = await db.selectFrom('journal_signers').selectAll().execute();
  const verdict = (await verifyJournal(db, { incremental: true })).find((c) => c.terminalId === terminal.id) ?? null;
  const manifest = {
    format: p.t('documents:audit.format'),
    language: p.language,
    createdAt: args.now.toISOString(),
    cinema: { name: cinema.name, legalName: cinema.legal_name, address: cinema.address, taxNumber: cinema.tax_number, timezone: cinema.timezone, currency: cur },
    terminal,
    range: args.range,
    receipts: { count: receipts.length, first: receipts[0]?.number ?? null, last: receipts.at(-1)?.number ?? null },
    chain: {
      firstCounter: journal[0]?.counter ?? null,
      lastCounter: journal.at(-1)?.counter ?? null,
      hashBeforeRange: first > 1 ? (before?.hash ?? null) : GENESIS_HASH,
      firstHash: journal[0]?.hash ?? null,
      lastHash: journal.at(-1)?.hash ?? null,
      hashText: 'sha256 of "v1\\n{terminal}\\n{counter}\\n{kind}\\n{at}\\n{prev_hash}\\n{content}" (UTF-8), hex; signature: Ed25519 over the hash hex as UTF-8, base64',
      signers: signers.map((s) => ({ id: s.id, algorithm: s.algorithm, publicKey: s.public_key })),
      verified: verdict ? { entries: verdict.entries, intact: verdict.firstBreak === null, firstBreak: verdict.firstBreak && withoutWords(verdict.firstBreak) } : null,
    },
    files: listed,
  };
  writeFileSync(join(args.folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return { folder: args.folder, files: listed, entries: journal.length };
}

/** A chain break as the manifest has always written it: in English, without its catalogue words. */
function withoutWords({ detailWords: _words, ...rest }: ChainBreak): Omit<ChainBreak, 'detailWords'> {
  return rest;
}
