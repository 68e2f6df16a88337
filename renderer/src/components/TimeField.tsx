import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addMinutes, formatTimeText, readTimeText } from '../format/date-input';
import { useLocale } from '../i18n/i18n';
import { TextField } from './Field';
import { useTypedText, type TypedReading } from './use-typed-text';

export interface TimeFieldProps {
  label: ReactNode;
  /** "19:30" as the code around the field has it, or "" for none. */
  value: string;
  /** Called with "19:30" as soon as the text is a time, with "" while it is not. */
  onChange(value: string): void;
  hint?: ReactNode;
  /** The server's message for this field. */
  error?: string;
  testId?: string;
  required?: boolean;
  disabled?: boolean;
}

/** ↑ / ↓ move a time by five minutes, the step sessions are planned in. */
const STEP_MINUTES = 5;

/**
 * A time of day on the 24-hour clock, typed as "19:30", "1930" or "19" — in German and British
 * English alike; a native time input would follow the browser's language and may show AM/PM.
 */
export function TimeField({ label, value, onChange, hint, error, testId, required, disabled }: TimeFieldProps) {
  const { t } = useTranslation('components');
  const locale = useLocale();
  const pattern = t('timeField.pattern');
  const read = (text: string): TypedReading => {
    const r = readTimeText(text);
    if (r.kind === 'time') return { kind: 'value', value: r.hhmm };
    if (r.kind === 'empty') return r;
    return { kind: 'refused', complete: r.complete, words: t('timeField.notATime', { pattern }) };
  };
  const { input, refusal } = useTypedText({ value, format: formatTimeText, read, step: (hhmm, by) => addMinutes(hhmm, by * STEP_MINUTES), onChange, locale });
  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      refusal={refusal}
      testId={testId}
      required={required}
      disabled={disabled}
      inputMode="numeric"
      placeholder={pattern}
      className="time-input"
      {...input}
    />
  );
}
