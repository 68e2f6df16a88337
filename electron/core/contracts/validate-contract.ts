import type { DealType } from '../../../shared/enums';
import type { Words } from '../../../shared/i18n/message-key';
import { inWords } from '../errors';

export interface ContractTerms {
  startDate: string;
  endDate: string;
  dealType: DealType;
  minimumGuarantee: number | null;
  houseAllowance: number | null;
  splits: readonly { week: number; percentBp: number }[];
}

/**
 * Rule 2, as pure arithmetic on the terms: splits cover weeks 1..n contiguously, each
 * 0 < percent ≤ 100, end ≥ start, a 90/10 deal names its weekly house allowance. Returns every
 * problem as words for a manager (empty when the terms are sound); overlaps with other ACTIVE
 * contracts need the database and are checked at activation.
 */
export function contractProblemWords(terms: ContractTerms): Words[] {
  const problems: Words[] = [];
  const say = (key: Words['key'], values?: Words['values']) => problems.push({ key, values });
  if (terms.endDate < terms.startDate) say('refusals:contractProblem.endBeforeStart', { end: terms.endDate, start: terms.startDate });

  const weeks = terms.splits.map((s) => s.week);
  const seen = new Set<number>();
  for (const w of weeks) {
    if (!Number.isInteger(w) || w < 1) say('refusals:contractProblem.notAWeek', { week: w });
    else if (seen.has(w)) say('refusals:contractProblem.weekTwice', { week: w });
    seen.add(w);
  }
  const valid = [...seen].filter((w) => Number.isInteger(w) && w >= 1).sort((a, b) => a - b);
  if (terms.splits.length === 0) say('refusals:contractProblem.noSplits');
  else if (valid.length > 0 && valid[0] !== 1) say('refusals:contractProblem.firstWeekMissing', { first: valid[0] });
  for (let i = 1; i < valid.length; i++) {
    const prev = valid[i - 1]!;
    const next = valid[i]!;
    if (next - prev === 2) say('refusals:contractProblem.weekMissing', { week: prev + 1, prev, next });
    else if (next - prev > 2) say('refusals:contractProblem.weeksMissing', { from: prev + 1, to: next - 1, prev, next });
  }
  for (const s of [...terms.splits].sort((a, b) => a.week - b.week)) {
    if (!Number.isInteger(s.percentBp) || s.percentBp <= 0 || s.percentBp > 10_000) {
      say('refusals:contractProblem.splitOutOfRange', { week: s.week, percent: s.percentBp / 100 });
    }
  }

  if (terms.dealType === 'NINETY_TEN' && terms.houseAllowance === null) say('refusals:contractProblem.needsHouseAllowance');
  if (terms.dealType === 'PERCENTAGE' && terms.houseAllowance !== null) say('refusals:contractProblem.houseAllowanceOnlyNinetyTen');
  if (terms.minimumGuarantee !== null && (!Number.isSafeInteger(terms.minimumGuarantee) || terms.minimumGuarantee < 0)) say('refusals:contractProblem.guaranteeNegative');
  if (terms.houseAllowance !== null && (!Number.isSafeInteger(terms.houseAllowance) || terms.houseAllowance < 0)) say('refusals:contractProblem.houseAllowanceNegative');
  return problems;
}

/** The same problems in English. */
export function validateContract(terms: ContractTerms): string[] {
  return contractProblemWords(terms).map((w) => inWords(w, 'en'));
}

/** Two date ranges (inclusive YYYY-MM-DD) share at least one day. */
export function dateRangesOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}
