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
