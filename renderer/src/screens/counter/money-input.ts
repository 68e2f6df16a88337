/** "12", "12.5", "12,50" → minor units (1250 with 2 digits); null when it is not an amount. */
export function parseMoneyInput(text: string, digits = 2): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d*)?$/.test(t)) return null;
  const [whole, fraction = ''] = t.split('.') as [string, string?];
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
}

/** Minor units → the plain text an input shows ("12.50"). */
export function moneyInputText(minor: number, digits = 2): string {
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Banknote amounts a customer is likely to hand over for `due` (minor units): exact, then round notes above. */
export function quickTenders(due: number, digits = 2): number[] {
  const unit = 10 ** digits;
  const notes = [5, 10, 20, 50, 100, 200].map((n) => n * unit);
  const out = new Set<number>([due]);
  for (const step of notes) {
    const up = Math.ceil(due / step) * step;
    if (up > due) out.add(up);
    if (out.size >= 5) break;
  }
  return [...out].sort((a, b) => a - b);
}
