/**
 * Issue 8, point 3, through HTTP: the role matrix of electron/core/api.test.ts checks the
 * dispatcher; this checks the same matrix over the loopback bridge (bearer token → role), so a
 * transport that forgot the token, or trusted something else, would show. Every operation × every
 * role and nobody: refused with 401/403 exactly when the contract's access list says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, mayCall, type OperationName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/enums';
import { startTempCore, type TempCore } from '../../electron/core/testing/temp-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';

let t: TempCore;
let bridge: Bridge;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await startTempCore();
  bridge = await startBridge({ core: t.core, port: 0 });
  for (const role of ROLES) tokens.set(role, await t.signIn(role));
}, 120_000);

afterAll(async () => {
  await bridge?.close();
  await t?.close();
});

describe('role matrix over HTTP (issue 8, point 3)', () => {
  it('every operation as every role and as nobody: refused exactly when the contract says so', async () => {
    let pairs = 0;
    const wrong: string[] = [];
    for (const op of Object.keys(contract) as OperationName[]) {
      if (op === 'auth.logout') continue; // would end the session the next rows use; the dispatcher test covers it
      for (const role of [...ROLES, null]) {
        const res = await fetch(new URL(`/api/${op}`, bridge.url), {
          method: 'POST',
          // As the bridge's own page sends it (setup.createFirstAdmin is served only to that page).
          headers: { 'content-type': 'application/json', origin: new URL(bridge.url).origin, ...(role ? { authorization: `Bearer ${tokens.get(role)}` } : {}) },
          // An input no schema accepts: an allowed caller gets past the role check to validation.
          body: JSON.stringify({ __probe: true }),
        });
        const body = (await res.json()) as { ok: boolean; error?: { code: string } };
        const refusedForRole = res.status === (role ? 403 : 401) && body.error?.code === (role ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        const allowed = mayCall(contract[op].access, role);
        if (allowed === refusedForRole) wrong.push(`${op} as ${role ?? 'nobody'}: ${res.status} ${body.error?.code ?? 'ok'} (contract: ${allowed ? 'allowed' : 'refused'})`);
        pairs++;
      }
    }
    console.log(`role matrix over HTTP: ${pairs} role × operation pairs checked`);
    expect(wrong).toEqual([]);
    expect(pairs).toBe((Object.keys(contract).length - 1) * (ROLES.length + 1));
  });
});
