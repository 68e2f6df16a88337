import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, InputOf, OperationName, ResultOf } from '../../../shared/contract';
import { manualClock } from '../clock';
import { startCore, type Core } from '../app-core';
import { DEMO_LOGINS } from '../demo/seed-demo';

const quietLog = { info: () => undefined, error: () => undefined };

export interface TempCore {
  core: Core;
  clock: ReturnType<typeof manualClock>;
  dir: string;
  /** Calls an operation and returns its value, or throws with the error code and message. */
  call<N extends OperationName>(op: N, input: InputOf<N>, token?: string | null): Promise<ResultOf<N>>;
  /** Calls an operation that must be refused and returns the refusal; throws when it is accepted. */
  refusal(op: string, input: unknown, token?: string | null): Promise<ApiError>;
  /** Signs a demo user in (by role) and returns the token. */
  signIn(role: 'ADMIN' | 'MANAGER' | 'CASHIER' | 'USHER'): Promise<string>;
  close(): Promise<void>;
}

/** A real core on a fresh SQLite file in a temp folder, on a clock the test controls. */
export async function startTempCore(options: { demo?: boolean; now?: string } = {}): Promise<TempCore> {
  const dir = mkdtempSync(join(tmpdir(), 'box-office-test-'));
  const clock = manualClock(options.now ?? '2026-11-25T12:00:00Z');
  const core = await startCore({ dataDir: dir, demo: options.demo ?? true, clock, log: quietLog });
  const call: TempCore['call'] = async (op, input, token) => {
    const result = await core.call({ op, input, token });
    if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { code: result.error.code });
    return result.value as never;
  };
  return {
    core,
    clock,
    dir,
    call,
    async refusal(op, input, token) {
      const result = await core.call({ op, input, token });
      if (result.ok) throw new Error(`${op} was accepted`);
      return result.error;
    },
    async signIn(role) {
      const login = DEMO_LOGINS.find((l) => l.role === role)!;
      return (await call('auth.login', { username: login.username, password: login.password })).token;
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
