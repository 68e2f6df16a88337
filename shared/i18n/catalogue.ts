/**
 * A catalogue in another language has exactly the keys of its English source, every value a
 * string: `const de: Translation<typeof en.counter> = {…}` fails the typecheck on a missing or
 * extra key. Plural forms are keys with i18next's suffixes (`seat_one`, `seat_other`).
 *
 * A sentence part that follows a field's label may also have a form for a plural label, which a
 * language adds only where its verb changes ("Einlösungen müssen …" beside "Rabatt muss …"):
 * the key with i18next's context `plural` (`atLeast_plural`, `atLeastEntries_plural_one`),
 * read by refusal-words.ts when the label is plural in that language (`pluralLabels`).
 */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> } & {
  readonly [K in keyof T as T[K] extends string ? AfterPluralLabel<K> : never]?: string;
};

type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** `atLeast` → `atLeast_plural`; `atLeastEntries_one` → `atLeastEntries_plural_one`. */
type AfterPluralLabel<K> = K extends `${infer Stem}_${PluralCategory}` ? (K extends `${Stem}_${infer C}` ? `${Stem}_plural_${C}` : never) : K extends string ? `${K}_plural` : never;
