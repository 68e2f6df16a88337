import type { ButtonHTMLAttributes, ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'sm' | 'md' | 'lg';
  /** Waiting for the box office: shows it and refuses a second press. */
  busy?: boolean;
  /** A keyboard shortcut to show beside the label, e.g. "Alt+L". */
  shortcut?: string;
  testId?: string;
  children: ReactNode;
}

export function Button({ variant = 'secondary', size = 'md', busy = false, shortcut, testId, className, children, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={['btn', `btn-${variant}`, `btn-${size}`, busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      data-testid={testId}
    >
      <span className="btn-label">{children}</span>
      {busy && <span className="btn-spinner" aria-hidden="true" />}
      {shortcut && !busy && <kbd className="btn-kbd">{shortcut}</kbd>}
    </button>
  );
}
