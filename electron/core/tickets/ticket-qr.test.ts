import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v7 } from 'uuid';
import { QR_PREFIX, decodeTicketQrUnverified, encodeTicketQr, verifyTicketQr, type TicketQrPayload } from './ticket-qr';
import { codeTwins } from './testing/code-twins';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const terminalA = { id: v7(), ...keyPair() };
const terminalB = { id: v7(), ...keyPair() };
const lookup = (id: string) =>
  id === terminalA.id ? { publicKeyPem: terminalA.publicKeyPem, revoked: false } : id === terminalB.id ? { publicKeyPem: terminalB.publicKeyPem, revoked: false } : null;

const payload: TicketQrPayload = { ticketId: v7(), sessionId: v7(), seatId: v7(), terminalId: terminalA.id, soldAt: new Date('2026-11-25T18:03:07Z') };

describe('ticket QR (rule 9)', () => {
  it('is compact, versioned and round-trips', () => {
    const text = encodeTicketQr(payload, terminalA.privateKeyPem);
    expect(text.startsWith(QR_PREFIX)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(182);
    expect(verifyTicketQr(text, lookup)).toEqual({ ok: true, payload });
  });

  it('rejects any single changed byte', () => {
    const text = encodeTicketQr(payload, terminalA.privateKeyPem);
    const raw = Buffer.from(text.slice(QR_PREFIX.length), 'base64url');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, flip) => {
        const tampered = Buffer.from(raw);
        tampered[index] = tampered[index]! ^ flip;
        const result = verifyTicketQr(QR_PREFIX + tampered.toString('base64url'), lookup);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a code signed with another terminal's key, an unknown key and a revoked key", () => {
    // Claims terminal A but is signed by B.
    const forged = encodeTicketQr(payload, terminalB.privateKeyPem);
    expect(verifyTicketQr(forged, lookup)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const unknown = encodeTicketQr({ ...payload, terminalId: v7() }, terminalA.privateKeyPem);
    expect(verifyTicketQr(unknown, lookup)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    const good = encodeTicketQr(payload, terminalA.privateKeyPem);
    expect(verifyTicketQr(good, () => ({ publicKeyPem: terminalA.publicKeyPem, revoked: true }))).toEqual({ ok: false, reason: 'REVOKED_KEY' });
  });

  it('says MALFORMED for anything that is not a ticket code', () => {
    for (const text of ['', 'hello', QR_PREFIX, `${QR_PREFIX}!!!`, `BO2.${'A'.repeat(178)}`, 'x'.repeat(100_000)]) {
      expect(verifyTicketQr(text, lookup)).toEqual({ ok: false, reason: 'MALFORMED' });
    }
    expect(decodeTicketQrUnverified(42 as unknown as string)).toBeNull();
  });

  it('reads only the canonical text: the 15 other last characters and every lenient spelling are MALFORMED', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 7 }), fc.uuid({ version: 7 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (ticketId, seatId, seconds) => {
        const code = encodeTicketQr({ ...payload, ticketId, seatId, soldAt: new Date(seconds * 1000) }, terminalA.privateKeyPem);
        expect(verifyTicketQr(code, lookup).ok).toBe(true);
        const twins = codeTwins(code);
        expect(twins.length).toBeGreaterThanOrEqual(15 + 5);
        const bytes = Buffer.from(code.slice(QR_PREFIX.length), 'base64url');
        for (const twin of twins) {
          // The same bytes to a lenient reader …
          expect(Buffer.from(twin.slice(QR_PREFIX.length), 'base64url').equals(bytes)).toBe(true);
          // … but not a ticket code.
          expect(verifyTicketQr(twin, lookup)).toEqual({ ok: false, reason: 'MALFORMED' });
          expect(decodeTicketQrUnverified(twin)).toBeNull();
        }
      }),
      { numRuns: 50 },
    );
  });
});
