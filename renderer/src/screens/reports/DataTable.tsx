import type { ReactNode } from 'react';

export interface DataColumn<T> {
  header: string;
  numeric?: boolean;
  cell(row: T): ReactNode;
  /** The totals row's cell (omit for none). */
  total?: ReactNode;
}

/** A report table: headings, rows, and a totals row in bold — the same layout as the PDF. */
export function DataTable<T>({ caption, columns, rows, rowKey, testId, empty = 'Nothing in this period.' }: { caption: string; columns: DataColumn<T>[]; rows: T[]; rowKey(row: T): string; testId?: string; empty?: string }) {
  const hasTotals = columns.some((c) => c.total !== undefined);
  return (
    <div className="table-wrap report-table" data-testid={testId}>
      <table className="table">
        <caption className="report-caption">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="cell-note">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.header} className={c.numeric ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {hasTotals && rows.length > 0 && (
          <tfoot>
            <tr className="totals-row" data-testid={testId ? `${testId}-totals` : undefined}>
              {columns.map((c, i) => (
                <td key={c.header} className={c.numeric ? 'num' : undefined}>
                  {i === 0 ? 'Total' : c.total}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
