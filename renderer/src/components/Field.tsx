import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

/** A label, the control, an optional hint, and the server's message for this field. */
function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The server's message while it is still about what the field holds: once the user changes the
 * value it was about, the message goes (the next save asks again).
 */
function useFreshError(error: string | undefined, value: unknown): string | undefined {
  // React's "information from the previous render" pattern: a new message remembers the value it is about.
  const [about, setAbout] = useState<{ error: string | undefined; value: unknown }>({ error, value });
  const isNew = about.error !== error;
  if (isNew) setAbout({ error, value });
  const fresh = error && (isNew || Object.is(about.value, value)) ? error : undefined;
  useEffect(() => {
    if (fresh) revealFirstInvalidField();
  }, [fresh]);
  return fresh;
}

let revealPending = false;

/**
 * Moves the user to the first refused field of the page — scrolled into view and focused — once
 * per refusal, however many fields got a message (a message 500 px above the button is unseen).
 */
export function revealFirstInvalidField(): void {
  if (revealPending) return;
  revealPending = true;
  requestAnimationFrame(() => {
    revealPending = false;
    const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  });
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  testId?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** A control at the end of the input, such as "Show" for a password. */
  trailing?: ReactNode;
  /** The field's own refusal of what is typed (a date that does not exist): shown first, without moving the person. */
  refusal?: string;
}

export function TextField({ label, hint, error: serverError, refusal, testId, inputRef, trailing, className, ...input }: TextFieldProps) {
  const id = useId();
  const fresh = useFreshError(serverError, input.value);
  const error = refusal ?? fresh;
  const control = (
      <input
        {...input}
        ref={inputRef}
        id={id}
        className={['input', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        data-testid={testId}
      />
  );
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {trailing ? (
        <div className="input-group">
          {control}
          {trailing}
        </div>
      ) : (
        control
      )}
    </FieldFrame>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  testId?: string;
  children: ReactNode;
}

export function SelectField({ label, hint, error: serverError, testId, className, children, ...select }: SelectFieldProps) {
  const id = useId();
  const error = useFreshError(serverError, select.value);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        {...select}
        id={id}
        className={['input', 'select', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        data-testid={testId}
      >
        {children}
      </select>
    </FieldFrame>
  );
}
