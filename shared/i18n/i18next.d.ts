import type { en } from './en';

// Typed keys: `t('counter:pay')` fails the typecheck when the English catalogue has no such key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
    returnNull: false;
  }
}
