import type { SessionUser } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';

/**
 * The language a text is written in for whoever reads it (rule 21): the signed-in person's own,
 * else their terminal's — for refusals, door answers, slips, reports and exports alike.
 */
export function readerLanguage(ctx: { user: Pick<SessionUser, 'language'> | null; terminal: { language: Language } }): Language {
  return ctx.user?.language ?? ctx.terminal.language;
}
