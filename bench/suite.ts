import type { Figure } from './figures';

/** What `npm run bench` hands each suite (a suite runs in its own process, so memory figures are its own). */
export interface BenchContext {
  /** A data folder holding the generated year (demo cinema + history). Read it; copy it before writing (`copyHistory`). */
  historyDir: string;
  /** The SQLite file inside `historyDir`. */
  historyFile: string;
  /** A scratch folder of this suite's own, removed afterwards. */
  workDir: string;
  /** Smaller sizes and fewer rounds: a smoke run that the benchmark still works, not figures. */
  quick: boolean;
  log(line: string): void;
}

export interface Suite {
  /** Shown while it runs. */
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** The suites in `bench/suites/`, in the order `npm run bench` runs them: the counter first, while the machine is quietest. */
export const SUITES = ['counter', 'ticket-pdf', 'cashier-screen', 'reports', 'sync', 'chain'] as const;
export type SuiteName = (typeof SUITES)[number];
