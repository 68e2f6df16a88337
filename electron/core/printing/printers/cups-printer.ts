import { spawn } from 'node:child_process';
import { PrintFailure, type PrintJob, type PrintedJob, type PrinterDriver } from './printer-driver';

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

export interface CupsPrinterState {
  name: string;
  /** idle / printing / disabled, as lpstat says. */
  state: 'IDLE' | 'PRINTING' | 'DISABLED';
  /** The reason lpstat gives for a disabled printer, and its alerts (e.g. media-empty-error). */
  reason: string | null;
  alerts: string[];
  isDefault: boolean;
}

/** Parses `lpstat -l -p` (with LANG=C). */
export function parseLpstat(stdout: string, defaultName: string | null = null): CupsPrinterState[] {
  const printers: CupsPrinterState[] = [];
  let current: CupsPrinterState | null = null;
  for (const line of stdout.split('\n')) {
    const head = /^printer (\S+) (?:is (idle)|(now printing)|(disabled))/.exec(line);
    if (head) {
      current = { name: head[1]!, state: head[2] ? 'IDLE' : head[3] ? 'PRINTING' : 'DISABLED', reason: null, alerts: [], isDefault: head[1] === defaultName };
      printers.push(current);
      continue;
    }
    if (!current || !/^\s/.test(line)) continue;
    const text = line.trim();
    const alerts = /^Alerts:\s*(.*)$/.exec(text);
    if (alerts) current.alerts = alerts[1]!.split(/\s+/).filter((a) => a && a !== 'none');
    else if (current.state === 'DISABLED' && current.reason === null && text && !/^[A-Z][A-Za-z ]+:/.test(text)) current.reason = text;
  }
  return printers;
}

const PAPER_OUT = /media-empty|media-needed|paper[- ]?out|out of paper|no paper/i;
const OFFLINE = /offline|not connected|not responding|unplugged|connection|paused|stopped/i;

/** Why a printer can't take a job now, or null when it can. */
export function problemOf(p: CupsPrinterState): PrintFailure | null {
  const said = [p.reason, ...p.alerts].filter(Boolean).join('; ');
  if (PAPER_OUT.test(said)) return new PrintFailure('OUT_OF_PAPER', `The printer ${p.name} is out of paper (${said}). Load a new roll, then reprint.`);
  if (p.state === 'DISABLED') return new PrintFailure('OFFLINE', `The printer ${p.name} is offline or paused${said ? ` (${said})` : ''}. Switch it on or resume it, then reprint.`);
  if (p.alerts.some((a) => OFFLINE.test(a))) return new PrintFailure('OFFLINE', `The printer ${p.name} is offline (${said}). Check its cable and power, then reprint.`);
  return null;
}

const NO_CUPS = 'CUPS printing is not available on this computer (the lp and lpstat commands are missing).';

/** The CUPS printers of this computer, with their state; an empty list and a note when CUPS is missing. */
export async function listCupsPrinters(run: Run = runCommand): Promise<{ printers: CupsPrinterState[]; note: string | null }> {
  const [list, dflt] = await Promise.all([run('lpstat', ['-l', '-p']), run('lpstat', ['-d'])]);
  if (list.missing) return { printers: [], note: NO_CUPS };
  const defaultName = /destination:\s*(\S+)/.exec(dflt.stdout)?.[1] ?? null;
  const printers = parseLpstat(list.stdout, defaultName);
  if (list.code !== 0 && printers.length === 0) {
    const said = (list.stderr || list.stdout).trim();
    return { printers: [], note: /no destinations/i.test(said) || !said ? 'CUPS has no printers set up.' : `CUPS did not list its printers: ${said}` };
  }
  return { printers, note: printers.length === 0 ? 'CUPS has no printers set up.' : null };
}

/** Prints through CUPS: checks the printer's state with lpstat, then sends the PDF with `lp -d`. */
export class CupsPrinter implements PrinterDriver {
  readonly label: string;

  constructor(
    readonly name: string,
    private readonly run: Run = runCommand,
  ) {
    this.label = `CUPS printer ${name}`;
  }

  async print(job: PrintJob): Promise<PrintedJob> {
    const status = await this.run('lpstat', ['-l', '-p', this.name]);
    if (status.missing) throw new PrintFailure('PRINTER_NOT_FOUND', NO_CUPS);
    const state = parseLpstat(status.stdout).find((p) => p.name === this.name);
    if (!state) {
      const said = (status.stderr || status.stdout).trim();
      throw new PrintFailure('PRINTER_NOT_FOUND', `The printer ${this.name} was not found${said ? ` (${said})` : ''}. Choose another printer in the printer settings.`);
    }
    const problem = problemOf(state);
    if (problem) throw problem;

    const args = ['-d', this.name, '-t', job.title];
    if (job.paper === 'A4') args.push('-o', 'media=A4', '-o', 'fit-to-page');
    const sent = await this.run('lp', args, job.pdf);
    if (sent.missing) throw new PrintFailure('PRINTER_NOT_FOUND', NO_CUPS);
    if (sent.code !== 0) {
      const said = (sent.stderr || sent.stdout).trim().replace(/^lp:\s*/i, '');
      if (/does not exist|not found|unknown destination|invalid destination/i.test(said)) throw new PrintFailure('PRINTER_NOT_FOUND', `The printer ${this.name} was not found (${said}).`);
      if (PAPER_OUT.test(said)) throw new PrintFailure('OUT_OF_PAPER', `The printer ${this.name} is out of paper (${said}).`);
      if (/not accepting|disabled|offline|paused/i.test(said)) throw new PrintFailure('OFFLINE', `The printer ${this.name} is not accepting jobs (${said}).`);
      throw new PrintFailure('FAILED', `The printer ${this.name} refused the job: ${said || `lp ended with code ${sent.code}`}.`);
    }
    const jobId = /request id is (\S+)/.exec(sent.stdout)?.[1];
    return { where: `sent to ${this.name}${jobId ? ` as job ${jobId}` : ''}` };
  }
}
