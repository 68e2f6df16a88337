import type { Handlers } from '../api';
import type { RequestContext } from '../context';
import type { CinemaTerminals, EnrolmentCodeIssued } from '../../../shared/contract/sync';
import { groupCode, readEnrolmentCode } from '../../../shared/enrolment-code';
import { ENROL_LOGIN, ENROL_LOGIN_PASSWORD } from '../../../migrations/central/0011-enrolment-codes';
import { DomainError } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { CentralClient, type RedeemAnswer } from './central-client';
import { makeEnrolmentCode } from './central-enrolment';
import { newLoginPassword } from './scram-secret';
import { joinCinema, requireFreshTerminal } from './join-cinema';
import { outboxCount } from './push';
import { syncOf } from './sync-engine';

type EnrolmentHandlers = Pick<Handlers, 'sync.joinWithCode' | 'sync.issueCode' | 'sync.createCinema' | 'sync.terminals'>;

/** host:5432/db → postgres://host:5432/db (the form the connection takes). */
export function centralUrlOf(address: string): string {
  return /^postgres(ql)?:\/\//.test(address) ? address : `postgres://${address}`;
}

/** The centre's answer to a code it did not take, as words for whoever stands at the new terminal. */
const CODE_REFUSED: Record<Exclude<RedeemAnswer, { ok: true }>['reason'], Words> = {
  UNKNOWN: { key: 'refusals:sync.codeUnknown' },
  USED: { key: 'refusals:sync.codeUsed' },
  EXPIRED: { key: 'refusals:sync.codeExpired' },
  THROTTLED: { key: 'refusals:sync.codeThrottled' },
  FORMAT: { key: 'refusals:sync.codeFormat' },
  KNOWN_TERMINAL: { key: 'refusals:sync.codeKnownTerminal' },
};

const codeRefusedWords = (reason: keyof typeof CODE_REFUSED): Words => CODE_REFUSED[reason];

/** A failure to reach the centre as the enrolment login, in the words of whoever stands at the new terminal. */
function unreachable(address: string, e: unknown): DomainError {
  const message = e instanceof Error ? e.message : String(e);
  if (new RegExp(`(password authentication failed|role "${ENROL_LOGIN}" does not exist|permission denied for function redeem_enrolment_code|function redeem_enrolment_code)`).test(message)) {
    return new DomainError('VALIDATION', { key: 'refusals:sync.centralDatabaseDoesNot', values: { address } });
  }
  return new DomainError('VALIDATION', { key: 'refusals:sync.centralDatabaseDidNot', values: { address, message } });
}

async function issued(ctx: RequestContext, code: string, cinemaId: string, expiresAt: string): Promise<EnrolmentCodeIssued> {
  const engine = syncOf(ctx.services);
  const local = await ctx.db.selectFrom('cinemas').select('name').where('id', '=', cinemaId).executeTakeFirst();
  return { code: groupCode(code), address: engine.savedCredentials()!.url, cinema: { id: cinemaId, name: local?.name ?? '' }, expiresAt: new Date(expiresAt).toISOString() };
}

/** The centre's refusal of an administrator's request (no right to enrol, a name taken), in their words. */
function centralRefusal(e: unknown): DomainError {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  // The centre's functions (central 0011) raise these; anything else is passed on in the centre's words, inside ours.
  if (code === '42501' && /may not enrol/.test(message)) return new DomainError('FORBIDDEN', { key: 'refusals:sync.enrolNotAllowed' });
  if (code === '42501') return new DomainError('FORBIDDEN', { key: 'refusals:sync.centralRefused', values: { message } });
  if (code === '42883') return new DomainError('VALIDATION', { key: 'refusals:sync.centralWithoutEnrolment' });
  const taken = code === '23505' ? /has a cinema named (.+) already/.exec(message) : null;
  if (taken) return new DomainError('VALIDATION', { key: 'refusals:sync.cinemaNameTaken', values: { name: taken[1] } });
  if (code === '22023' || code === '23505') return new DomainError('VALIDATION', { key: 'refusals:sync.centralRefused', values: { message } });
  return new DomainError('CONFLICT', { key: 'refusals:sync.centralDatabaseCouldNot', values: { message } });
}

function requireSyncing(ctx: RequestContext) {
  const engine = syncOf(ctx.services);
  if (!engine.syncsWithCentral) throw new DomainError('VALIDATION', { key: 'refusals:sync.terminalDoesNotSync' });
  return engine;
}

export const enrolmentHandlers: EnrolmentHandlers = {
  'sync.joinWithCode': async (ctx, input) => {
    await requireFreshTerminal(ctx);
    const reading = readEnrolmentCode(input.code);
    if (!reading.ok) throw new DomainError('VALIDATION', { key: 'refusals:sync.notEnrolmentCodeReads' });
    const url = centralUrlOf(input.address);
    const enrol = new CentralClient({ url, user: ENROL_LOGIN, password: ENROL_LOGIN_PASSWORD }, { connectTimeoutMs: 5000, queryTimeoutMs: 20_000 });
    // The terminal chooses its own password; the centre gets only its SCRAM secret.
    const { password, secret } = newLoginPassword();
    let answer: RedeemAnswer;
    try {
      answer = await enrol.redeemEnrolmentCode(reading.code, { id: ctx.terminal.id, name: input.terminalName || ctx.terminal.name, publicKey: ctx.services.signing.publicKeyPem, passwordSecret: secret });
    } catch (e) {
      throw unreachable(input.address, e);
    } finally {
      await enrol.close().catch(() => undefined);
    }
    if (!answer.ok) throw new DomainError('VALIDATION', codeRefusedWords(answer.reason));
    return joinCinema(ctx, { url, user: answer.login, password }, answer.cinema_id);
  },

  'sync.issueCode': async (ctx, input) => {
    const engine = requireSyncing(ctx);
    const { code, hash } = makeEnrolmentCode();
    let r: { cinema_id: string; expires_at: string };
    try {
      r = await engine.central().issueEnrolmentCode(hash, input.terminalName, input.validMinutes * 60);
    } catch (e) {
      throw centralRefusal(e);
    }
    await recordAudit(ctx.db, ctx, { action: 'sync.issue_code', entity: 'terminal', entityId: null, details: { cinemaId: r.cinema_id, terminalName: input.terminalName, expiresAt: r.expires_at } });
    return issued(ctx, code, r.cinema_id, r.expires_at);
  },

  'sync.createCinema': async (ctx, input) => {
    const engine = requireSyncing(ctx);
    const { code, hash } = makeEnrolmentCode();
    const cinema = { id: newId(), name: input.name, address: input.address, timezone: input.timezone, currency: input.currency };
    let r: { cinema_id: string; expires_at: string };
    try {
      r = await engine.central().createCinema(cinema, hash, input.terminalName, input.validMinutes * 60);
    } catch (e) {
      throw centralRefusal(e);
    }
    await recordAudit(ctx.db, ctx, { action: 'sync.create_cinema', entity: 'cinema', entityId: cinema.id, details: { ...cinema, terminalName: input.terminalName, expiresAt: r.expires_at } });
    return { ...(await issued(ctx, code, r.cinema_id, r.expires_at)), cinema: { id: cinema.id, name: cinema.name } };
  },

  'sync.terminals': async (ctx): Promise<CinemaTerminals> => {
    const engine = requireSyncing(ctx);
    let rows;
    try {
      rows = await engine.central().cinemaTerminals();
    } catch (e) {
      throw centralRefusal(e);
    }
    const waitingHere = await outboxCount(ctx.db);
    const terminals = rows.map((t) => ({ ...t, thisTerminal: t.terminalId === ctx.terminal.id, changesWaiting: t.terminalId === ctx.terminal.id ? waitingHere : t.changesWaiting }));
    return { terminals, mayEnrol: terminals.some((t) => t.thisTerminal && t.mayEnrol) };
  },
};
