import type { ErrorCode } from '../../shared/contract/result';
import type { Language } from '../../shared/i18n/languages';
import type { Words } from '../../shared/i18n/message-key';
import { wordsIn } from '../../shared/i18n/create-i18n';

/**
 * A refusal the user can act on: a stable code for programs, a message in the cashier's words.
 * Given as catalogue `Words`, the message is put into the caller's language where the answer
 * leaves the core (the dispatcher); `message` is the English, for logs and tests.
 */
export class DomainError extends Error {
  readonly words: Words | null;

  constructor(
    readonly code: ErrorCode,
    message: string | Words,
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : inWords(message, 'en'));
    this.name = 'DomainError';
    this.words = typeof message === 'string' ? null : message;
  }

  /** The message in a language: its words translated, or the English it was written in. */
  messageIn(language: Language): string {
    return this.words ? inWords(this.words, language) : this.message;
  }

  /**
   * The details as they leave the core: each field it names (`fields: { pin: 'is too easy to guess' }`,
   * shown beside that input) carries the refusal in the reader's language; the English note is for
   * the code's reader, like `message`.
   */
  detailsIn(language: Language): Record<string, unknown> | undefined {
    const fields = this.details?.fields;
    if (!fields || typeof fields !== 'object') return this.details;
    const message = this.messageIn(language);
    return { ...this.details, fields: Object.fromEntries(Object.keys(fields).map((name) => [name, message])) };
  }
}

/** Words written out in a language (values that are words themselves too). */
export function inWords(words: Words, language: Language): string {
  return String(wordsIn(language)(words.key, nestedInWords(words.values, language) as never));
}

/** A value that is itself words ("2 minutes", a status) is put into the same language first. */
function nestedInWords(values: Words['values'], language: Language): Words['values'] {
  if (!values) return values;
  const isWords = (v: unknown): v is Words => typeof v === 'object' && v !== null && typeof (v as Words).key === 'string';
  return Object.fromEntries(Object.entries(values).map(([name, v]) => [name, isWords(v) ? inWords(v, language) : v]));
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
