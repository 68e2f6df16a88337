import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './suite';

/** A private copy of the generated year for a suite that writes (sales, holds), inside its work folder. */
export function copyHistory(ctx: BenchContext, name = 'history'): string {
  const dir = join(ctx.workDir, name);
  cpSync(ctx.historyDir, dir, { recursive: true });
  return dir;
}
