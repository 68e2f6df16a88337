import { ApiCallError } from './api-call-error';
import { i18n } from '../i18n/instance';

/** Field path ("cinema.timezone") → what the server said about it. */
export type FieldErrors = Record<string, string>;

/**
 * Splits a VALIDATION refusal into messages per field, so a form can show each beside its input:
 * the dispatcher sends them as `details.fields` (a refusal of the domain names no field and stays
 * in the banner).
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiCallError) || error.code !== 'VALIDATION') return {};
  const fromDetails = error.details?.fields;
  if (fromDetails && typeof fromDetails === 'object') {
    return Object.fromEntries(Object.entries(fromDetails as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  return {};
}

/**
 * What a form's banner says after a refusal: when every problem is already shown beside its
 * field, a short pointer to them; otherwise the server's whole message.
 */
export function bannerFor(error: unknown, shownFields: readonly string[]): unknown {
  const fields = Object.keys(fieldErrorsOf(error));
  if (fields.length > 0 && fields.every((f) => shownFields.includes(f))) return i18n.t('api.checkFields');
  return error;
}
