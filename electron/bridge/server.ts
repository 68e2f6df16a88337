import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HTTP_STATUS, type ApiResult } from '../../shared/contract';
import { describeContract } from '../../shared/contract/describe';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import type { Core } from '../core/app-core';
import { ownAddress, refusalOf } from './request-guard';

/** Largest request body accepted: generous for real forms, small enough to refuse floods. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export interface BridgeOptions {
  core: Core;
  /** Built renderer (vite build output); the API works without it. */
  staticDir?: string;
  port?: number;
  /** Always loopback: the bridge is for this machine's browser and tests only. */
  host?: '127.0.0.1' | '::1';
}

export interface Bridge {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendResult(res: ServerResponse, result: ApiResult<unknown>): void {
  sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Too large: answer 413 at once, keep draining (not storing) so the client reads the answer
        // instead of a reset connection; a client that floods far past the limit is cut off.
        if (chunks.length > 0) chunks.length = 0;
        resolveBody(null);
        if (size > 4 * MAX_BODY_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? m[1]! : null;
}

/** A file inside the static folder, or null: no path may climb out of it. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootDir = resolve(root);
  const file = resolve(rootDir, '.' + normalize('/' + decoded));
  if (file !== rootDir && !file.startsWith(rootDir + sep)) return null;
  return file;
}

async function handleApi(core: Core, req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST for API operations.' } });
    return;
  }
  const body = await readBody(req);
  if (body === null) {
    res.setHeader('connection', 'close');
    sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.` } });
    return;
  }
  let input: unknown = {};
  if (body.trim().length > 0) {
    try {
      input = JSON.parse(body);
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } });
      return;
    }
  }
  sendResult(res, await core.call({ op, input, token: bearerToken(req) }));
}

function serveStatic(staticDir: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  let file = staticDir ? resolveStaticFile(staticDir, path) : null;
  if (staticDir && file && (!existsSync(file) || statSync(file).isDirectory())) {
    // Single-page app: unknown paths get index.html, the router decides.
    file = extname(path) ? null : join(staticDir, 'index.html');
  }
  if (!file || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(staticDir ? 'Not found' : 'The renderer is not built: run `npm run build:renderer`.');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/** The loopback HTTP bridge: the built renderer plus the same dispatcher Electron's IPC calls. */
export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refusal = refusalOf({ method: req.method ?? 'GET', path, headers: req.headers }, ownAddress(host, req.socket.localPort!));
    if (refusal) {
      res.setHeader('connection', 'close'); // the body is not read
      if (path.startsWith('/api/')) return sendJson(res, refusal.status, { ok: false, error: { code: refusal.code, message: refusal.message } });
      res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(refusal.message);
      return;
    }
    const done = (e: unknown) => {
      options.core.services.log.error('Bridge request failed', { path, error: e instanceof Error ? e.stack : String(e) });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The bridge could not answer this request.' } });
      else res.destroy();
    };
    try {
      if (path === '/api/contract') {
        if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use GET for the contract.' } });
        return sendJson(res, 200, { ok: true, value: { operations: describeContract() } });
      }
      if (path.startsWith('/api/')) {
        handleApi(options.core, req, res, path.slice('/api/'.length)).catch(done);
        return;
      }
      serveStatic(options.staticDir, req, res);
    } catch (e) {
      done(e);
    }
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port!;
      const url = `${ownAddress(host, port).origin}/`;
      resolveStart({
        server,
        url,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            // A page left open keeps keep-alive (and in-flight polling) connections: shutting down must not wait for it.
            server.closeAllConnections();
          }),
      });
    });
  });
}
