import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeneratedReport, ReportJob, ReportKind } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { deliverFile } from '../../files/deliver-file';

const POLL_MS = 400;

/** Fetches a generated report and opens it (PDF: a tab to read and print) or saves it. */
export async function fetchAndDeliver(report: Pick<GeneratedReport, 'id' | 'format'>, mode: 'open' | 'save'): Promise<void> {
  const file = await call('reports.file', { reportId: report.id });
  deliverFile(file, report.format === 'PDF' ? mode : 'save');
}

/**
 * "Export PDF" / "Export Excel": starts the report in the background, shows its progress (the
 * worker reports it), then offers the file. One export at a time per bar.
 */
export function ExportBar({ kind, from, to, distributorId, onDone, testPrefix = 'export' }: { kind: ReportKind; from: string; to: string; distributorId?: string; onDone?(r: GeneratedReport): void; testPrefix?: string }) {
  const { t } = useTranslation('reports');
  const [job, setJob] = useState<ReportJob | null>(null);
  const [format, setFormat] = useState<'PDF' | 'XLSX' | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!job || job.status !== 'RUNNING') return;
    const timer = setTimeout(() => {
      call('reports.job', { jobId: job.jobId }).then(
        (next) => {
          setJob(next);
          if (next.status === 'DONE' && next.report) onDone?.(next.report);
        },
        (e: unknown) => {
          setError(e);
          setJob(null);
        },
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onDone]);

  const start = async (f: 'PDF' | 'XLSX') => {
    setError(null);
    setFormat(f);
    try {
      setJob(await call('reports.export', { kind, format: f, from, to, ...(distributorId ? { distributorId } : {}) }));
    } catch (e) {
      setError(e);
      setJob(null);
    }
  };

  const running = job?.status === 'RUNNING';
  return (
    <div className="export-bar" data-testid={`${testPrefix}-bar`}>
      <div className="export-buttons">
        <Button variant="primary" onClick={() => void start('PDF')} busy={running && format === 'PDF'} disabled={running} testId={`${testPrefix}-pdf`}>
          {t('export.pdf')}
        </Button>
        <Button onClick={() => void start('XLSX')} busy={running && format === 'XLSX'} disabled={running} testId={`${testPrefix}-xlsx`}>
          {t('export.xlsx')}
        </Button>
      </div>
      {running && (
        <div className="export-progress" data-testid={`${testPrefix}-progress`}>
          <div className="progress" role="progressbar" aria-label={t('export.writing')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress}>
            <div className="progress-fill" style={{ width: `${job.progress}%` }} />
          </div>
          <span className="export-step">
            {job.step}… {job.progress} %
          </span>
        </div>
      )}
      {job?.status === 'DONE' && job.report && (
        <div className="export-done" role="status" data-testid={`${testPrefix}-done`}>
          <span>
            <span aria-hidden="true">✓ </span>
            {t('export.ready', { file: job.report.fileName })}
          </span>
          {job.report.format === 'PDF' && (
            <Button size="sm" onClick={() => void fetchAndDeliver(job.report!, 'open').catch(setError)} testId={`${testPrefix}-open`}>
              {t('export.openToPrint')}
            </Button>
          )}
          <Button size="sm" onClick={() => void fetchAndDeliver(job.report!, 'save').catch(setError)} testId={`${testPrefix}-save`}>
            {t('export.save')}
          </Button>
        </div>
      )}
      {job?.status === 'FAILED' && <ErrorBanner error={job.error ?? t('export.failed')} testId={`${testPrefix}-failed`} />}
      <ErrorBanner error={error} testId={`${testPrefix}-error`} />
    </div>
  );
}
