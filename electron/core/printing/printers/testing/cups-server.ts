import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real CUPS scheduler for tests (Debian's `cups` and `cups-pdf`): its own configuration, spool
 * and socket in a temporary folder, so it never touches the computer's own queues. cups-pdf
 * reads its settings only from /etc/cups, so each PDF queue gets its own
 * /etc/cups/cups-pdf-<id>.conf (removed again by stop()) pointing its output into the folder.
 */
export interface TestCups {
  dir: string;
  socket: string;
  /** For child processes (lp) and the IPP client: CUPS_SERVER=<socket>. */
  env: NodeJS.ProcessEnv;
  /** A queue printing into PDF files (cups-pdf), like a real printer's output; returns its output folder. */
  addPdfQueue(name: string): string;
  /** A queue whose device is a raw TCP socket (port 9100 style printer). */
  addSocketQueue(name: string, port: number, raw?: boolean): void;
  admin(command: string, ...args: string[]): string;
  /** The PDFs cups-pdf wrote for a queue, oldest first. */
  printed(name: string): string[];
  stopScheduler(): Promise<void>;
  startScheduler(): Promise<void>;
  stop(): Promise<void>;
}

/** Why a real cupsd cannot run here, or null when it can. */
export function cupsUnavailable(): string | null {
  if (!existsSync('/usr/sbin/cupsd')) return 'cupsd is not installed (apt-get install cups cups-pdf)';
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) return 'cups-pdf is not installed (apt-get install cups-pdf)';
  if (process.getuid?.() !== 0) return 'cupsd and cups-pdf need root to run their backends';
  try {
    writeFileSync('/etc/cups/.boxoffice-write-test', '');
    rmSync('/etc/cups/.boxoffice-write-test');
  } catch {
    return '/etc/cups is not writable (cups-pdf reads its output folder from there)';
  }
  return null;
}

export async function startTestCups(): Promise<TestCups> {
  const dir = mkdtempSync(join(tmpdir(), 'boxoffice-cups-'));
  chmodSync(dir, 0o755);
  for (const sub of ['etc/ppd', 'spool/tmp', 'run', 'cache', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  chmodSync(join(dir, 'spool/tmp'), 0o1777);
  const socket = join(dir, 'cups.sock');
  writeFileSync(
    join(dir, 'etc/cups-files.conf'),
    [
      `ServerRoot ${dir}/etc`,
      `RequestRoot ${dir}/spool`,
      `TempDir ${dir}/spool/tmp`,
      `StateDir ${dir}/run`,
      `CacheDir ${dir}/cache`,
      'DataDir /usr/share/cups',
      'ServerBin /usr/lib/cups',
      'DocumentRoot /usr/share/cups/doc-root',
      `AccessLog ${dir}/log/access_log`,
      `ErrorLog ${dir}/log/error_log`,
      `PageLog ${dir}/log/page_log`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      'FileDevice Yes',
      'Sandboxing Relaxed',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'etc/cupsd.conf'),
    [`Listen ${socket}`, 'LogLevel info', 'Browsing Off', 'DefaultAuthType None', 'WebInterface No', '<Location />', '  Order allow,deny', '  Allow all', '</Location>', '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', ''].join('\n'),
  );
  const env = { ...process.env, CUPS_SERVER: socket, LANG: 'C', LC_ALL: 'C' };
  const pdfConfs: string[] = [];
  const outDirs = new Map<string, string>();
  let cupsd: ChildProcess | null = null;

  const startScheduler = async () => {
    cupsd = spawn('/usr/sbin/cupsd', ['-f', '-c', join(dir, 'etc/cupsd.conf'), '-s', join(dir, 'etc/cups-files.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(socket)) throw new Error(`cupsd did not start (see ${dir}/log/error_log)`);
  };
  const stopScheduler = async () => {
    const child = cupsd;
    cupsd = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    rmSync(socket, { force: true });
  };
  const admin = (command: string, ...args: string[]) => {
    const r = spawnSync(command, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };

  await startScheduler();
  return {
    dir,
    socket,
    env,
    admin,
    startScheduler,
    stopScheduler,
    addPdfQueue(name) {
      const id = `bo${process.pid}${name.replace(/[^A-Za-z0-9]/g, '')}`;
      const out = join(dir, 'out', name);
      mkdirSync(out, { recursive: true });
      chmodSync(out, 0o755);
      const conf = `/etc/cups/cups-pdf-${id}.conf`;
      writeFileSync(conf, `Out ${out}\nAnonDirName ${out}\nLog ${dir}/log\n`);
      pdfConfs.push(conf);
      outDirs.set(name, out);
      admin('/usr/sbin/lpadmin', '-p', name, '-E', '-v', `cups-pdf:/${id}`, '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd');
      return out;
    },
    addSocketQueue(name, port, raw = true) {
      admin('/usr/sbin/lpadmin', '-p', name, '-E', '-v', `socket://127.0.0.1:${port}/?waiteof=false`, ...(raw ? ['-m', 'raw'] : ['-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']));
    },
    printed(name) {
      const out = outDirs.get(name);
      if (!out || !existsSync(out)) return [];
      return readdirSync(out)
        .filter((f) => f.endsWith('.pdf'))
        .sort((a, b) => Number(/job_(\d+)/.exec(a)?.[1]) - Number(/job_(\d+)/.exec(b)?.[1]))
        .map((f) => join(out, f));
    },
    async stop() {
      await stopScheduler();
      for (const conf of pdfConfs) rmSync(conf, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
