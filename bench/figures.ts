/**
 * What every benchmark suite reports: one row of `npm run bench`'s table per figure — the value,
 * the same work done by the raw engine (plain better-sqlite3 / PostgreSQL / pdfkit) where there is
 * one, their ratio, and the issue's target. Targets live here in the output, never in tests.
 */
import os from 'node:os';

export interface Figure {
  /** The suite that measured it (filled in by bench/run.ts). */
  suite?: string;
  /** What was measured, in a few words ("sale: 4 tickets + 1 drink via dispatcher, p99"). */
  figure: string;
  value: number;
  /** "ms", "s", "rows/s", "sales/s", "MiB" … */
  unit: string;
  /** The same work done by the raw engine, in the same unit (omitted where there is none). */
  raw?: number;
  /** Whether a higher value is better (throughput) or a lower one (time, memory). */
  better: 'higher' | 'lower';
  /** The target: a bound on the value and/or a least ratio to the raw engine. */
  target: { max?: number; min?: number; minRatio?: number };
  /** A short note shown under the table (sizes, what "raw" means here). */
  note?: string;
}

/** Speed relative to the raw engine: 1 = as fast as raw, 0.5 = half as fast (either direction). */
export function ratioOf(f: Figure): number | undefined {
  if (f.raw === undefined || f.raw === 0 || f.value === 0) return undefined;
  return f.better === 'higher' ? f.value / f.raw : f.raw / f.value;
}

export function targetMet(f: Figure): boolean {
  const r = ratioOf(f);
  if (f.target.max !== undefined && !(f.value < f.target.max)) return false;
  if (f.target.min !== undefined && !(f.value >= f.target.min)) return false;
  if (f.target.minRatio !== undefined && !(r !== undefined && r >= f.target.minRatio)) return false;
  return true;
}

function describeTarget(f: Figure): string {
  const parts: string[] = [];
  if (f.target.max !== undefined) parts.push(`< ${formatNumber(f.target.max)} ${f.unit}`);
  if (f.target.min !== undefined) parts.push(`≥ ${formatNumber(f.target.min)} ${f.unit}`);
  if (f.target.minRatio !== undefined) parts.push(`≥ ${Math.round(f.target.minRatio * 100)} % of raw`);
  return parts.join(', ');
}

export function formatNumber(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** The table as GitHub-flavoured Markdown (readable in a terminal, pasteable into a note). */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'raw engine', 'ratio', 'target', 'met'];
  const rows = figures.map((f) => {
    const r = ratioOf(f);
    return [
      f.figure,
      `${formatNumber(f.value)} ${f.unit}`,
      f.raw === undefined ? '—' : `${formatNumber(f.raw)} ${f.unit}`,
      r === undefined ? '—' : `${Math.round(r * 100)} %`,
      describeTarget(f),
      targetMet(f) ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The machine the figures came from: shared machines carry other processes' load. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

/** Sorted-sample percentile (nearest rank). */
export function percentile(samples: readonly number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 0.5);
