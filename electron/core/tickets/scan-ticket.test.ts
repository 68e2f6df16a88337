import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 } from 'uuid';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { systemContext } from '../system-context';
import { newId } from '../ids';
import { QR_PREFIX, encodeTicketQr } from './ticket-qr';
import { DOORS_OPEN_MINUTES } from './scan-ticket';
import { insertTestOrder, upcomingSession, type TestOrder } from './testing/insert-test-order';
import { codeTwins } from './testing/code-twins';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('tickets.scan at the door (rule 9)', () => {
  let t: TempCore;
  let usher: string;
  let session: Awaited<ReturnType<typeof upcomingSession>>;
  let other: Awaited<ReturnType<typeof upcomingSession>>;
  let order: TestOrder;
  const duringDoors = () => t.clock.set(new Date(Date.parse(session.startsAt) - 10 * 60_000));

  beforeAll(async () => {
    t = await startTempCore();
    usher = await t.signIn('USHER');
    session = await upcomingSession(t, 0);
    other = await upcomingSession(t, 1);
    order = await insertTestOrder(t, { sessionId: session.id, seats: 6 });
  });
  afterAll(() => t?.close());

  const scans = () => t.core.services.db.selectFrom('ticket_scans').selectAll().orderBy('scanned_at').orderBy('id').execute();

  it('admits a valid ticket once, marks it used, and says when and where on the second scan', async () => {
    duringDoors();
    const ticket = order.tickets[0]!;
    const first = await t.call('tickets.scan', { sessionId: session.id, code: ticket.qr }, usher);
    expect(first).toMatchObject({ result: 'VALID', admit: true, admitted: 1, ticket: { id: ticket.id, known: true } });
    expect(first.message).toMatch(/row [A-Z], seat \d+/);
    const row = await t.core.services.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.scanned_at).toBe(t.clock.now().toISOString());
    expect(row.scanned_terminal_id).toBe(t.core.terminal().id);

    t.clock.advance(60_000);
    const second = await t.call('tickets.scan', { sessionId: session.id, code: `  ${ticket.qr}\n` }, usher);
    expect(second).toMatchObject({ result: 'ALREADY_USED', admit: false, admitted: 1 });
    expect(second.firstUse).toMatchObject({ at: row.scanned_at, userName: 'Mehmet Yılmaz', terminalName: t.core.terminal().name });
    expect(second.message).toContain('Already used');
    const recorded = (await scans()).filter((s) => s.ticket_id === ticket.id);
    expect(recorded.map((s) => s.result)).toEqual(['VALID', 'ALREADY_USED']);
  });

  it('says too early before the doors open and too late after the session ended, and admits no one', async () => {
    const ticket = order.tickets[1]!;
    t.clock.set(new Date(Date.parse(session.startsAt) - (DOORS_OPEN_MINUTES + 1) * 60_000));
    const early = await t.call('tickets.scan', { sessionId: session.id, code: ticket.qr }, usher);
    expect(early).toMatchObject({ result: 'TOO_EARLY', admit: false });
    expect(early.message).toMatch(/doors for this session open at \d\d:\d\d/);
    t.clock.set(session.endsAt);
    const late = await t.call('tickets.scan', { sessionId: session.id, code: ticket.qr }, usher);
    expect(late).toMatchObject({ result: 'TOO_LATE', admit: false });
    const row = await t.core.services.db.selectFrom('tickets').select('scanned_at').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.scanned_at).toBeNull();
  });

  it('names the right film, hall and time for a ticket of another session', async () => {
    duringDoors();
    const elsewhere = await insertTestOrder(t, { sessionId: other.id, seats: 1 });
    const answer = await t.call('tickets.scan', { sessionId: session.id, code: elsewhere.tickets[0]!.qr }, usher);
    expect(answer.result).toBe('WRONG_SESSION');
    expect(answer.rightSession?.id).toBe(other.id);
    expect(answer.message).toContain(answer.rightSession!.filmTitle);
    expect(answer.message).toContain(answer.rightSession!.hallName);
  });

  it('refuses refunded and exchanged tickets from the revocation list', async () => {
    duringDoors();
    const ctx = systemContext(t.core.services);
    const [refunded, exchanged] = [order.tickets[2]!, order.tickets[3]!];
    for (const [ticket, reason] of [
      [refunded, 'REFUNDED'],
      [exchanged, 'EXCHANGED'],
    ] as const) {
      await t.core.services.db
        .insertInto('ticket_revocations')
        .values({ id: newId(), ticket_id: ticket.id, reason, revoked_at: t.clock.now().toISOString(), ...ctx.stamp() })
        .execute();
    }
    const a = await t.call('tickets.scan', { sessionId: session.id, code: refunded.qr }, usher);
    expect(a).toMatchObject({ result: 'REFUNDED', admit: false });
    expect(a.message).toContain('refunded');
    const b = await t.call('tickets.scan', { sessionId: session.id, code: exchanged.qr }, usher);
    expect(b).toMatchObject({ result: 'REFUNDED', admit: false });
    expect(b.message).toContain('exchanged');
  });

  it('rejects tampered codes: one changed byte, another terminal’s key, an unknown key, a withdrawn key', async () => {
    duringDoors();
    const ticket = order.tickets[4]!;
    const raw = Buffer.from(ticket.qr.slice(QR_PREFIX.length), 'base64url');
    const flipped = Buffer.from(raw);
    flipped[20] = flipped[20]! ^ 0x01;
    const oneByte = QR_PREFIX + flipped.toString('base64url');

    const payload = { ticketId: ticket.id, sessionId: session.id, seatId: ticket.seatId, terminalId: t.core.terminal().id, soldAt: new Date(t.clock.now()) };
    const thief = keyPair();
    const signedByAnother = encodeTicketQr(payload, thief.privateKeyPem);
    const unknownTerminal = encodeTicketQr({ ...payload, terminalId: v7() }, thief.privateKeyPem);

    for (const code of [oneByte, signedByAnother, unknownTerminal, 'hello', `${QR_PREFIX}AAAA`]) {
      const answer = await t.call('tickets.scan', { sessionId: session.id, code }, usher);
      expect(answer).toMatchObject({ result: 'FORGED', admit: false, ticket: null });
    }
    const forged = (await scans()).filter((s) => s.result === 'FORGED');
    expect(forged).toHaveLength(5);
    expect(forged.every((s) => s.ticket_id === null && s.payload)).toBe(true);

    // A terminal whose key was withdrawn: its tickets no longer pass.
    const ctx = systemContext(t.core.services);
    const withdrawn = { id: v7(), ...keyPair() };
    await t.core.services.db
      .insertInto('terminals')
      .values({ id: withdrawn.id, cinema_id: t.core.terminal().cinemaId!, name: 'Old till', public_key: withdrawn.publicKeyPem, revoked_at: t.clock.now().toISOString(), ...ctx.stamp() })
      .execute();
    const byWithdrawn = encodeTicketQr({ ...payload, ticketId: v7(), terminalId: withdrawn.id }, withdrawn.privateKeyPem);
    const answer = await t.call('tickets.scan', { sessionId: session.id, code: byWithdrawn }, usher);
    expect(answer.result).toBe('FORGED');
    expect(answer.message).toContain('withdrawn');
    // The genuine ticket is still good.
    expect((await t.call('tickets.scan', { sessionId: session.id, code: ticket.qr }, usher)).result).toBe('VALID');
  });

  it("refuses a code signed by another cinema's till, even one naming this session, and another cinema's session", async () => {
    duringDoors();
    const ctx = systemContext(t.core.services);
    const elsewhere = newId();
    await t.core.services.db
      .insertInto('cinemas')
      .values({ id: elsewhere, name: 'Kino Süd', timezone: 'Europe/Berlin', currency: 'EUR', ...ctx.stamp() })
      .execute();
    const till = { id: v7(), ...keyPair() };
    await t.core.services.db
      .insertInto('terminals')
      .values({ id: till.id, cinema_id: elsewhere, name: 'Süd 1', public_key: till.publicKeyPem, revoked_at: null, ...ctx.stamp() })
      .execute();
    const seat = await t.core.services.db.selectFrom('seats').select('id').where('hall_id', '=', session.hallId).executeTakeFirstOrThrow();
    const code = encodeTicketQr({ ticketId: v7(), sessionId: session.id, seatId: seat.id, terminalId: till.id, soldAt: t.clock.now() }, till.privateKeyPem);
    const answer = await t.call('tickets.scan', { sessionId: session.id, code }, usher);
    expect(answer).toMatchObject({ result: 'FORGED', admit: false });

    const hall = newId();
    await t.core.services.db.insertInto('halls').values({ id: hall, cinema_id: elsewhere, name: 'Saal 1', type: 'STANDARD', cleaning_minutes: 15, ...ctx.stamp() }).execute();
    const theirSession = await t.core.services.db.selectFrom('sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    const theirs = newId();
    await t.core.services.db.insertInto('sessions').values({ ...theirSession, id: theirs, hall_id: hall, ...ctx.stamp() }).execute();
    const refused = await t.core.call({ op: 'tickets.scan', input: { sessionId: theirs, code }, token: usher });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('admits a ticket sold at another till whose sale has not synced yet, once', async () => {
    duringDoors();
    const ctx = systemContext(t.core.services);
    const till = { id: v7(), ...keyPair() };
    await t.core.services.db
      .insertInto('terminals')
      .values({ id: till.id, cinema_id: t.core.terminal().cinemaId!, name: 'Counter 2', public_key: till.publicKeyPem, revoked_at: null, ...ctx.stamp() })
      .execute();
    const seat = await t.core.services.db.selectFrom('seats').select(['id', 'row_label', 'number']).where('hall_id', '=', session.hallId).orderBy('grid_y', 'desc').executeTakeFirstOrThrow();
    const code = encodeTicketQr({ ticketId: v7(), sessionId: session.id, seatId: seat.id, terminalId: till.id, soldAt: t.clock.now() }, till.privateKeyPem);
    const first = await t.call('tickets.scan', { sessionId: session.id, code }, usher);
    expect(first).toMatchObject({ result: 'VALID', admit: true, ticket: { known: false, rowLabel: seat.row_label, seatNumber: seat.number } });
    const second = await t.call('tickets.scan', { sessionId: session.id, code }, usher);
    expect(second.result).toBe('ALREADY_USED');
    const mine = (await scans()).filter((s) => s.payload === code);
    expect(mine.map((s) => [s.result, s.ticket_id])).toEqual([
      ['VALID', null],
      ['ALREADY_USED', null],
    ]);
  });

  it('counts the admitted guests and lists the latest scans', async () => {
    const state = await t.call('door.session', { sessionId: session.id }, usher);
    expect(state.admitted).toBe(3);
    expect(state.sold).toBe(6);
    expect(state.recent.length).toBeGreaterThan(0);
    expect(state.recent[0]!.userName).toBe('Mehmet Yılmaz');
  });

  it('refuses bad input and unknown sessions without recording anything; a cashier may not scan', async () => {
    const before = (await scans()).length;
    await expect(t.call('tickets.scan', { sessionId: session.id, code: '   ' }, usher)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.call('tickets.scan', { sessionId: 'nope', code: 'x' }, usher)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.call('tickets.scan', { sessionId: v7(), code: order.tickets[5]!.qr }, usher)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.call('tickets.scan', { sessionId: session.id, code: 'x'.repeat(5000) }, usher)).rejects.toMatchObject({ code: 'VALIDATION' });
    const cashier = await t.signIn('CASHIER');
    await expect(t.call('tickets.scan', { sessionId: session.id, code: order.tickets[5]!.qr }, cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await scans()).length).toBe(before);
  });

  it('reads every other spelling of a real code as FORGED (issue 12, item 10); only the code as printed admits', async () => {
    duringDoors();
    const ticket = order.tickets[5]!;
    const twins = codeTwins(ticket.qr);
    expect(twins.length).toBeGreaterThanOrEqual(15);
    for (const code of twins) {
      const answer = await t.call('tickets.scan', { sessionId: session.id, code }, usher);
      expect(answer, code).toMatchObject({ result: 'FORGED', admit: false, ticket: null });
      expect(answer.message).toMatch(/not a ticket code of this cinema/);
    }
    const recorded = (await scans()).filter((s) => s.payload !== null && twins.includes(s.payload));
    expect(recorded.map((s) => [s.result, s.ticket_id])).toEqual(twins.map(() => ['FORGED', null]));
    const row = await t.core.services.db.selectFrom('tickets').select('scanned_at').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.scanned_at).toBeNull();
    expect(await t.call('tickets.scan', { sessionId: session.id, code: ticket.qr }, usher)).toMatchObject({ result: 'VALID', admit: true });
  });
});
