import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../../shared/cinema-time';
import { useOperation } from '../../api/use-operation';
import { useSystem } from '../../hooks/use-system';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { useLocale } from '../../i18n/i18n';
import { fetchAndDeliver } from './ExportBar';

/** Report files made on this terminal: open a PDF again to print it, or save any of them. */
export function GeneratedReports({ round }: { round: number }) {
  const { t } = useTranslation('reports');
  const locale = useLocale();
  const day = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const list = useOperation('reports.list', { limit: 20 });
  const timeZone = useSystem().cinema.timezone;
  const [error, setError] = useState<unknown>(null);
  const { reload } = list;
  useEffect(() => {
    if (round > 0) reload();
  }, [round, reload]);
  return (
    <Panel title={t('files.title')} testId="generated-reports">
      <ErrorBanner error={list.error ?? error} />
      {list.data && list.data.length === 0 ? (
        <EmptyState title={t('files.none')}>{t('files.noneHint')}</EmptyState>
      ) : (
        <ul className="generated-list">
          {(list.data ?? []).map((r) => (
            <li key={r.id} className="generated-item" data-testid="generated-report">
              <div>
                <div className="generated-name">
                  {t(`kind.${r.kind}`)} · <span className="badge badge-muted">{t(`format.${r.format}`)}</span>
                </div>
                <div className="cell-note">
                  {t('files.line', { from: day(r.from), to: day(r.to), by: r.generatedBy, at: formatInstant(r.generatedAt, timeZone, locale) })}
                </div>
              </div>
              <div className="generated-actions">
                {r.format === 'PDF' && (
                  <Button size="sm" variant="ghost" onClick={() => void fetchAndDeliver(r, 'open').catch(setError)}>
                    {t('files.open')}
                  </Button>
                )}
                <Button size="sm" variant="ghost" onClick={() => void fetchAndDeliver(r, 'save').catch(setError)}>
                  {t('files.save')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
