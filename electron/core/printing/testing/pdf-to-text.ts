import { execFileSync } from 'node:child_process';

/** A PDF's text as poppler's pdftotext reads it (layout kept), the way an auditor would read the file. */
export function pdfToText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

/** The same text with runs of spaces folded to one, for matching label–value pairs of a slip. */
export function pdfToLine(pdf: Buffer): string {
  return pdfToText(pdf).replace(/[ \t]+/g, ' ');
}
