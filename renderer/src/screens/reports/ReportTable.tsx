import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';

export interface DataColumn<T> {
  header: string;
  numeric?: boolean;
  cell(row: T): ReactNode;
  /** The totals row's cell (omit for none). */
  total?: ReactNode;
}

/** A report table: headings, rows, and a totals row in bold — the same layout as the PDF. */
export function ReportTable<T>({ caption, columns, rows, rowKey, testId, empty }: { caption: string; columns: DataColumn<T>[]; rows: T[]; rowKey(row: T): string; testId?: string; empty?: string }) {
  const { t } = useTranslation('reports');
  const hasTotals = columns.some((c) => c.total !== undefined);
  const numClass = (c: DataColumn<T>) => (c.numeric ? 'num' : undefined);
  return (
    <DataTable
      caption={caption}
      captionClassName="report-caption"
      wrapClassName="report-table"
      testId={testId}
      columns={columns.map((c) => ({ label: c.header, numeric: c.numeric }))}
      footer={
        hasTotals &&
        rows.length > 0 && (
          <tr className="totals-row" data-testid={testId ? `${testId}-totals` : undefined}>
            {columns.map((c, i) => (
              <td key={c.header} className={numClass(c)}>
                {i === 0 ? t('table.total') : c.total}
              </td>
            ))}
          </tr>
        )
      }
    >
      {rows.length === 0 && (
        <tr>
          <td colSpan={columns.length} className="cell-note">
            {empty ?? t('table.empty')}
          </td>
        </tr>
      )}
      {rows.map((r) => (
        <tr key={rowKey(r)}>
          {columns.map((c) => (
            <td key={c.header} className={numClass(c)}>
              {c.cell(r)}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
