import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Issue 16.2: every refusal the core gives is words from the `refusals` catalogue
 * (`new DomainError(code, { key: 'refusals:…', values })`), so the dispatcher can put it into the
 * caller's language. A refusal written as an English string is found here by reading the source.
 */

const CORE = join(__dirname);

/**
 * Refusals still passed on as text, each with why. They are English for every reader: the next
 * step is to give their helpers words instead of sentences.
 */
const ALLOWED: Record<string, string> = {
  // The operating system's or printer's own words about a failure, passed on as they are.
  'reports/run-report.ts': 'a report writer failure',
  'backup/restore-handler.ts': 'a restore failure',
  'backup/restore-in-place.ts': 'a damaged backup, in the integrity check’s words',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Words, a choice between words, or a helper or variable named for the words it gives: `{ key, values }`, `a ? { key } : { key }`, `seatWords(…)`, `problemWords`. */
function isWords(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isWords(node.expression);
  if (ts.isConditionalExpression(node)) return isWords(node.whenTrue) && isWords(node.whenFalse);
  if (ts.isCallExpression(node)) return /Words$/.test(node.expression.getText());
  if (ts.isIdentifier(node)) return /Words$/.test(node.text);
  return ts.isObjectLiteralExpression(node);
}

function refusalsInText(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'DomainError') {
      const message = node.arguments?.[1];
      if (message && !isWords(message)) {
        found.push(`${relative(CORE, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${message.getText(source).slice(0, 80)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('refusals come from the catalogue', () => {
  it('no DomainError in electron/core is written as English text, except the listed ones', () => {
    const files = sourceFiles(CORE).filter((f) => !(relative(CORE, f) in ALLOWED));
    expect(files.flatMap(refusalsInText)).toEqual([]);
  });

  it('every listed exception still exists, so the list shrinks as they are converted', () => {
    for (const file of Object.keys(ALLOWED)) expect(refusalsInText(join(CORE, file)), file).not.toEqual([]);
  });
});
