import type { Language } from './languages';
import { en } from './en';
import { de } from './de';

/** Every language's catalogues, by namespace, as i18next loads them. */
export const resources = { en, de } as const satisfies Record<Language, typeof en | typeof de>;

export type Namespace = keyof typeof en;
export const NAMESPACES = Object.keys(en) as Namespace[];
