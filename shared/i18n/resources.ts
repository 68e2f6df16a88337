import type { Language } from './languages';
import { en } from './en';
import { de } from './de';
import { pluralLabels as enPluralLabels } from './en/fields';
import { pluralLabels as dePluralLabels } from './de/fields';

/** Every language's catalogues, by namespace, as i18next loads them. */
export const resources = { en, de } as const satisfies Record<Language, typeof en | typeof de>;

export type Namespace = keyof typeof en;
export const NAMESPACES = Object.keys(en) as Namespace[];

/** Each language's field labels that are plural nouns (the verb after them agrees): `fields:label.<name>` by name. */
export const pluralLabels: Readonly<Record<Language, ReadonlySet<string>>> = { en: new Set(enPluralLabels), de: new Set(dePluralLabels) };
