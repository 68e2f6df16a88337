import { existsSync } from 'node:fs';
import { request } from 'node:http';

/**
 * A small IPP client for the CUPS scheduler (RFC 8010 encoding), for what lp/lpstat cannot say
 * exactly: a job's state (completed vs. canceled/aborted), whether a queue accepts jobs, the
 * printer's state reasons (media-empty, cover-open, offline-report…) and whether the scheduler runs.
 */

export type IppValue = string | number | boolean | Buffer;
export type IppAttributes = Record<string, IppValue[]>;

export interface IppResponse {
  status: number;
  /** One entry per attribute group after the operation group (one per printer of CUPS-Get-Printers). */
  groups: { tag: number; attributes: IppAttributes }[];
  operation: IppAttributes;
}

export const OP = { CANCEL_JOB: 0x0008, GET_JOB_ATTRIBUTES: 0x0009, GET_PRINTER_ATTRIBUTES: 0x000b, CUPS_GET_PRINTERS: 0x4002, CUPS_GET_DEFAULT: 0x4001 } as const;
const TAG = { OPERATION: 0x01, JOB: 0x02, END: 0x03, PRINTER: 0x04, INTEGER: 0x21, BOOLEAN: 0x22, ENUM: 0x23, TEXT: 0x41, NAME: 0x42, KEYWORD: 0x44, URI: 0x45, CHARSET: 0x47, LANGUAGE: 0x48 } as const;

/** Where the scheduler listens: $CUPS_SERVER (a socket path or host[:port]), else the usual local socket, else localhost:631. */
export interface CupsServer {
  socketPath?: string;
  host?: string;
  port?: number;
}

export function cupsServer(env: NodeJS.ProcessEnv = process.env): CupsServer {
  const named = env.CUPS_SERVER?.trim();
  if (named) {
    if (named.startsWith('/')) return { socketPath: named };
    const [host, port] = named.split(':');
    return { host: host || 'localhost', port: Number(port) || 631 };
  }
  for (const path of ['/run/cups/cups.sock', '/var/run/cups/cups.sock']) if (existsSync(path)) return { socketPath: path };
  return { host: 'localhost', port: 631 };
}

/** Why the scheduler could not be asked at all (nothing listening): the print service is not running. */
export class SchedulerDown extends Error {
  constructor(readonly code: string) {
    super(`the CUPS scheduler does not answer (${code})`);
    this.name = 'SchedulerDown';
  }
}

type Attr = [tag: number, name: string, values: IppValue | IppValue[]];

function encode(operation: number, requestId: number, attrs: Attr[]): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0);
  head.writeUInt16BE(operation, 2);
  head.writeUInt32BE(requestId, 4);
  parts.push(head, Buffer.from([TAG.OPERATION]));
  const all: Attr[] = [[TAG.CHARSET, 'attributes-charset', 'utf-8'], [TAG.LANGUAGE, 'attributes-natural-language', 'en'], ...attrs];
  for (const [tag, name, value] of all) {
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      const n = Buffer.from(i === 0 ? name : '', 'utf8');
      let data: Buffer;
      if (tag === TAG.INTEGER || tag === TAG.ENUM) {
        data = Buffer.alloc(4);
        data.writeInt32BE(Number(v), 0);
      } else if (tag === TAG.BOOLEAN) data = Buffer.from([v ? 1 : 0]);
      else data = Buffer.from(String(v), 'utf8');
      const lengths = Buffer.alloc(2);
      lengths.writeUInt16BE(n.length, 0);
      const valueLength = Buffer.alloc(2);
      valueLength.writeUInt16BE(data.length, 0);
      parts.push(Buffer.from([tag]), lengths, n, valueLength, data);
    });
  }
  parts.push(Buffer.from([TAG.END]));
  return Buffer.concat(parts);
}

/** Decodes a response; unknown value types stay raw bytes (collections' members become extra values, which nothing here reads). */
export function decodeIpp(body: Buffer): IppResponse {
  if (body.length < 8) throw new Error('the CUPS scheduler sent a short IPP answer');
  const status = body.readUInt16BE(2);
  const groups: IppResponse['groups'] = [];
  let current: IppAttributes | null = null;
  let last = '';
  let at = 8;
  while (at < body.length) {
    const tag = body[at++]!;
    if (tag === TAG.END) break;
    if (tag < 0x10) {
      current = {};
      groups.push({ tag, attributes: current });
      continue;
    }
    const nameLength = body.readUInt16BE(at);
    at += 2;
    const name = body.toString('utf8', at, at + nameLength);
    at += nameLength;
    const valueLength = body.readUInt16BE(at);
    at += 2;
    const raw = body.subarray(at, at + valueLength);
    at += valueLength;
    let value: IppValue;
    if ((tag === TAG.INTEGER || tag === TAG.ENUM) && valueLength === 4) value = raw.readInt32BE(0);
    else if (tag === TAG.BOOLEAN) value = raw[0] === 1;
    else if (tag >= 0x40 && tag < 0x50 && tag !== 0x4a) value = raw.toString('utf8');
    else value = Buffer.from(raw);
    if (!current) continue;
    if (nameLength > 0) {
      last = name;
      current[name] = [value];
    } else current[last]?.push(value);
  }
  const operation = groups.find((g) => g.tag === TAG.OPERATION)?.attributes ?? {};
  return { status, groups: groups.filter((g) => g.tag !== TAG.OPERATION), operation };
}

let nextRequestId = 1;

/** Sends one IPP request to the scheduler; SchedulerDown when nothing listens there. */
export function ippRequest(server: CupsServer, path: string, operation: number, attrs: Attr[], timeoutMs = 5000): Promise<IppResponse> {
  const body = encode(operation, nextRequestId++, attrs);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...(server.socketPath ? { socketPath: server.socketPath } : { host: server.host, port: server.port }),
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`the CUPS scheduler answered HTTP ${res.statusCode}`));
          try {
            resolve(decodeIpp(Buffer.concat(chunks)));
          } catch (e) {
            reject(e as Error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => reject(['ENOENT', 'ECONNREFUSED', 'ETIMEDOUT', 'EACCES', 'ECONNRESET'].includes(e.code ?? '') ? new SchedulerDown(e.code!) : e));
    req.end(body);
  });
}

const user = (): Attr => [TAG.NAME, 'requesting-user-name', process.env.USER || 'boxoffice'];
const printerUri = (name: string): Attr => [TAG.URI, 'printer-uri', `ipp://localhost/printers/${encodeURIComponent(name)}`];

export const PRINTER_ATTRIBUTES = ['printer-name', 'printer-state', 'printer-state-reasons', 'printer-state-message', 'printer-is-accepting-jobs', 'printer-info', 'device-uri', 'printer-make-and-model'];

export const ipp = {
  printers: (server: CupsServer) => ippRequest(server, '/', OP.CUPS_GET_PRINTERS, [user(), [TAG.KEYWORD, 'requested-attributes', PRINTER_ATTRIBUTES]]),
  defaultPrinter: (server: CupsServer) => ippRequest(server, '/', OP.CUPS_GET_DEFAULT, [user(), [TAG.KEYWORD, 'requested-attributes', ['printer-name']]]),
  printer: (server: CupsServer, name: string) => ippRequest(server, `/printers/${encodeURIComponent(name)}`, OP.GET_PRINTER_ATTRIBUTES, [printerUri(name), user(), [TAG.KEYWORD, 'requested-attributes', PRINTER_ATTRIBUTES]]),
  job: (server: CupsServer, printer: string, jobId: number) =>
    ippRequest(server, '/jobs/', OP.GET_JOB_ATTRIBUTES, [
      printerUri(printer),
      [TAG.INTEGER, 'job-id', jobId],
      user(),
      [TAG.KEYWORD, 'requested-attributes', ['job-id', 'job-state', 'job-state-reasons', 'job-printer-state-message', 'job-printer-state-reasons']],
    ]),
  cancel: (server: CupsServer, printer: string, jobId: number) => ippRequest(server, '/jobs/', OP.CANCEL_JOB, [printerUri(printer), [TAG.INTEGER, 'job-id', jobId], user()]),
};

/** IPP status codes below 0x0400 are successes. */
export const ippOk = (r: IppResponse): boolean => r.status < 0x0400;
export const first = (attrs: IppAttributes, name: string): IppValue | undefined => attrs[name]?.[0];
export const strings = (attrs: IppAttributes, name: string): string[] => (attrs[name] ?? []).filter((v): v is string => typeof v === 'string');
