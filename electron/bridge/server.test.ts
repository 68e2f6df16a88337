import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../core/testing/temp-core';
import { contract } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { MAX_BODY_BYTES, resolveStaticFile, startBridge, type Bridge } from './server';

let t: TempCore;
let bridge: Bridge;
afterEach(async () => {
  await bridge?.close();
  await t?.close();
});

async function setup(options: { demo?: boolean } = {}) {
  t = await startTempCore(options);
  const staticDir = mkdtempSync(join(tmpdir(), 'box-office-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Box office</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  bridge = await startBridge({ core: t.core, staticDir, port: 0 });
  return staticDir;
}

const post = (op: string, body: unknown, token?: string) =>
  fetch(`${bridge.url}api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 only', async () => {
    await setup();
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('publishes the whole contract with roles and JSON Schemas', async () => {
    await setup();
    const body = (await (await fetch(`${bridge.url}api/contract`)).json()) as { ok: true; value: { operations: { name: string; access: unknown; input: { type?: string } }[] } };
    expect(body.value.operations.map((o) => o.name).sort()).toEqual(Object.keys(contract).sort());
    const create = body.value.operations.find((o) => o.name === 'users.create')!;
    expect(create.access).toEqual(['ADMIN']);
    expect(create.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['username', 'password']) });
  });

  it('carries a login and a bearer-authenticated call, with HTTP statuses matching the error', async () => {
    await setup();
    const login = (await (await post('auth.login', { username: 'cashier', password: 'cashier1234' })).json()) as { value: { token: string } };
    const day = await post('programme.day', {}, login.value.token);
    expect(day.status).toBe(200);
    expect(await day.json()).toMatchObject({ ok: true, value: { businessDate: '2026-11-25' } });
    const forbidden = await post('users.list', {}, login.value.token);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await post('programme.day', {})).status).toBe(401);
    expect((await post('no.such', {})).status).toBe(404);
  });

  it('answers bad JSON, oversized bodies and wrong methods with clear errors', async () => {
    await setup();
    const bad = await post('auth.login', '{"username":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } });
    const huge = await post('auth.login', JSON.stringify({ username: 'x'.repeat(MAX_BODY_BYTES + 10), password: 'y' })).catch((e: unknown) => e);
    if (huge instanceof Response) expect(huge.status).toBe(413);
    expect((await fetch(`${bridge.url}api/auth.login`)).status).toBe(405);
    // A 1 MB string is a validation error, not a crash.
    const big = await post('auth.login', { username: 'x'.repeat(1024 * 1024), password: 'y' });
    expect(big.status).toBe(400);
  });

  it('serves the renderer with a strict CSP and never a file outside its folder', async () => {
    const dir = await setup();
    const index = await fetch(bridge.url);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toMatch(/Box office/);
    expect((await fetch(`${bridge.url}cashier/today`)).status).toBe(200); // SPA fallback
    expect((await fetch(`${bridge.url}assets/missing.js`)).status).toBe(404);
    expect(resolveStaticFile(dir, '/../../etc/passwd')).toBe(join(dir, 'etc', 'passwd'));
    expect(resolveStaticFile(dir, '/%2e%2e/%2e%2e/etc/passwd')).toBe(join(dir, 'etc', 'passwd'));
    expect(resolveStaticFile(dir, '/%00')).toBeNull();
    expect(resolveStaticFile(dir, '/%E0%A4%A')).toBeNull();
  });
});

interface Raw {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } | string;
}

/** One request with whatever headers a hostile page or a rebinding DNS name would make the browser send. */
function raw(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Raw> {
  const url = new URL(bridge.url);
  return new Promise((resolveRaw, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Raw['body'] = text;
        if ((res.headers['content-type'] ?? '').startsWith('application/json')) parsed = JSON.parse(text) as Raw['body'];
        resolveRaw({ status: res.statusCode!, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => {
  const url = new URL(bridge.url);
  return { host: url.host, origin: url.origin };
};
const json = { 'content-type': 'application/json' };
const adminLogin = JSON.stringify({ username: 'admin', password: 'admin1234' });
const firstAdmin = JSON.stringify({
  username: 'olga',
  displayName: 'Olga Petrova',
  password: 'cinema-2026',
  cinema: { name: 'Kino Nord', address: '', timezone: 'Europe/Berlin', currency: 'EUR' },
});

describe('only its own page at its own address (issue 12, item 3)', () => {
  it('refuses a rebound DNS name (Host: evil.example) while its own Host is served, side by side', async () => {
    await setup();
    const token = await t.signIn('ADMIN');
    const forged = { host: 'evil.example', ...json };
    const genuine = { host: own().host, ...json };
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => raw('POST', '/api/auth.login', forged, adminLogin)),
      ...Array.from({ length: 20 }, () => raw('POST', '/api/users.list', { ...forged, authorization: `Bearer ${token}` }, '{}')),
      ...Array.from({ length: 20 }, () => raw('POST', '/api/users.list', { ...genuine, authorization: `Bearer ${token}` }, '{}')),
      raw('GET', '/', { host: 'evil.example' }),
      raw('GET', '/api/contract', { host: `evil.example:${new URL(bridge.url).port}` }),
      raw('POST', '/api/auth.login', { host: `localhost:${new URL(bridge.url).port}`, ...json }, adminLogin),
      raw('POST', '/api/auth.login', { host: '127.0.0.1:1', ...json }, adminLogin),
    ]);
    const refused = [...answers.slice(0, 40), ...answers.slice(60)];
    for (const a of refused) {
      expect(a.status).toBe(403);
      expect(JSON.stringify(a.body)).toContain(`answers only at ${own().origin}/`);
      expect(JSON.stringify(a.body)).not.toContain('token');
    }
    for (const a of answers.slice(40, 60)) expect(a).toMatchObject({ status: 200, body: { ok: true } });
    expect((await raw('GET', '/', { host: own().host })).status).toBe(200);
  });

  it('refuses calls from another page (Origin, Sec-Fetch-Site) and serves its own page', async () => {
    await setup();
    const host = own().host;
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: `http://localhost:${new URL(bridge.url).port}` },
      { origin: own().origin.replace(/:\d+$/, ':1') },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: own().origin, 'sec-fetch-site': 'cross-site' },
    ];
    const answers = await Promise.all(foreign.map((h) => raw('POST', '/api/auth.login', { host, ...json, ...h }, adminLogin)));
    for (const a of answers) expect(a).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('another web page') } } });
    const contract = await raw('GET', '/api/contract', { host, 'sec-fetch-site': 'cross-site' });
    expect(contract.status).toBe(403);

    const ownPage = await raw('POST', '/api/auth.login', { host, ...json, origin: own().origin, 'sec-fetch-site': 'same-origin' }, adminLogin);
    expect(ownPage).toMatchObject({ status: 200, body: { ok: true } });
    // A navigation from another site still opens the page itself (it holds no secret; frame-ancestors stops framing).
    expect((await raw('GET', '/', { host, 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });

  it('takes only JSON bodies: a text/plain or form POST (no CORS preflight) neither signs in nor counts as a wrong password', async () => {
    await setup();
    const host = own().host;
    const wrong = JSON.stringify({ username: 'admin', password: 'not-the-password' });
    const simple = ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const type = simple[i % simple.length]!;
        return raw('POST', '/api/auth.login', { host, ...(type ? { 'content-type': type } : {}) }, wrong);
      }),
    );
    for (const a of answers) expect(a).toMatchObject({ status: 415, body: { ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('only JSON') } } });
    // Forty refused guesses locked nothing: the real administrator still signs in.
    expect(await raw('POST', '/api/auth.login', { host, 'content-type': 'application/json; charset=utf-8' }, adminLogin)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('creates the first administrator and joins a cinema only from its own page', async () => {
    await setup({ demo: false });
    const host = own().host;
    const attempts = await Promise.all([
      raw('POST', '/api/setup.createFirstAdmin', { host, 'content-type': 'text/plain', origin: 'http://evil.example' }, firstAdmin),
      raw('POST', '/api/setup.createFirstAdmin', { host, 'content-type': 'text/plain' }, firstAdmin),
      raw('POST', '/api/setup.createFirstAdmin', { host: 'evil.example', ...json, origin: 'http://evil.example' }, firstAdmin),
      raw('POST', '/api/setup.createFirstAdmin', { host, ...json }, firstAdmin), // a script, not the page
    ]);
    expect(attempts.map((a) => a.status)).toEqual([403, 415, 403, 403]);
    expect(attempts[3]!.body).toMatchObject({ error: { message: expect.stringContaining("only on the box office's own page") } });
    expect(await t.call('setup.status', {})).toMatchObject({ needsFirstAdmin: true });
    const join = JSON.stringify({ url: 'postgres://evil.example:5432/central', user: 'terminal', password: 'x' });
    const joined = await raw('POST', '/api/sync.join', { host, ...json }, join);
    expect(joined).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });

    const fromPage = await raw('POST', '/api/setup.createFirstAdmin', { host, ...json, origin: own().origin, 'sec-fetch-site': 'same-origin' }, firstAdmin);
    expect(fromPage).toMatchObject({ status: 200, body: { ok: true, value: { user: { username: 'olga', role: 'ADMIN' } } } });
  });
});

describe('parallel guesses over HTTP (issue 12, item 4)', () => {
  const host = () => ({ host: own().host, ...json });
  const countCodes = (answers: Raw[]) =>
    answers.reduce<Record<string, number>>((n, a) => {
      const code = typeof a.body === 'string' ? `HTTP ${a.status}` : a.body.ok ? 'OK' : a.body.error!.code;
      n[code] = (n[code] ?? 0) + 1;
      return n;
    }, {});

  it('40 wrong passwords at once, the right one last: all 40 counted, 5 checked, the rest (the right one too) refused by the lock', async () => {
    await setup();
    const bodies = [...Array.from({ length: 39 }, (_, i) => JSON.stringify({ username: 'admin', password: `guess-${i}-x` })), adminLogin];
    const answers = await Promise.all(bodies.map((b) => raw('POST', '/api/auth.login', host(), b)));
    expect(countCodes(answers)).toEqual({ UNAUTHENTICATED: 4, LOCKED_OUT: 36 });
    expect(answers.at(-1)).toMatchObject({ status: 429, body: { error: { code: 'LOCKED_OUT' } } });
    const row = await t.core.services.db.selectFrom('login_attempts').selectAll().where('username', '=', 'admin').executeTakeFirst();
    expect(row).toMatchObject({ failures: 40 });
  });

  it("a correct manager PIN among 40 parallel guesses is refused once the till's prompt is locked", async () => {
    await setup();
    const token = await t.signIn('CASHIER');
    const pins = [...Array.from({ length: 39 }, (_, i) => String(9000 + i)), '2468'];
    const refund = (pin: string) =>
      JSON.stringify({ orderId: '0190f7a2-0000-7000-8000-000000000000', whole: true, reason: 'OTHER', managerPin: pin });
    const answers = await Promise.all(pins.map((pin) => raw('POST', '/api/orders.refund', { ...host(), authorization: `Bearer ${token}` }, refund(pin))));
    // NOT_FOUND would mean the PIN was accepted (the order itself is unknown).
    expect(countCodes(answers)).toEqual({ FORBIDDEN: 4, LOCKED_OUT: 36 });
    expect(answers.at(-1)).toMatchObject({ status: 429, body: { error: { code: 'LOCKED_OUT' } } });
  });
});
