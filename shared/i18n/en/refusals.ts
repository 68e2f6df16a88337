/**
 * Refusals the core gives, in the user's words (a DomainError made with `{ key: 'refusals:…' }`
 * is put into the caller's language where its answer leaves the core).
 */
export const refusals = {
  api: {
    unknownOperation: 'There is no operation called "{{name}}".',
    signInAgain: 'Please sign in again: your session has ended.',
    notForRole: 'A {{role}} may not do this ({{operation}}). Ask a manager.',
    internal: 'Something went wrong inside the box office and nothing was changed (ref {{ref}}).',
    duplicate: 'This would duplicate something that already exists; nothing was changed.',
    missingOrInUse: 'This refers to something that does not exist or is still in use; nothing was changed.',
    invalidChange: 'The database refused this change as invalid; nothing was changed.',
  },
  storage: {
    busy: 'The database is busy — another task is writing to it. Nothing was saved; try again in a moment.',
  },
};
