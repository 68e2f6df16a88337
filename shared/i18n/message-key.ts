import type { ParseKeys } from 'i18next';
import type { Namespace } from './resources';

/** Any key of any catalogue, written with its namespace: "refusals:seatTaken". Checked by the typecheck. */
export type MessageKey = ParseKeys<Namespace[]>;

/** A message by key and values, put into words in the reader's language where it is shown. */
export interface Words {
  key: MessageKey;
  values?: Record<string, unknown>;
}
