/*
 * Age ratings by country, each with the minimum age it implies (rule 20): the films' rating is
 * chosen from these lists, and the counter's ID check asks for the age the rating means.
 */

export interface AgeRating {
  /** As printed on posters and in the catalogue: "FSK 16". */
  name: string;
  /** The youngest customer the rating admits alone. */
  minAge: number;
}

export interface RatingSystem {
  country: string;
  system: string;
  ratings: readonly AgeRating[];
}

export const RATING_SYSTEMS: readonly RatingSystem[] = [
  {
    country: 'DE',
    system: 'FSK',
    ratings: [
      { name: 'FSK 0', minAge: 0 },
      { name: 'FSK 6', minAge: 6 },
      { name: 'FSK 12', minAge: 12 },
      { name: 'FSK 16', minAge: 16 },
      { name: 'FSK 18', minAge: 18 },
    ],
  },
  {
    country: 'GB',
    system: 'BBFC',
    ratings: [
      { name: 'U', minAge: 0 },
      { name: 'PG', minAge: 0 },
      { name: '12A', minAge: 12 },
      { name: '15', minAge: 15 },
      { name: '18', minAge: 18 },
    ],
  },
];

const norm = (rating: string) => rating.replace(/\s+/g, '').toUpperCase();
const BY_NAME = new Map(RATING_SYSTEMS.flatMap((s) => s.ratings.map((r) => [norm(r.name), r] as const)));

/** The rating as the lists write it ("fsk16" → "FSK 16"), or null when no list knows it. */
export function knownRating(rating: string): AgeRating | null {
  return BY_NAME.get(norm(rating)) ?? null;
}

/** Every rating a film may carry, for the error message and the form's choices. */
export const RATING_NAMES: readonly string[] = RATING_SYSTEMS.flatMap((s) => s.ratings.map((r) => r.name));
