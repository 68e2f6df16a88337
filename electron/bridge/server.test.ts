import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../core/testing/temp-core';
import { contract } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, resolveStaticFile, startBridge, type Bridge } from './server';

let t: TempCore;
let bridge: Bridge;
afterEach(async () => {
  await bridge?.close();
  await t?.close();
});

async function setup() {
  t = await startTempCore();
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
