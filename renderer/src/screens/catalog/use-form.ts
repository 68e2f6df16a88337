import { useState } from 'react';
import { isApiCallError } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { useUnsavedChanges } from '../../shell/unsaved-changes';

/**
 * A form's draft, its per-field messages from the server and its banner: the one pattern every
 * catalogue form uses. A refusal that names a field (`details.field`) shows beside that field.
 */
export function useForm<T extends Record<string, unknown>>(initial: T) {
  const [draft, setDraft] = useState<T>(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The draft as last loaded or saved: leaving with other values asks first.
  const [saved, setSaved] = useState<T>(initial);
  const dirty = (Object.keys(draft) as (keyof T)[]).some((k) => !Object.is(draft[k], saved[k]));
  useUnsavedChanges(dirty);

  const set = <K extends keyof T>(key: K, value: T[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key as string]: undefined }));
  };

  /** Runs a save; returns its value, or undefined after showing why it was refused. */
  const submit = async <R,>(save: () => Promise<R>): Promise<R | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const value = await save();
      setErrors({});
      setSaved(draft);
      return value;
    } catch (err) {
      const fields: Record<string, string> = {};
      // "genres.1" shows beside the form's Genres field when the form has no field of that name.
      for (const [path, message] of Object.entries(fieldErrorsOf(err))) {
        const top = path.split('.')[0]!;
        fields[path in initial || !(top in initial) ? path : top] ??= message;
      }
      const field = isApiCallError(err) ? err.details?.field : undefined;
      if (typeof field === 'string' && isApiCallError(err)) fields[field] = err.message;
      setErrors(fields);
      setError(typeof field === 'string' && field in initial ? null : bannerFor(err, Object.keys(initial)));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

    /** Puts a loaded or freshly saved record in the form: nothing unsaved then. */
  const reset = (values: T) => {
    setDraft(values);
    setSaved(values);
  };

  return { draft, setDraft, set, reset, errors, error, setError, busy, submit, dirty };
}
