import type { z } from 'zod';
import {
  contract,
  isOperationName,
  mayCall,
  type ApiError,
  type ApiRequest,
  type ApiResult,
  type Contract,
  type OperationName,
  type ParsedInputOf,
  type ResultOf,
  type SessionUser,
} from '../../shared/contract';
import { describeRefusal, refusalsByField } from '../../shared/contract/refusal-words';
import { isDomainError } from './errors';
import { wordsIn, type Words } from '../../shared/i18n/create-i18n';
import type { Language } from '../../shared/i18n/languages';
import { storageFailureAnswer } from './storage-answer';
import { databaseBusyAnswer } from './db/database-busy';
import { stamp } from './sync/stamp';
import type { CoreServices, RequestContext, SignedInContext } from './context';
import { loadSessionUser } from './auth/users';
import { readerLanguage } from './reader-language';

type ContextFor<N extends OperationName> = Contract[N]['access'] extends 'public' ? RequestContext : SignedInContext;
export type Handler<N extends OperationName> = (ctx: ContextFor<N>, input: ParsedInputOf<N>) => Promise<ResultOf<N>>;
/** One handler per operation of the contract; TypeScript refuses a missing one. */
export type Handlers = { [N in OperationName]: Handler<N> };

export type Dispatch = (request: ApiRequest) => Promise<ApiResult<unknown>>;

const fail = (code: ApiError['code'], message: string, details?: Record<string, unknown>): ApiResult<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** The cinema's currency, for money limits in a refusal (none before the first run). */
async function currencyOf(services: CoreServices): Promise<string | null> {
  const cinemaId = services.terminal.get().cinemaId;
  if (!cinemaId) return null;
  const row = await services.db.selectFrom('cinemas').select('currency').where('id', '=', cinemaId).executeTakeFirst();
  return row?.currency ?? null;
}

/** SQLite refused a write the domain checks did not foresee: say so without leaking SQL. */
function describeConstraint(e: unknown, t: Words): string | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return t('refusals:api.duplicate');
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return t('refusals:api.missingOrInUse');
  return t('refusals:api.invalidChange');
}

/**
 * The dispatcher: operation name → validate input → check the caller's role → run the handler.
 * Both transports (Electron IPC and the loopback bridge) call only this.
 */
export function createDispatcher(services: CoreServices, handlers: Handlers): Dispatch {
  return async (request) => {
    const name = typeof request?.op === 'string' ? request.op : '';
    // Answers are in the caller's language: their own, else the terminal's (issue 16).
    let language: Language = readerLanguage({ user: null, terminal: services.terminal.get() });
    let t = wordsIn(language);
    if (!isOperationName(name)) return fail('UNKNOWN_OPERATION', t('refusals:api.unknownOperation', { name: name.slice(0, 80) }));
    const def = contract[name];

    let user: SessionUser | null = null;
    let sessionId: string | null = null;
    if (typeof request.token === 'string' && request.token.length > 0 && request.token.length < 4096) {
      const claims = await services.sessions.verify(request.token);
      if (claims) {
        try {
          user = await loadSessionUser(services.db, claims.userId);
        } catch (e) {
          // The first read of every call: a damaged file or failing disk shows here first.
          const storage = storageFailureAnswer(e, services.db) ?? databaseBusyAnswer(e);
          if (!storage) throw e;
          return fail(storage.code, storage.messageIn(language), storage.details);
        }
        sessionId = user ? claims.sessionId : null;
        language = readerLanguage({ user, terminal: services.terminal.get() });
        t = wordsIn(language);
      }
    }
    if (def.access !== 'public' && !user) return fail('UNAUTHENTICATED', t('refusals:api.signInAgain'));
    if (!mayCall(def.access, user?.role ?? null)) {
      return fail('FORBIDDEN', t('refusals:api.notForRole', { role: t(`enums:roleInSentence.${user!.role}`), operation: name }));
    }

    const parsed = (def.input as z.ZodType).safeParse(request.input ?? {});
    if (!parsed.success) {
      const words = { currency: await currencyOf(services), input: request.input ?? {}, language };
      return fail('VALIDATION', describeRefusal(parsed.error.issues, words), { fields: refusalsByField(parsed.error.issues, words) });
    }

    const terminal = services.terminal.get();
    const ctx: RequestContext = {
      services,
      db: services.db,
      clock: services.clock,
      terminal,
      user,
      sessionId,
      stamp: () => stamp(services.hlc, terminal.id),
    };
    try {
      const handler = handlers[name] as unknown as (c: RequestContext, i: unknown) => Promise<unknown>;
      const value = await handler(ctx, parsed.data);
      return { ok: true, value: value ?? null };
    } catch (e) {
      if (isDomainError(e)) return fail(e.code, e.messageIn(language), e.detailsIn(language));
      const constraint = describeConstraint(e, t);
      if (constraint) return fail('CONFLICT', constraint);
      // A full or failing disk, a damaged file: the cause by name (logged too: someone must act).
      const storage = storageFailureAnswer(e, services.db) ?? databaseBusyAnswer(e);
      if (storage) {
        services.log.error(`Operation ${name} failed: ${storage.code}`, { error: e instanceof Error ? e.message : String(e) });
        return fail(storage.code, storage.messageIn(language), storage.details);
      }
      const ref = Math.random().toString(36).slice(2, 8).toUpperCase();
      services.log.error(`Operation ${name} failed (ref ${ref})`, { error: e instanceof Error ? e.stack : String(e) });
      return fail('INTERNAL', t('refusals:api.internal', { ref }));
    }
  };
}
