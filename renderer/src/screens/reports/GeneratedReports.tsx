import { useEffect, useState } from 'react';
import { REPORT_KIND_LABELS } from '../../../../shared/contract/reports';
import { formatInstant } from '../../../../shared/cinema-time';
import { useOperation } from '../../api/use-operation';
import { useSystem } from '../../hooks/use-system';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { fetchAndDeliver } from './ExportBar';

/** Report files made on this terminal: open a PDF again to print it, or save any of them. */
export function GeneratedReports({ round }: { round: number }) {
  const list = useOperation('reports.list', { limit: 20 });
  const timeZone = useSystem().cinema.timezone;
  const [error, setError] = useState<unknown>(null);
  const { reload } = list;
  useEffect(() => {
    if (round > 0) reload();
  }, [round, reload]);
  return (
    <Panel title="Generated files" testId="generated-reports">
      <ErrorBanner error={list.error ?? error} />
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No report files yet">Export a report as PDF or Excel and it appears here, to open, print or save again later.</EmptyState>
      ) : (
        <ul className="generated-list">
          {(list.data ?? []).map((r) => (
            <li key={r.id} className="generated-item" data-testid="generated-report">
              <div>
                <div className="generated-name">
                  {REPORT_KIND_LABELS[r.kind]} · <span className="badge badge-muted">{r.format === 'PDF' ? 'PDF' : 'Excel'}</span>
                </div>
                <div className="cell-note">
                  {r.from} to {r.to} · {r.generatedBy} · {formatInstant(r.generatedAt, timeZone)}
                </div>
              </div>
              <div className="generated-actions">
                {r.format === 'PDF' && (
                  <Button size="sm" variant="ghost" onClick={() => void fetchAndDeliver(r, 'open').catch(setError)}>
                    Open
                  </Button>
                )}
                <Button size="sm" variant="ghost" onClick={() => void fetchAndDeliver(r, 'save').catch(setError)}>
                  Save
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
