import { QR_PREFIX } from '../ticket-qr';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Other spellings of a ticket code that Node's lenient base64url decoder reads as the same bytes:
 * the 15 other last characters (133 bytes leave the last character's 4 low bits unused), padding,
 * the standard alphabet's '+' and '/', and characters it skips.
 */
export function codeTwins(code: string): string[] {
  const body = code.slice(QR_PREFIX.length);
  const last = BASE64URL.indexOf(body.at(-1)!);
  const lastCharacter = [...BASE64URL]
    .filter((_, i) => i >> 4 === last >> 4 && i !== last)
    .map((c) => QR_PREFIX + body.slice(0, -1) + c);
  const middle = body.length >> 1;
  const spelled = [
    `${code}=`,
    `${code}==`,
    QR_PREFIX + body.slice(0, middle) + ' ' + body.slice(middle),
    QR_PREFIX + body.slice(0, middle) + '.' + body.slice(middle),
    QR_PREFIX + body.slice(0, middle) + '\u00e9' + body.slice(middle),
    QR_PREFIX + body.replace(/-/g, '+').replace(/_/g, '/'),
  ].filter((c) => c !== code);
  return [...lastCharacter, ...spelled];
}
