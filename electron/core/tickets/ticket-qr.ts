import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Rule 9: the ticket's QR payload — compact, versioned, Ed25519-signed by the selling terminal, so
 * any terminal verifies any ticket offline with the public keys it got through sync.
 *
 * Text form: `BO1.` + base64url of
 *   version (1 byte) | ticket id (16) | session id (16) | seat id (16) | terminal id (16)
 *   | sold at, unix seconds (4) | Ed25519 signature over all the preceding bytes (64)
 * = 133 bytes → 182 characters: a version-10 QR code at level M (57 modules), easy for door scanners.
 */
export const QR_PREFIX = 'BO1.';
const VERSION = 1;
const BODY_BYTES = 1 + 16 * 4 + 4;
const SIGNATURE_BYTES = 64;

export interface TicketQrPayload {
  ticketId: string;
  sessionId: string;
  seatId: string;
  terminalId: string;
  /** Whole seconds: the code carries no more precision. */
  soldAt: Date;
}

export type QrVerification =
  | { ok: true; payload: TicketQrPayload }
  | { ok: false; reason: 'MALFORMED' | 'UNKNOWN_KEY' | 'REVOKED_KEY' | 'BAD_SIGNATURE' };

/** What the verifier knows of a terminal's key: its public key, or that it is unknown or revoked. */
export type PublicKeyLookup = (terminalId: string) => { publicKeyPem: string; revoked: boolean } | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidToBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`Not a UUID: ${id}`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const keyCache = new WeakMap<object, Map<string, KeyObject>>();
function cachedKey(owner: object, pem: string, make: (pem: string) => KeyObject): KeyObject {
  let byPem = keyCache.get(owner);
  if (!byPem) keyCache.set(owner, (byPem = new Map()));
  let key = byPem.get(pem);
  if (!key) byPem.set(pem, (key = make(pem)));
  return key;
}
const privateKeys = {};
const publicKeys = {};

export function encodeTicketQr(payload: TicketQrPayload, privateKeyPem: string): string {
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt8(VERSION, 0);
  uuidToBytes(payload.ticketId).copy(body, 1);
  uuidToBytes(payload.sessionId).copy(body, 17);
  uuidToBytes(payload.seatId).copy(body, 33);
  uuidToBytes(payload.terminalId).copy(body, 49);
  body.writeUInt32BE(Math.floor(payload.soldAt.getTime() / 1000), 65);
  const signature = sign(null, body, cachedKey(privateKeys, privateKeyPem, createPrivateKey));
  return QR_PREFIX + Buffer.concat([body, signature]).toString('base64url');
}

/**
 * The code's bytes, only from their one canonical text. Node's base64url decoder is lenient: it
 * skips characters outside the alphabet, takes '+', '/' and '=' as well, and ignores the unused
 * low bits of the last character (133 bytes leave 4), so 15 other strings — and any number with
 * inserted junk — would read as the same ticket. Only the text this codec writes is a ticket code.
 */
function canonicalBytes(text: unknown): Buffer | null {
  if (typeof text !== 'string' || !text.startsWith(QR_PREFIX)) return null;
  const encoded = text.slice(QR_PREFIX.length);
  const raw = Buffer.from(encoded, 'base64url');
  if (raw.length !== BODY_BYTES + SIGNATURE_BYTES || raw.toString('base64url') !== encoded) return null;
  return raw;
}

function payloadOf(raw: Buffer): TicketQrPayload | null {
  if (raw.readUInt8(0) !== VERSION) return null;
  return {
    ticketId: bytesToUuid(raw.subarray(1, 17)),
    sessionId: bytesToUuid(raw.subarray(17, 33)),
    seatId: bytesToUuid(raw.subarray(33, 49)),
    terminalId: bytesToUuid(raw.subarray(49, 65)),
    soldAt: new Date(raw.readUInt32BE(65) * 1000),
  };
}

/** Reads the payload without checking the signature (for messages only; never to admit anyone). */
export function decodeTicketQrUnverified(text: string): TicketQrPayload | null {
  const raw = canonicalBytes(text);
  return raw && payloadOf(raw);
}

export function verifyTicketQr(text: string, lookup: PublicKeyLookup): QrVerification {
  const raw = canonicalBytes(text);
  const payload = raw && payloadOf(raw);
  if (!raw || !payload) return { ok: false, reason: 'MALFORMED' };
  const key = lookup(payload.terminalId);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY' };
  if (key.revoked) return { ok: false, reason: 'REVOKED_KEY' };
  let valid = false;
  try {
    valid = verify(null, raw.subarray(0, BODY_BYTES), cachedKey(publicKeys, key.publicKeyPem, createPublicKey), raw.subarray(BODY_BYTES));
  } catch {
    valid = false;
  }
  return valid ? { ok: true, payload } : { ok: false, reason: 'BAD_SIGNATURE' };
}
