import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Issue 15 item 3: "rule 14" is how the code cites SPEC.md, never something a cashier or a manager
 * reads. Every string literal and JSX text of the screens, the slips and the reports is searched
 * (comments and the API contract's developer summaries aside).
 */

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['renderer/src', 'electron/core/printing', 'electron/core/reports', 'electron/core/shifts', 'electron/core/settlements'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The source without its comments (line, block and JSX comments). */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('no rule numbers where people read', () => {
  it('no screen, slip or report says "rule N"', () => {
    const found = SCANNED.flatMap((dir) => files(join(ROOT, dir))).flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .filter((line) => /\brule \d+/i.test(line))
        .map((line) => `${file.slice(ROOT.length + 1)}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
