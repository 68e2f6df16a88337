/**
 * The Electron shell's security rules as pure functions: no import of 'electron', so they run
 * (and are tested) under plain Node. main.ts wires them to the Electron events.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ApiRequest } from '../shared/contract/result';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'box-office';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The one IPC channel; the preload uses the same name. */
export const IPC_CHANNEL = 'box-office:call';

function parseUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL (or origin) on our app:// origin. Compares scheme and host by hand: Node's
 * URL reports origin "null" for non-special schemes, and a prefix test would accept
 * "app://box-office.evil".
 */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Whether an IPC message's sender frame URL belongs to our page. */
export function isAllowedSender(url: string | null | undefined): boolean {
  return isAppUrl(url);
}

/**
 * Where a frame may go: the page has no links out (shell.openExternal is never called) and no
 * frames, so only the main frame moves, and only within our origin; a subframe never navigates.
 */
export function isNavigationAllowed(url: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(url);
}

/** DevTools are a developer's tool: a packaged build has none (no menu item, no shortcut, no API). */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

/**
 * Switches that open the app to a debugger. The fuses in electron-builder.yml turn off the Node
 * ones (--inspect…, NODE_OPTIONS, ELECTRON_RUN_AS_NODE) in the shipped binary, but no fuse covers
 * Chromium's remote debugging (--remote-debugging-port gives any local process the page and its
 * session), so a packaged build refuses to start with any of them.
 */
export const DEBUG_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
] as const;

/**
 * The debug switches on this command line: read from argv the way Chromium does (`--name`,
 * `-name` and on Windows `/name`, any case, with or without `=value`) and as Electron's own
 * parser reports them (`hasSwitch`), so no spelling slips past one of the two.
 */
export function debugSwitchesIn(argv: readonly string[], hasSwitch: (name: string) => boolean = () => false): string[] {
  const named = new Set<string>();
  for (const arg of argv) {
    const m = /^(?:--?|\/)([a-z0-9-]+)(?:=|$)/i.exec(arg);
    if (m) named.add(m[1]!.toLowerCase());
  }
  return DEBUG_SWITCHES.filter((name) => named.has(name) || hasSwitch(name));
}

/**
 * Maps a request path under app://box-office/ to a file inside root, or null when the path is
 * malformed or would leave root (../, encoded separators, NUL bytes, absolute paths).
 */
export function resolveAppFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Backslashes and NULs have no business in our asset names; refusing them closes the Windows
  // separator and C-string truncation tricks in one go.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes(':'))) return null;
  const relativePath = segments.length === 0 ? 'index.html' : segments.join(sep);
  const base = resolve(root);
  const file = resolve(base, relativePath);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every app:// response, errors included, so no document ever lacks the CSP. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/**
 * The only permission the page gets is the camera (the usher scans ticket QR codes), and only
 * for our own origin; microphone, location, notifications, etc. are denied.
 */
export function isPermissionAllowed(
  permission: string,
  origin: string | null | undefined,
  mediaTypes?: readonly string[],
): boolean {
  if (permission !== 'media' || !isAppUrl(origin)) return false;
  return (mediaTypes ?? []).every((type) => type === 'video');
}

/** Network requests the page may never make: remote content and local files stay out. */
export function isBlockedRequest(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return true;
  return ['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:'].includes(parsed.protocol);
}

/** Checks the shape of what came over IPC; the dispatcher validates the input itself. */
export function toApiRequest(payload: unknown): ApiRequest | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const { op, input, token } = payload as Record<string, unknown>;
  if (typeof op !== 'string' || op === '' || op.length > 200) return null;
  if (token !== undefined && token !== null && typeof token !== 'string') return null;
  return { op, input, token: token ?? null };
}

/** `--demo` or BOX_OFFICE_DEMO=1 turn the demo cinema on, BOX_OFFICE_DEMO=0 off; by default only dev runs show it. */
export function isDemoMode(argv: readonly string[], env: NodeJS.ProcessEnv, isPackaged: boolean): boolean {
  if (argv.includes('--demo')) return true;
  if (env.BOX_OFFICE_DEMO === '1') return true;
  if (env.BOX_OFFICE_DEMO === '0') return false;
  return !isPackaged;
}
