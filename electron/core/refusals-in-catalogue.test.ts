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
 * Files allowed to refuse with a sentence, each with why (it is English for every reader). Empty:
 * the operating system's, printer's or centre's own words travel as a value inside catalogue words
 * ("The printer answered: {{said}}").
 */
const ALLOWED: Record<string, string> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Words, a choice between words, or a helper or variable named for the words it gives: `{ key, values }`, `a ? { key } : { key }`, `seatWords(…)`, `problemWords`, `e.words`. */
function isWords(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isWords(node.expression);
  if (ts.isConditionalExpression(node)) return isWords(node.whenTrue) && isWords(node.whenFalse);
  if (ts.isCallExpression(node)) return /Words$/.test(node.expression.getText());
  if (ts.isIdentifier(node)) return /Words$/.test(node.text);
  // Words carried by a failure or a worker's message: `e.words`, `m.words ?? { key }`.
  if (ts.isPropertyAccessExpression(node)) return node.name.text === 'words';
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return isWords(node.left) && isWords(node.right);
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
