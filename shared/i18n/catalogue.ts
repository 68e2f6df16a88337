/**
 * A catalogue in another language has exactly the keys of its English source, every value a
 * string: `const de: Translation<typeof en.counter> = {…}` fails the typecheck on a missing or
 * extra key. Plural forms are keys with i18next's suffixes (`seat_one`, `seat_other`).
 */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
