import type { ApiError, ApiRequest, ApiResult, InputOf, OperationName, ResultOf } from '../../../shared/contract';
import type { TransportErrorCode } from './api-call-error';
import type { BoxOfficeBridge } from '../../../shared/bridge-api';
import { useSession } from '../stores/session';
import { ApiCallError } from './api-call-error';
import { i18n } from '../i18n/instance';

export { ApiCallError, isApiCallError, messageOf } from './api-call-error';

/**
 * The one API client. It carries `call(op, input)` over Electron's preload (`window.boxOffice`)
 * when it is there, and over the loopback bridge (`POST /api/<op>`) otherwise; screens never
 * learn which. The session token comes from the session store; the renderer sends no user id,
 * role or price for the main process to trust.
 */

/** Operations whose input is all optional can be called without one: `call('system.status')`. */
type InputArgs<N extends OperationName> = Record<string, never> extends InputOf<N> ? [input?: InputOf<N>] : [input: InputOf<N>];


function preloadBridge(): BoxOfficeBridge | null {
  if (typeof window === 'undefined') return null;
  const bridge = (window as unknown as { boxOffice?: Partial<BoxOfficeBridge> }).boxOffice;
  return bridge && typeof bridge.call === 'function' ? (bridge as BoxOfficeBridge) : null;
}

function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (!body || typeof body !== 'object') return false;
  const b = body as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (b.ok === true) return 'value' in b;
  return b.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string';
}

/** A result as the server sends it, or the transport's own failure. */
export type TransportResult =
  | ApiResult<unknown>
  | { ok: false; error: Omit<ApiError, 'code'> & { code: TransportErrorCode } };

const unreachable = (detail: string): TransportResult => ({
  ok: false,
  error: {
    code: 'UNREACHABLE',
    message: i18n.t('api.notAnswering', { detail }),
  },
});

async function overHttp(request: ApiRequest): Promise<TransportResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(request.op)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(request.input ?? {}),
    });
  } catch (e) {
    return unreachable(e instanceof Error ? e.message : 'network error');
  }
  // The body is a result whatever the HTTP status (400, 401, 409 … carry one too).
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return unreachable(`HTTP ${response.status} without a result`);
  }
  return isApiResult(body) ? body : unreachable(`HTTP ${response.status} with an unexpected answer`);
}

async function overPreload(bridge: BoxOfficeBridge, request: ApiRequest): Promise<TransportResult> {
  try {
    const result = await bridge.call(request);
    return isApiResult(result) ? result : unreachable('unexpected answer from the main process');
  } catch (e) {
    return unreachable(e instanceof Error ? e.message : 'main process error');
  }
}

/** Sends one request over whichever transport this window has. */
export function send(request: ApiRequest): Promise<TransportResult> {
  const bridge = preloadBridge();
  return bridge ? overPreload(bridge, request) : overHttp(request);
}

/**
 * Calls an operation of the contract and returns its value, or throws an ApiCallError carrying
 * the server's code and message. A call made while signed in that comes back UNAUTHENTICATED
 * (session expired, account deactivated) signs this window out with a message for the login screen.
 */
export async function call<N extends OperationName>(op: N, ...args: InputArgs<N>): Promise<ResultOf<N>> {
  const token = useSession.getState().token;
  const result = await send({ op, input: args[0] ?? {}, token });
  if (result.ok) return result.value as ResultOf<N>;
  const error = new ApiCallError(op, result.error);
  if (error.code === 'UNAUTHENTICATED' && token && useSession.getState().token === token) {
    useSession.getState().signOut(result.error.message || i18n.t('api.sessionEnded'));
  }
  throw error;
}
