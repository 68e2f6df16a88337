import { useEffect, useId, useState } from 'react';
import { i18n } from '../i18n/instance';

/*
 * No silent loss of edits: a form or editor with unsaved changes says so here while they last,
 * and whatever would take the user away from it (another area, another tab, signing out,
 * "Back to halls", closing the window) asks first.
 */

const dirtyForms = new Set<string>();


/** True when nothing unsaved is open, or the user chose to leave it. */
export function confirmLeave(): boolean {
  if (dirtyForms.size === 0) return true;
  if (!window.confirm(i18n.t('unsaved.leave'))) return false;
  dirtyForms.clear();
  return true;
}

/** Registers this form's unsaved changes while `dirty`; the window asks before it closes. */
export function useUnsavedChanges(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.add(id);
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => {
      dirtyForms.delete(id);
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty, id]);
}

/** For a form whose draft is one value: unsaved while it differs from the draft it opened with. */
export function useUnsavedDraft(draft: unknown): void {
  const [opened] = useState(() => JSON.stringify(draft));
  useUnsavedChanges(JSON.stringify(draft) !== opened);
}
