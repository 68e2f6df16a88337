/**
 * The same fuzzing through the loopback HTTP bridge, for a sample: generated JSON inputs for every
 * operation, plus bodies that are not JSON at all, oversized bodies, wrong methods, odd paths and
 * junk Authorization headers. Every answer is JSON with the status the contract maps its code to,
 * never a 500, and refused calls change nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_STATUS, contract, type ErrorCode, type OperationName } from '../../shared/contract';
import { describeContract } from '../../shared/contract/describe';
import type { Role } from '../../shared/enums';
import { startTempCore, type TempCore } from '../../electron/core/testing/temp-core';
import { startBridge, MAX_BODY_BYTES, type Bridge } from '../../electron/bridge/server';
import { DatabaseWatch } from './db-digest';
import { fuzzInput, type JsonSchema } from './schema-arbitrary';
import { FUZZ_SEED, callersOf, knownIds, problemWith, seedFor } from './fuzz-support';

const PER_OPERATION = Math.max(1, Math.ceil(Number(process.env.FUZZ_RUNS ?? 15) / 5));

let t: TempCore;
let bridge: Bridge;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await startTempCore();
  bridge = await startBridge({ core: t.core, port: 0 });
  for (const role of ['ADMIN', 'MANAGER', 'CASHIER', 'USHER'] as const) tokens.set(role, await t.signIn(role));
}, 120_000);

afterAll(async () => {
  await bridge?.close();
  await t?.close();
});

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

async function post(path: string, body: string | Uint8Array, headers: Record<string, string> = {}, method = 'POST'): Promise<Answer> {
  const res = await fetch(new URL(path, bridge.url), { method, body: method === 'GET' ? undefined : typeof body === 'string' ? body : Buffer.from(body), headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = `(not JSON) ${text.slice(0, 80)}`;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed };
}

/** A well-formed JSON answer whose status matches its code. */
function problemWithAnswer(a: Answer): string | null {
  if (!a.contentType.startsWith('application/json')) return `content-type ${a.contentType}`;
  const problem = problemWith(a.body);
  if (problem) return problem;
  const body = a.body as { ok: boolean; error?: { code: ErrorCode } };
  const expected = body.ok ? [200] : [HTTP_STATUS[body.error!.code], ...(body.error!.code === 'VALIDATION' ? [405, 413, 415] : [])];
  if (!expected.includes(a.status)) return `status ${a.status} for ${JSON.stringify(body).slice(0, 120)}`;
  return null;
}

const NOT_JSON: readonly (string | Uint8Array)[] = [
  '{',
  '{"a":',
  '}{',
  "{'single': 'quotes'}",
  '{"a":1,}',
  'NaN',
  'undefined',
  '1e999',
  '\u0000',
  '\uFEFF{}',
  '<?xml version="1.0"?><op/>',
  'username=admin&password=x',
  '[' .repeat(200_000),
  '{"a":'.repeat(50_000),
  new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xa0, 0xa1]),
  new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  'null',
  '[]',
  '"a string"',
  '42',
  'true',
];

describe('fuzzed HTTP bridge (issue 8, point 2)', () => {
  it('answers generated and malformed requests with JSON refusals, the right status, and no change', async () => {
    const watch = new DatabaseWatch(t.core.databaseFile);
    const pool = { ids: knownIds(t.core.databaseFile, []) };
    const schemas = new Map(describeContract().map((d) => [d.name, d.input as JsonSchema]));
    const failures: string[] = [];
    let sent = 0;
    const check = async (label: string, a: Promise<Answer>) => {
      const answer = await a;
      sent++;
      const problem = problemWithAnswer(answer);
      if (problem) failures.push(`${label}: ${problem}`);
      if (!(answer.body as { ok?: boolean }).ok) {
        const changed = watch.changedTables();
        if (changed.length > 0) failures.push(`${label}: refused but changed ${changed.join(', ')}`);
      }
      watch.accept();
    };

    const ops = (Object.keys(contract) as OperationName[]).filter((op) => op !== 'auth.logout' && op !== 'auth.login');
    for (const op of ops) {
      const role = callersOf(contract[op].access)[0] ?? null;
      const auth: Record<string, string> = role ? { authorization: `Bearer ${tokens.get(role)}` } : {};
      const inputs = fc.sample(fuzzInput(schemas.get(op)!, pool), { numRuns: PER_OPERATION, seed: seedFor(FUZZ_SEED, `http/${op}`) });
      for (const input of inputs) {
        let body: string;
        try {
          body = JSON.stringify(input) ?? '';
        } catch {
          body = '{"bigint":"not JSON"}';
        }
        await check(`POST /api/${op} ${body.slice(0, 80)}`, post(`/api/${op}`, body, auth));
      }
      // Non-JSON bodies, a rotating few per operation so every one meets several operations; and
      // once each, a body of another type (what a cross-site form may send), refused unread (415).
      for (let i = 0; i < 3; i++) {
        const raw = NOT_JSON[(ops.indexOf(op) * 3 + i) % NOT_JSON.length]!;
        await check(`POST /api/${op} raw #${(ops.indexOf(op) * 3 + i) % NOT_JSON.length}`, post(`/api/${op}`, raw, auth));
      }
      await check(`POST /api/${op} as text/plain`, post(`/api/${op}`, '{}', { ...auth, 'content-type': 'text/plain' }));
    }

    const admin = { authorization: `Bearer ${tokens.get('ADMIN')}` };
    await check('oversized body', post('/api/users.create', 'x'.repeat(MAX_BODY_BYTES + 1), admin));
    await check('GET an operation', post('/api/users.list', '', admin, 'GET'));
    await check('PUT an operation', post('/api/users.list', '{}', admin, 'PUT'));
    for (const path of ['/api/', '/api/..%2f..%2fetc%2fpasswd', '/api/__proto__', '/api/constructor', '/api/users.list%00', '/api/' + 'x'.repeat(5000), '/api/users.list/extra']) {
      await check(`POST ${path.slice(0, 60)}`, post(path, '{}', admin));
    }
    for (const header of ['Bearer ' + 'x'.repeat(5000), 'Basic YWRtaW46YWRtaW4xMjM0', 'Bearer', 'bearer  two tokens', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.']) {
      await check(`Authorization: ${header.slice(0, 30)}`, post('/api/users.create', '{"username":"mallory","displayName":"M","role":"ADMIN","password":"mallory123"}', { authorization: header }));
    }

    watch.close();
    console.log(`bridge fuzz: ${sent} HTTP requests over ${ops.length} operations (${PER_OPERATION} generated + 3 non-JSON bodies + 1 text/plain each, plus methods, paths, headers, an oversized body)`);
    expect(failures.slice(0, 25), `${failures.length} failure(s); replay with FUZZ_SEED=${FUZZ_SEED}`).toEqual([]);
    expect(sent).toBeGreaterThan(ops.length * 3);
  });
});
