import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to the loopback bridge (issue 12, item 3). A web page on another site can make the
 * browser send requests to 127.0.0.1 — with its own name pointed at 127.0.0.1 (DNS rebinding: the
 * Host header is then that name) or as a cross-site "simple" POST (text/plain, no preflight). Only
 * the bridge's own page, at its own address, is served; everything else is refused before the
 * dispatcher sees it.
 */

/** The bridge's own address as the browser writes it: `127.0.0.1:5174` and `http://127.0.0.1:5174`. */
export interface OwnAddress {
  host: string;
  origin: string;
}

export function ownAddress(listenHost: '127.0.0.1' | '::1', port: number): OwnAddress {
  const name = listenHost === '::1' ? '[::1]' : listenHost;
  const host = port === 80 ? name : `${name}:${port}`;
  return { host, origin: `http://${host}` };
}

export interface Refusal {
  status: number;
  code: 'FORBIDDEN' | 'VALIDATION';
  message: string;
}

export interface GuardedRequest {
  method: string;
  /** URL path, e.g. `/api/auth.login` or `/cashier`. */
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * First-run operations need no sign-in, so only the page's own Origin (which a browser always
 * sends on a POST) may call them: no other page, and no script that names no origin.
 */
const OWN_PAGE_ONLY = new Set(['setup.createFirstAdmin', 'sync.join']);

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** Host must name this bridge exactly: a rebound DNS name reaches the socket but not the app. */
function hostRefusal(req: GuardedRequest, own: OwnAddress): Refusal | null {
  const host = header(req.headers, 'host')?.trim().toLowerCase();
  if (host === own.host) return null;
  return {
    status: 403,
    code: 'FORBIDDEN',
    message: `This box office answers only at ${own.origin}/ — open that address in the browser.`,
  };
}

/** A browser tells where a call comes from; another site's page may not call the API. */
function crossSiteRefusal(req: GuardedRequest, own: OwnAddress): Refusal | null {
  const origin = header(req.headers, 'origin');
  const site = header(req.headers, 'sec-fetch-site');
  const foreignOrigin = origin !== undefined && origin.toLowerCase() !== own.origin;
  // 'none' is a typed address or a bookmark; anything else but same-origin came from another page.
  const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  if (!foreignOrigin && !foreignSite) return null;
  return {
    status: 403,
    code: 'FORBIDDEN',
    message: `Calls from another web page are refused: use the box office's own page at ${own.origin}/.`,
  };
}

/**
 * Only JSON bodies: a browser sends `application/json` across sites only after a preflight this
 * bridge never answers, so a form or text/plain POST from another page cannot reach an operation.
 */
function bodyTypeRefusal(req: GuardedRequest): Refusal | null {
  const type = header(req.headers, 'content-type')?.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return null;
  return {
    status: 415,
    code: 'VALIDATION',
    message: 'The box office accepts only JSON requests (Content-Type: application/json).',
  };
}

function ownPageRefusal(req: GuardedRequest, own: OwnAddress, op: string): Refusal | null {
  if (!OWN_PAGE_ONLY.has(op) || header(req.headers, 'origin')?.toLowerCase() === own.origin) return null;
  return {
    status: 403,
    code: 'FORBIDDEN',
    message: `A new terminal is set up (first administrator, joining a cinema) only on the box office's own page at ${own.origin}/.`,
  };
}

/** Why this request is refused, or null to serve it. Checked in this order: Host, origin, body type, own page. */
export function refusalOf(req: GuardedRequest, own: OwnAddress): Refusal | null {
  const host = hostRefusal(req, own);
  if (host || !req.path.startsWith('/api/')) return host;
  const crossSite = crossSiteRefusal(req, own);
  if (crossSite || req.method !== 'POST') return crossSite;
  return bodyTypeRefusal(req) ?? ownPageRefusal(req, own, req.path.slice('/api/'.length));
}
