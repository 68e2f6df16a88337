import { useState } from 'react';
import { isApiCallError } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';

/**
 * A form's draft, its per-field messages from the server and its banner: the one pattern every
 * catalogue form uses. A refusal that names a field (`details.field`) shows beside that field.
 */
export function useForm<T extends Record<string, unknown>>(initial: T) {
  const [draft, setDraft] = useState<T>(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof T>(key: K, value: T[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key as string]: undefined }));
  };

  /** Runs a save; returns its value, or undefined after showing why it was refused. */
  const submit = async <R,>(save: () => Promise<R>): Promise<R | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setError(null);
    try {
      const value = await save();
      setErrors({});
      return value;
    } catch (err) {
      const fields: Record<string, string> = { ...fieldErrorsOf(err) };
      const field = isApiCallError(err) ? err.details?.field : undefined;
      if (typeof field === 'string' && isApiCallError(err)) fields[field] = err.message;
      setErrors(fields);
      setError(typeof field === 'string' && field in initial ? null : bannerFor(err, Object.keys(initial)));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return { draft, setDraft, set, errors, error, setError, busy, submit };
}
