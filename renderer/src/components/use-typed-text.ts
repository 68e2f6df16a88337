import { useState, type ChangeEvent, type KeyboardEvent } from 'react';

/** What the typed text means: nothing, a value for the code around the field, or a refusal in words. */
export type TypedReading = { kind: 'empty' } | { kind: 'value'; value: string } | { kind: 'refused'; words: string; complete: boolean };

export interface TypedText {
  value: string;
  /** Shown while the value does not change under the person's hands (a new value, or language, rewrites it). */
  format(value: string): string;
  read(text: string): TypedReading;
  /** The value one step up (+1) or down (−1) from this one, or null past a limit: ↑ / ↓ keys. */
  step?(value: string, by: 1 | -1): string | null;
  onChange(value: string): void;
  /** What the text is written in: a new language rewrites a valid text in its format. */
  locale: string;
}

/**
 * The text of a field whose value has a fixed form (an ISO date, "19:30") but is typed in the
 * person's own: the field keeps what they type, hands on the value as soon as the text means one
 * ("" while it does not, as a native date input does), writes it in the proper form when they
 * leave, and refuses in words — at once when no more typing can mend the text, else on leaving.
 */
export function useTypedText({ value, format, read, step, onChange, locale }: TypedText) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState({ value, locale });
  const [left, setLeft] = useState(false);
  const reading = read(text);
  const meaning = reading.kind === 'value' ? reading.value : '';
  // A value set from outside (a preset, a reset, the next day) or another language rewrites the text;
  // the value the text already means, or a refused one the code ignored, leaves it as typed.
  if (seen.value !== value || seen.locale !== locale) {
    setSeen({ value, locale });
    if (seen.value !== value) {
      if (value !== meaning) setText(format(value));
    } else if (reading.kind === 'value') setText(format(reading.value));
  }

  const take = (next: string) => {
    setText(next);
    setLeft(false);
    const r = read(next);
    const v = r.kind === 'value' ? r.value : '';
    if (v !== value) onChange(v);
  };

  const refusal = reading.kind === 'refused' && (left || reading.complete) ? reading.words : undefined;

  return {
    text,
    refusal,
    input: {
      type: 'text' as const,
      value: text,
      autoComplete: 'off',
      spellCheck: false,
      onChange: (e: ChangeEvent<HTMLInputElement>) => take(e.target.value),
      onBlur: () => {
        setLeft(true);
        if (reading.kind === 'value') setText(format(reading.value));
      },
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
        if (!step || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
        const from = reading.kind === 'value' ? reading.value : value;
        if (!from) return;
        e.preventDefault();
        const next = step(from, e.key === 'ArrowUp' ? 1 : -1);
        if (next !== null) take(format(next));
      },
    },
  };
}
