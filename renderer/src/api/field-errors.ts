import { ApiCallError } from './api-call-error';

/** Field path ("cinema.timezone") → what the server said about it. */
export type FieldErrors = Record<string, string>;

/**
 * Splits a VALIDATION refusal into messages per field, so a form can show each beside its input.
 * Reads `details.fields` when the server sends it, else the dispatcher's message
 * "Please check the form — cinema.name: must not be empty; password: must be at least 8 characters."
 * Whatever names no field stays in the banner.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiCallError) || error.code !== 'VALIDATION') return {};
  const fromDetails = error.details?.fields;
  if (fromDetails && typeof fromDetails === 'object') {
    return Object.fromEntries(Object.entries(fromDetails as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  return parseFieldMessages(error.message);
}

export function parseFieldMessages(message: string): FieldErrors {
  const dash = message.indexOf('—');
  if (dash < 0) return {};
  const body = message
    .slice(dash + 1)
    .replace(/\s*\(and \d+ more\)\s*\.?\s*$/, '')
    .replace(/\.\s*$/, '')
    .trim();
  const out: FieldErrors = {};
  for (const part of body.split(/;\s+/)) {
    const m = /^([A-Za-z_][\w.]*):\s+(.+)$/.exec(part.trim());
    if (!m) continue;
    const [, path, text] = m as unknown as [string, string, string];
    if (path === 'input') continue;
    out[path] ??= text;
  }
  return out;
}

/**
 * What a form's banner says after a refusal: when every problem is already shown beside its
 * field, a short pointer to them; otherwise the server's whole message.
 */
export function bannerFor(error: unknown, shownFields: readonly string[]): unknown {
  const fields = Object.keys(fieldErrorsOf(error));
  if (fields.length > 0 && fields.every((f) => shownFields.includes(f))) return 'Please check the fields marked below.';
  return error;
}
