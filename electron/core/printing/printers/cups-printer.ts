import { spawn } from 'node:child_process';
import { PrintFailure, type PrintFailureCause, type PrintJob, type PrintedJob, type PrinterDriver } from './printer-driver';
import { cupsServer, first, ipp, ippOk, SchedulerDown, strings, type CupsServer, type IppAttributes } from './ipp';
import { cupsMediaOptions } from './page-size';
import { failure, notPrintedYet } from './print-causes';
import type { Words } from '../../../../shared/i18n/message-key';
import type { CupsNote } from '../../../../shared/contract/printing';

/** What a CUPS command said. `missing` when the command itself is not installed. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
  missing?: boolean;
}

const COMMAND_TIMEOUT_MS = 15_000;

/** Runs lp/lpstat (found on PATH) with a time limit; never throws. */
export function runCommand(command: string, args: readonly string[], input?: Buffer): Promise<CommandOutput> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (out: CommandOutput) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve(out);
      }
    };
    const child = spawn(command, args, { env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ code: -1, stdout, stderr: `${command} did not answer within ${COMMAND_TIMEOUT_MS / 1000} s` });
    }, COMMAND_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => finish({ code: -1, stdout, stderr: e.message, missing: e.code === 'ENOENT' }));
    child.on('close', (code) => finish({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}

export type Run = typeof runCommand;

/** A CUPS queue as the scheduler reports it over IPP. */
export interface CupsQueue {
  name: string;
  state: 'IDLE' | 'PRINTING' | 'STOPPED';
  /** False when the queue rejects new jobs (cupsreject). */
  accepting: boolean;
  /** printer-state-reasons without "none" and without the -error/-warning/-report suffixes. */
  reasons: string[];
  /** What the printer or its backend last said ("Unable to connect to printer…"). */
  message: string | null;
  deviceUri: string | null;
  isDefault: boolean;
}

export function queueOf(a: IppAttributes, defaultName: string | null): CupsQueue {
  const name = String(first(a, 'printer-name') ?? '');
  const state = first(a, 'printer-state');
  return {
    name,
    state: state === 5 ? 'STOPPED' : state === 4 ? 'PRINTING' : 'IDLE',
    accepting: first(a, 'printer-is-accepting-jobs') !== false,
    reasons: strings(a, 'printer-state-reasons')
      .filter((r) => r !== 'none')
      .map((r) => r.replace(/-(error|warning|report)$/, '')),
    message: String(first(a, 'printer-state-message') ?? '').trim() || null,
    deviceUri: (first(a, 'device-uri') as string | undefined) ?? null,
    isDefault: name === defaultName,
  };
}

const UNREACHABLE = /unable to connect|unavailable|may not exist|not responding|offline|network host|waiting for printer|connection refused|no route/i;

/** Why a queue cannot print now (checked before a job is sent, and for a job that does not finish). */
export function queueProblem(q: CupsQueue): { cause: PrintFailureCause; said: string | null } | null {
  const has = (...names: string[]) => q.reasons.some((r) => names.some((n) => r.startsWith(n)));
  if (!q.accepting) return { cause: 'REJECTING', said: q.message };
  if (has('media-empty', 'media-needed')) return { cause: 'OUT_OF_PAPER', said: q.message };
  if (has('cover-open', 'door-open', 'interlock-open')) return { cause: 'COVER_OPEN', said: q.message };
  if (q.state === 'STOPPED') return { cause: 'PAUSED', said: q.message };
  if (has('offline', 'connecting-to-device', 'timed-out', 'shutdown')) return { cause: 'OFFLINE', said: q.message };
  return null;
}

/** Scheduler state and queues, for the printer settings. */
export interface CupsListing {
  scheduler: 'RUNNING' | 'NOT_RUNNING';
  printers: CupsQueue[];
  /** Why there is nothing to choose, as a code (the settings screen words it)… */
  note: CupsNote | null;
  /** …and as words for a refusal in the reader's language. */
  noteWords: Words | null;
}

const NOTE_WORDS: Readonly<Record<Exclude<CupsNote, 'DID_NOT_LIST'>, Words>> = {
  WINDOWS: { key: 'refusals:printer.windowsNoCups' },
  NOT_RUNNING: { key: 'refusals:printer.cupsNotRunning' },
  NO_PRINTERS: { key: 'refusals:printer.cupsNoPrinters' },
};

function listing(scheduler: CupsListing['scheduler'], printers: CupsQueue[], note: CupsNote | null, said = ''): CupsListing {
  const noteWords: Words | null = note === 'DID_NOT_LIST' ? { key: 'refusals:printer.cupsDidNotList', values: { said } } : note ? NOTE_WORDS[note] : null;
  return { scheduler, printers, note, noteWords };
}

/** The CUPS printers of this computer with their state, and whether the scheduler runs at all. */
export async function listCupsPrinters(server: CupsServer = cupsServer()): Promise<CupsListing> {
  try {
    const [list, dflt] = await Promise.all([ipp.printers(server), ipp.defaultPrinter(server)]);
    const defaultName = (dflt.groups[0] && (first(dflt.groups[0].attributes, 'printer-name') as string | undefined)) ?? null;
    const printers = ippOk(list) ? list.groups.map((g) => queueOf(g.attributes, defaultName)).filter((p) => p.name) : [];
    return listing('RUNNING', printers, printers.length === 0 ? 'NO_PRINTERS' : null);
  } catch (e) {
    if (e instanceof SchedulerDown) {
      // Windows has no CUPS at all: its printers are the system printers.
      return listing('NOT_RUNNING', [], process.platform === 'win32' ? 'WINDOWS' : 'NOT_RUNNING');
    }
    return listing('NOT_RUNNING', [], 'DID_NOT_LIST', (e as Error).message);
  }
}

export interface CupsOptions {
  server?: CupsServer;
  /** How long a job is followed before the answer is "not printed yet" (bounded: the cashier waits). */
  followMs?: number;
  pollMs?: number;
  run?: Run;
}

/** "Roll80-17" → queue Roll80, job 17. */
export function parseJobRef(job: string): { printer: string; id: number } | null {
  const m = /^(.+)-(\d+)$/.exec(job);
  return m ? { printer: m[1]!, id: Number(m[2]) } : null;
}

/**
 * Prints through CUPS: checks the queue over IPP (scheduler, queue, accepting, paused, paper,
 * cover), sends the PDF with `lp` at the PDF's own page size, then follows the job until CUPS
 * says it completed — only then is it "printed"; otherwise the answer is "not printed yet".
 */
export class CupsPrinter implements PrinterDriver {
  readonly label: string;
  private readonly server: CupsServer;
  private readonly followMs: number;
  private readonly pollMs: number;
  private readonly run: Run;

  constructor(
    readonly name: string,
    options: CupsOptions = {},
  ) {
    this.label = `CUPS printer ${name}`;
    this.server = options.server ?? cupsServer();
    this.followMs = options.followMs ?? 15_000;
    this.pollMs = options.pollMs ?? 250;
    this.run = options.run ?? runCommand;
  }

  /** The queue's state now; a PrintFailure when the scheduler is down or the queue does not exist. */
  async queue(): Promise<CupsQueue> {
    try {
      const answer = await ipp.printer(this.server, this.name);
      if (!ippOk(answer) || !answer.groups[0]) throw failure('PRINTER_NOT_FOUND', this.name, first(answer.operation, 'status-message') as string | undefined);
      return queueOf(answer.groups[0].attributes, null);
    } catch (e) {
      if (e instanceof SchedulerDown) throw failure('SERVICE_DOWN', this.name);
      throw e;
    }
  }

  async print(job: PrintJob): Promise<PrintedJob> {
    const options = cupsMediaOptions(job.pdf);
    if (job.paper === 'A4') options.push('-o', 'fit-to-page');
    return this.submit(job.title, job.pdf, options);
  }

  /** Bytes the printer understands as they are (ESC/POS through a raw queue). */
  printRaw(title: string, bytes: Uint8Array): Promise<PrintedJob> {
    return this.submit(title, Buffer.from(bytes), ['-o', 'raw']);
  }

  private async submit(title: string, data: Buffer, options: string[]): Promise<PrintedJob> {
    const before = await this.queue();
    const problem = queueProblem(before);
    if (problem) throw failure(problem.cause, this.name, problem.said);

    const sent = await this.run('lp', ['-d', this.name, '-t', title, ...options], data);
    if (sent.missing) throw new PrintFailure('FAILED', { key: 'refusals:printer.lpMissing' });
    if (sent.code !== 0) {
      const said = (sent.stderr || sent.stdout).trim().replace(/^lp:\s*/i, '');
      if (/unable to connect to server|scheduler.*not running/i.test(said)) throw failure('SERVICE_DOWN', this.name, said);
      if (/does not exist|not found|unknown destination|invalid destination/i.test(said)) throw failure('PRINTER_NOT_FOUND', this.name, said);
      if (/not accepting/i.test(said)) throw failure('REJECTING', this.name, said);
      throw new PrintFailure('FAILED', { key: 'refusals:printer.refusedJob', values: { printer: this.name, said: said || `lp: ${sent.code}` } });
    }
    const ref = /request id is (\S+)/.exec(sent.stdout)?.[1];
    const parsed = ref ? parseJobRef(ref) : null;
    if (!ref || !parsed) throw new PrintFailure('FAILED', { key: 'refusals:printer.noJobNumber', values: { printer: this.name, said: sent.stdout.trim() } });
    return this.follow(ref, parsed.id);
  }

  /** Waits (bounded) for CUPS to report the job completed. */
  private async follow(ref: string, id: number): Promise<PrintedJob> {
    const deadline = Date.now() + this.followMs;
    let said: string | null = null;
    for (;;) {
      let attrs: IppAttributes | undefined;
      try {
        attrs = (await ipp.job(this.server, this.name, id)).groups[0]?.attributes;
      } catch (e) {
        if (!(e instanceof SchedulerDown)) throw e;
        throw notPrintedYet('SERVICE_DOWN', this.name, ref);
      }
      const state = attrs ? first(attrs, 'job-state') : undefined;
      said = (attrs && String(first(attrs, 'job-printer-state-message') ?? '').trim()) || said;
      if (state === 9) return { where: { key: 'refusals:printer.printedOnJob', values: { name: this.name, job: ref } }, job: ref };
      if (state === 7) throw new PrintFailure('FAILED', { key: 'refusals:printer.jobCancelled', values: { printer: this.name, job: ref } });
      if (state === 8) throw new PrintFailure('FAILED', { key: 'refusals:printer.gaveUp', values: { printer: this.name, job: ref, why: said ? { key: 'refusals:printer.why', values: { said } } : '' } });
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
    const now = await this.queue().catch((e: unknown) => {
      if (e instanceof PrintFailure) throw notPrintedYet(e.kind, this.name, ref);
      throw e;
    });
    const problem = queueProblem(now);
    if (problem) throw notPrintedYet(problem.cause, this.name, ref, problem.said ?? said);
    const message = now.message ?? said;
    if (message && UNREACHABLE.test(message)) throw notPrintedYet('OFFLINE', this.name, ref, message);
    throw notPrintedYet('OFFLINE', this.name, ref, message ?? { key: 'refusals:printer.notFinishedWithin', values: { seconds: Math.round(this.followMs / 1000) } });
  }

  async cancel(job: string): Promise<'CANCELLED' | 'ALREADY_DONE'> {
    const parsed = parseJobRef(job);
    if (!parsed) throw new PrintFailure('FAILED', { key: 'refusals:printer.notCupsJob', values: { job } });
    try {
      const state = (await ipp.job(this.server, parsed.printer, parsed.id)).groups[0]?.attributes;
      const s = state ? first(state, 'job-state') : undefined;
      if (s === undefined || (typeof s === 'number' && s >= 7)) return 'ALREADY_DONE';
      const answer = await ipp.cancel(this.server, parsed.printer, parsed.id);
      if (!ippOk(answer)) throw new PrintFailure('FAILED', { key: 'refusals:printer.cupsDidNotCancel', values: { job, said: String(first(answer.operation, 'status-message') ?? answer.status) } });
      return 'CANCELLED';
    } catch (e) {
      if (e instanceof SchedulerDown) throw failure('SERVICE_DOWN', parsed.printer);
      throw e;
    }
  }
}
