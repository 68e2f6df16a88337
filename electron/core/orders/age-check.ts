import { knownRating } from '../../../shared/age-ratings';
import type { Quote } from '../../../shared/contract';

/** The cinema's ID-check ratings (rule 20): rating → minimum age; a broken value counts as none. */
export function idCheckRatingsOf(cinema: { id_check_ratings: string }): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(cinema.id_check_ratings);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => Number.isInteger(e[1]) && e[1] > 0));
  } catch {
    return {};
  }
}

/**
 * Rule 20: whether selling tickets for a film of this rating asks the cashier to check an ID —
 * the ratings the cinema lists, compared without regard to case and spaces ("FSK 16" = "fsk16").
 * The age asked for is the one the rating means in its country's list (shared/age-ratings.ts);
 * the cinema's own number counts only for a rating no list knows.
 */
export function ageCheckFor(rating: string, idCheckRatings: Record<string, number>): Quote['ageCheck'] {
  const norm = (r: string) => r.replace(/\s+/g, '').toUpperCase();
  const found = Object.entries(idCheckRatings).find(([r]) => norm(r) === norm(rating));
  return found ? { rating, minAge: knownRating(rating)?.minAge ?? found[1] } : null;
}
