import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addBusinessDays } from '../../../shared/business-day';
import { datePlaceholder, formatDateText, readDateText } from '../format/date-input';
import { useLocale } from '../i18n/i18n';
import { TextField } from './Field';
import { useTypedText, type TypedReading } from './use-typed-text';

interface DateText {
  /** The day as the code around the field has it: "2026-12-05", or "" for none. */
  value: string;
  /** Called with "2026-12-05" as soon as the text is a day within min/max, with "" while it is not. */
  onChange(value: string): void;
  /** The first and last days allowed ("2026-12-05"); a day outside is refused in words. */
  min?: string;
  max?: string;
}

/** Today on this computer's calendar, for the example in a refusal. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A day typed in the window's language ("05.12.2026" / "05/12/2026"), its refusals in words, ↑/↓ a day. */
function useDateText({ value, onChange, min, max }: DateText) {
  const { t } = useTranslation('components');
  const locale = useLocale();
  const pattern = datePlaceholder(locale, { day: t('dateField.letters.day'), month: t('dateField.letters.month'), year: t('dateField.letters.year') });
  const format = (iso: string) => formatDateText(iso, locale);
  const read = (text: string): TypedReading => {
    const r = readDateText(text, locale);
    switch (r.kind) {
      case 'empty':
        return r;
      case 'notADate':
        return { kind: 'refused', complete: r.complete, words: t('dateField.notADate', { pattern, example: format(localToday()) }) };
      case 'noSuchMonth':
        return { kind: 'refused', complete: r.complete, words: t('dateField.noSuchMonth', { month: String(r.month).padStart(2, '0') }) };
      case 'noSuchDay': {
        const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(r.year, r.month - 1, 1));
        return { kind: 'refused', complete: r.complete, words: t('dateField.noSuchDay', { month, days: r.days }) };
      }
      case 'date':
        if (min && r.iso < min) return { kind: 'refused', complete: r.complete, words: t('dateField.tooEarly', { date: format(min) }) };
        if (max && r.iso > max) return { kind: 'refused', complete: r.complete, words: t('dateField.tooLate', { date: format(max) }) };
        return { kind: 'value', value: r.iso };
    }
  };
  const step = (iso: string, by: 1 | -1) => {
    const next = addBusinessDays(iso, by);
    return (min && next < min) || (max && next > max) ? null : next;
  };
  const typed = useTypedText({ value, format, read, step, onChange, locale });
  const meant = read(typed.text);
  const weekday = meant.kind === 'value' ? new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${meant.value}T12:00:00Z`)) : '';
  return { ...typed, pattern, weekday };
}

export interface DateFieldProps extends DateText {
  label: ReactNode;
  hint?: ReactNode;
  /** The server's message for this field. */
  error?: string;
  testId?: string;
  required?: boolean;
  disabled?: boolean;
}

/**
 * A day in a form, shown and typed in the window's language whatever the browser's (a native date
 * input follows the browser: mm/dd/yyyy for a German cashier on an English Windows). Digits are
 * enough ("05122026"), the ISO form is read too, ↑/↓ step a day; the weekday of the day typed shows
 * at the field's end (film weeks start on a weekday).
 */
export function DateField({ label, hint, error, testId, required, disabled, ...date }: DateFieldProps) {
  const { input, refusal, pattern, weekday } = useDateText(date);
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
      className="date-input"
      trailing={<span className="date-weekday">{weekday}</span>}
      {...input}
    />
  );
}

export interface DateInputProps extends DateText {
  /** The id its label (outside, in a toolbar) points at. */
  id: string;
  className?: string;
  testId?: string;
}

/** The same day field for a toolbar, labelled from outside; its refusal shows just under it. */
export function DateInput({ id, className, testId, ...date }: DateInputProps) {
  const { input, refusal, pattern } = useDateText(date);
  const errorId = `${useId()}-error`;
  return (
    <span className="typed-input">
      <input
        {...input}
        id={id}
        inputMode="numeric"
        placeholder={pattern}
        className={['input', 'date-input', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? errorId : undefined}
        data-testid={testId}
      />
      {refusal && (
        <span className="field-error typed-input-error" id={errorId} role="alert">
          <span aria-hidden="true">⚠ </span>
          {refusal}
        </span>
      )}
    </span>
  );
}
