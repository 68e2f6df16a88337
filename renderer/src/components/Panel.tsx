import type { HTMLAttributes, ReactNode } from 'react';

export interface PanelProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A surface with an optional heading row; the building block of every screen. */
export function Panel({ title, actions, testId, className, children, ...rest }: PanelProps) {
  return (
    <section {...rest} className={['panel', className ?? ''].filter(Boolean).join(' ')} data-testid={testId}>
      {(title || actions) && (
        <header className="panel-head">
          {title && <h2 className="panel-title">{title}</h2>}
          {actions && <div className="panel-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
