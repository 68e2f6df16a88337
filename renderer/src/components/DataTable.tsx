import type { ReactNode } from 'react';

/** A column heading: its label, right-aligned for numbers, or read out only (an actions column). */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean };

export const ACTIONS_COLUMN: Column = { label: 'Actions', hidden: true };

/** The app's table: scrolls sideways on a narrow window, captioned for screen readers, headings from `columns`; `children` are the rows. */
export function DataTable({ caption, columns, testId, className, children }: { caption: string; columns: readonly Column[]; testId?: string; className?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const { label, numeric = false, hidden = false } = typeof c === 'string' ? { label: c } : c;
              return (
                <th key={label} scope="col" className={numeric ? 'num' : undefined}>
                  {hidden ? <span className="visually-hidden">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
