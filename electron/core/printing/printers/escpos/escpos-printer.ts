import { open } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { CupsPrinter, type CupsOptions } from '../cups-printer';
import { causeWords, failure } from '../print-causes';
import type { Words } from '../../../../../shared/i18n/message-key';
import { PrintFailure, type PrintJob, type PrintedJob, type PrinterDriver } from '../printer-driver';
import { drawerCommands, receiptCommands, refundSlipCommands, shiftReportCommands, ticketCommands } from './escpos-slips';
import { parseStatus, statusProblem, statusQuery, STATUS_QUERIES, type EscPosStatus } from './escpos-status';

/** Where an ESC/POS printer is: a network printer (port 9100), a device file, or a raw CUPS queue. */
export type EscPosAddress = { kind: 'TCP'; host: string; port: number } | { kind: 'DEVICE'; path: string } | { kind: 'CUPS'; queue: string };

/** "192.168.1.50", "tcp://till-printer:9100", "/dev/usb/lp0", "cups:Receipts"; null when it is none of these. */
export function parseEscPosAddress(text: string): EscPosAddress | null {
  const t = text.trim();
  const cups = /^cups:([^\s/#]+)$/.exec(t);
  if (cups) return { kind: 'CUPS', queue: cups[1]! };
  if (/^\/dev\/[\w./-]+$/.test(t) && !t.includes('..')) return { kind: 'DEVICE', path: t };
  const tcp = /^(?:tcp:\/\/)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?$/.exec(t);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (port < 1 || port > 65535) return null;
    return { kind: 'TCP', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  return null;
}

export function describeAddress(a: EscPosAddress): string {
  if (a.kind === 'TCP') return `${a.host}:${a.port}`;
  if (a.kind === 'DEVICE') return a.path;
  return `CUPS queue ${a.queue}`;
}

/** One connection to a network printer: write commands, ask its real-time status. */
class TcpLink {
  private received: number[] = [];
  private waiting: ((b: number | null) => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      for (const b of d) {
        const w = this.waiting.shift();
        if (w) w(b);
        else this.received.push(b);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(null);
    });
    socket.on('error', () => undefined);
  }

  static open(host: string, port: number, timeoutMs: number): Promise<TcpLink> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new TcpLink(socket));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (e) => (e ? reject(e) : resolve())));
  }

  private byte(timeoutMs: number): Promise<number | null> {
    const ready = this.received.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== done);
        resolve(null);
      }, timeoutMs);
      const done = (b: number | null) => {
        clearTimeout(timer);
        resolve(b);
      };
      this.waiting.push(done);
    });
  }

  /** DLE EOT 1, 2, 4; null when the printer does not answer (status read-back switched off, or not an Epson). */
  async status(timeoutMs: number): Promise<EscPosStatus | null> {
    const answers: number[] = [];
    for (const n of [STATUS_QUERIES.printer, STATUS_QUERIES.offline, STATUS_QUERIES.paper]) {
      await this.write(statusQuery(n));
      const b = await this.byte(timeoutMs);
      if (b === null) return null;
      answers.push(b);
    }
    return parseStatus(answers[0]!, answers[1]!, answers[2]!);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.socket.end(() => resolve());
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 1000).unref();
    });
  }
}

export interface EscPosOptions {
  /** Connect and status-answer time limit. */
  timeoutMs?: number;
  /** For a raw CUPS queue. */
  cups?: CupsOptions;
}

const NET_WORDS: Record<string, Words> = {
  ECONNREFUSED: { key: 'refusals:printer.netRefused' },
  ETIMEDOUT: { key: 'refusals:printer.netTimedOut' },
  EHOSTUNREACH: { key: 'refusals:printer.netUnreachable' },
  ENETUNREACH: { key: 'refusals:printer.netDown' },
  ENOTFOUND: { key: 'refusals:printer.netNoSuchName' },
  EAI_AGAIN: { key: 'refusals:printer.netLookupFailed' },
  ECONNRESET: { key: 'refusals:printer.netDropped' },
  EPIPE: { key: 'refusals:printer.netDropped' },
};

/**
 * An Epson TM-class receipt printer spoken to in ESC/POS: tickets and receipts as text with the
 * printer's QR and cutter, the cash drawer on its kick-out port, and its status (paper end, near
 * end, cover open) read back over the network and turned into the same causes as CUPS.
 */
export class EscPosPrinter implements PrinterDriver {
  readonly label: string;
  private readonly timeoutMs: number;

  constructor(
    readonly address: EscPosAddress,
    private readonly options: EscPosOptions = {},
  ) {
    this.label = `ESC/POS printer ${describeAddress(address)}`;
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  async print(job: PrintJob): Promise<PrintedJob> {
    if (!job.content) {
      throw new PrintFailure('FAILED', { key: 'refusals:printer.escposNeedsPdf', values: { printer: describeAddress(this.address), title: job.title } });
    }
    const c = job.content;
    const bytes =
      c.kind === 'TICKETS'
        ? ticketCommands(c.order, c.tickets, c.language)
        : c.kind === 'RECEIPT'
          ? receiptCommands(c.order, c.copy, c.language)
          : c.kind === 'REFUND_SLIP'
            ? refundSlipCommands(c.slip)
            : shiftReportCommands(c.report, c.context);
    return this.send(job.title, bytes);
  }

  /** The pulse alone: a drawer opens whatever the paper or cover, and a sale never waits for status answers. */
  async openDrawer(): Promise<void> {
    await this.send('Cash drawer', drawerCommands(), false);
  }

  private async send(title: string, bytes: Uint8Array, readStatus = true): Promise<PrintedJob> {
    const a = this.address;
    const name = describeAddress(a);
    if (a.kind === 'CUPS') return new CupsPrinter(a.queue, this.options.cups).printRaw(title, bytes);
    if (a.kind === 'DEVICE') {
      try {
        const file = await open(a.path, 'w');
        try {
          await file.write(bytes);
        } finally {
          await file.close();
        }
        return { where: { key: 'refusals:printer.printedOn', values: { name } } };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') throw failure('PRINTER_NOT_FOUND', name, { key: 'refusals:printer.deviceMissing' });
        if (code === 'EACCES' || code === 'EPERM') throw new PrintFailure('FAILED', { key: 'refusals:printer.devicePermission', values: { path: a.path } });
        throw failure('OFFLINE', name, (e as Error).message);
      }
    }
    let link: TcpLink;
    try {
      link = await TcpLink.open(a.host, a.port, this.timeoutMs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      throw failure(code === 'ENOTFOUND' ? 'PRINTER_NOT_FOUND' : 'OFFLINE', name, NET_WORDS[code] ?? (e as Error).message);
    }
    try {
      if (!readStatus) {
        await link.write(bytes);
        return { where: { key: 'refusals:printer.sentTo', values: { name } } };
      }
      const before = await link.status(this.timeoutMs);
      const problem = before && statusProblem(before);
      if (problem) throw failure(problem.cause, name, problem.said);
      await link.write(bytes);
      // The printer answers status in real time, after the bytes before it were taken in.
      const after = await link.status(this.timeoutMs);
      const late = after && statusProblem(after);
      if (late) throw new PrintFailure(late.cause, { key: 'refusals:printer.partMissing', values: { failure: causeWords(late.cause, name, late.said), title } });
      const low = after?.paperNearEnd || before?.paperNearEnd;
      const key = after === null ? (low ? 'refusals:printer.printedOnLowNoStatus' : 'refusals:printer.printedOnNoStatus') : low ? 'refusals:printer.printedOnLow' : 'refusals:printer.printedOn';
      return { where: { key, values: { name } } };
    } catch (e) {
      if (e instanceof PrintFailure) throw e;
      throw failure('OFFLINE', name, NET_WORDS[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message);
    } finally {
      await link.close();
    }
  }
}
