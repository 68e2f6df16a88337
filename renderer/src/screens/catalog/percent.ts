/** Basis points ↔ the percent a manager types ("7.5" ↔ 750). Text that is no number stays NaN, and the server names the field. */
export function bpToPercentText(bp: number): string {
  return String(bp / 100);
}

export function percentTextToBp(text: string): number {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** A whole number typed into a field ("-90" too: the server then says what the least is), or NaN. */
export function wholeFrom(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}
