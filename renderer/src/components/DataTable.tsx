import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

/** A column heading: its label, right-aligned for numbers, or read out only (an actions column). */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean };

export const ACTIONS_COLUMN: Column = { label: 'Actions', hidden: true };

export interface DataTableProps {
  caption: string;
  /** The caption's class: read out only by default; a report shows it as its title. */
  captionClassName?: string;
  columns: readonly Column[];
  testId?: string;
  /** The table's own class (beside `table`) and its scrolling wrapper's (beside `table-wrap`). */
  className?: string;
  wrapClassName?: string;
  /** The rows. */
  children: ReactNode;
  /** A footer row (a report's totals). */
  footer?: ReactNode;
}

/** The app's table: scrolls sideways on a narrow window, captioned for screen readers, headings from `columns`; `children` are the rows. */
export function DataTable({ caption, captionClassName = 'visually-hidden', columns, testId, className, wrapClassName, children, footer }: DataTableProps) {
  const { t } = useTranslation('components');
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <caption className={captionClassName}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const { label: written, numeric = false, hidden = false } = typeof c === 'string' ? { label: c } : c;
              // The actions column is named in the window's language (ACTIONS_COLUMN is a constant).
              const label = c === ACTIONS_COLUMN ? t('table.actions') : written;
              return (
                <th key={label} scope="col" className={numeric ? 'num' : undefined}>
                  {hidden ? <span className="visually-hidden">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
