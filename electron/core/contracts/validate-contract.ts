import type { DealType } from '../../../shared/enums';

export interface ContractTerms {
  startDate: string;
  endDate: string;
  dealType: DealType;
  minimumGuarantee: number | null;
  houseAllowance: number | null;
  splits: readonly { week: number; percentBp: number }[];
}

/** "42.5 %" from 4250 basis points. */
export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''} %`;
}

/**
 * Rule 2, as pure arithmetic on the terms: splits cover weeks 1..n contiguously, each
 * 0 < percent ≤ 100, end ≥ start, a 90/10 deal names its weekly house allowance. Returns every
 * problem in a manager's words (empty when the terms are sound); overlaps with other ACTIVE
 * contracts need the database and are checked at activation.
 */
export function validateContract(terms: ContractTerms): string[] {
  const problems: string[] = [];
  if (terms.endDate < terms.startDate) problems.push(`the end date ${terms.endDate} is before the start date ${terms.startDate}`);

  const weeks = terms.splits.map((s) => s.week);
  const seen = new Set<number>();
  for (const w of weeks) {
    if (!Number.isInteger(w) || w < 1) problems.push(`week ${w} is not a contract week; weeks are numbered from 1`);
    else if (seen.has(w)) problems.push(`week ${w} appears twice`);
    seen.add(w);
  }
  const valid = [...seen].filter((w) => Number.isInteger(w) && w >= 1).sort((a, b) => a - b);
  if (terms.splits.length === 0) problems.push('the splits need at least week 1');
  else if (valid.length > 0 && valid[0] !== 1) problems.push(`week 1 is missing: the splits start at week ${valid[0]}`);
  for (let i = 1; i < valid.length; i++) {
    const prev = valid[i - 1]!;
    const next = valid[i]!;
    if (next - prev === 2) problems.push(`week ${prev + 1} is missing between ${prev} and ${next}`);
    else if (next - prev > 2) problems.push(`weeks ${prev + 1}–${next - 1} are missing between ${prev} and ${next}`);
  }
  for (const s of [...terms.splits].sort((a, b) => a.week - b.week)) {
    if (!Number.isInteger(s.percentBp) || s.percentBp <= 0 || s.percentBp > 10_000) {
      problems.push(`week ${s.week}: ${percentText(s.percentBp)} is out of range; a split must be more than 0 % and at most 100 %`);
    }
  }

  if (terms.dealType === 'NINETY_TEN' && terms.houseAllowance === null) problems.push('a 90/10 deal needs the weekly house allowance');
  if (terms.dealType === 'PERCENTAGE' && terms.houseAllowance !== null) problems.push('a house allowance only applies to a 90/10 deal');
  if (terms.minimumGuarantee !== null && (!Number.isSafeInteger(terms.minimumGuarantee) || terms.minimumGuarantee < 0)) {
    problems.push('the minimum guarantee must be a non-negative amount');
  }
  if (terms.houseAllowance !== null && (!Number.isSafeInteger(terms.houseAllowance) || terms.houseAllowance < 0)) {
    problems.push('the house allowance must be a non-negative amount');
  }
  return problems;
}

/** Two date ranges (inclusive YYYY-MM-DD) share at least one day. */
export function dateRangesOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}
