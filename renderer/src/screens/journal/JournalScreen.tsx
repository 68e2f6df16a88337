import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditExportResult } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatInstantDate, formatTime } from '../../format/time';
import { useLocale } from '../../i18n/i18n';
import { useStatus } from '../../stores/status';
import '../backups/backups.css';

const KINDS = ['SALE', 'REFUND', 'EXCHANGE', 'SHIFT_OPEN', 'SHIFT_CLOSE', 'Z_REPORT', 'VOUCHER_SALE', 'VOUCHER_REDEMPTION'] as const;

/** A journal entry's kind in words; a kind this screen does not know yet stays as written. */
function kindWord(kind: string, t: TFunction<'journal'>): string {
  return (KINDS as readonly string[]).includes(kind) ? t(`kind.${kind as (typeof KINDS)[number]}`) : kind;
}

/** Rule 16 for managers: is this terminal's signed money journal intact, what was last written, and an export for a tax audit. */
export function JournalScreen() {
  const { t } = useTranslation('journal');
  const locale = useLocale();
  const overview = useOperation('journal.overview', {});
  const system = useStatus((s) => s.system);
  const tz = system?.cinema.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const currency = system?.cinema.currency ?? 'EUR';
  const data = overview.data;

  return (
    <div className="screen journal-screen" data-testid="screen-journal">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
        <Button onClick={overview.reload} busy={overview.loading} testId="journal-check">
          {t('checkAgain')}
        </Button>
      </div>
      {overview.error ? <ErrorBanner error={overview.error} title={t('checkFailed')} /> : null}
      {!data && overview.loading ? <Loading label={t('checking')} /> : null}
      {data && (
        <div className="backups-layout">
          <Panel title={t('panel')} testId="journal-panel">
            {data.checks.length === 0 && <p className="muted">{t('empty')}</p>}
            {data.checks.map((c) =>
              c.firstBreak ? (
                <div key={c.terminalId} className="banner banner-error" role="alert" data-testid="journal-broken">
                  <strong>{t('broken.head', { counter: c.firstBreak.counter })}</strong> {t('broken.entry', { counter: c.firstBreak.counter })}
                  {c.firstBreak.kind && c.firstBreak.at ? t('broken.what', { kind: kindWord(c.firstBreak.kind, t), at: `${formatInstantDate(c.firstBreak.at, tz, locale)} ${formatTime(c.firstBreak.at, tz, locale)}` }) : ''}: {c.firstBreak.detail}{' '}
                  {t('broken.upTo', { last: c.lastGood ? c.lastGood.counter : t('broken.theStart') })}
                </div>
              ) : (
                <Notice key={c.terminalId} tone="success" testId="journal-intact">
                  {t('intact', { count: c.entries })} <code className="backup-file">{c.lastGood?.hash.slice(0, 16)}…</code>
                </Notice>
              ),
            )}
            <p className="muted" data-testid="journal-unsent">
              {!data.syncConfigured
                ? t('noSync')
                : data.unsent === 0
                  ? t('allSent')
                  : t('unsent', { count: data.unsent })}
            </p>
            {data.latest.length > 0 && (
              <DataTable caption={t('newest')} testId="journal-table" columns={[{ label: t('column.no'), numeric: true }, t('column.when'), t('column.what'), { label: t('column.number'), numeric: true }, { label: t('column.amount'), numeric: true }, t('column.hash')]}>
                {data.latest.map((e) => (
                  <tr key={e.counter} data-testid="journal-row">
                    <td className="num">{e.counter}</td>
                    <td>{formatTime(e.at, tz, locale)}</td>
                    <td>{kindWord(e.kind, t)}</td>
                    <td className="num">{e.number ?? ''}</td>
                    <td className="num">{e.amount === null ? '' : formatMoney(e.amount, currency, locale)}</td>
                    <td>
                      <code className="backup-file">{e.hash.slice(0, 12)}</code>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Panel>
          <ExportPanel />
        </div>
      )}
    </div>
  );
}

function ExportPanel() {
  const { t } = useTranslation('journal');
  const [by, setBy] = useState<'Z' | 'DATES'>('Z');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<AuditExportResult | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await call('journal.export', by === 'Z' ? { fromZ: Number(from), toZ: Number(to || from) } : { from, to: to || from }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('export.title')} testId="journal-export">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <SelectField label={t('export.range')} value={by} onChange={(e) => setBy(e.target.value as 'Z' | 'DATES')} testId="export-by">
          <option value="Z">{t('export.byZ')}</option>
          <option value="DATES">{t('export.byDates')}</option>
        </SelectField>
        {by === 'Z' ? (
          <>
            <TextField label={t('export.fromZ')} type="number" value={from} onChange={(e) => setFrom(e.target.value)} testId="export-from" />
            <TextField label={t('export.toZ')} type="number" value={to} onChange={(e) => setTo(e.target.value)} hint={t('export.toHint')} testId="export-to" />
          </>
        ) : (
          <>
            <DateField label={t('export.fromDay')} value={from} onChange={setFrom} testId="export-from" />
            <DateField label={t('export.toDay')} value={to} onChange={setTo} hint={t('export.toHint')} testId="export-to" />
          </>
        )}
        <Button type="submit" variant="primary" busy={busy} testId="export-run">
          {t('export.run')}
        </Button>
      </form>
      <ErrorBanner error={error} title={t('export.failed')} testId="export-error" />
      {done && (
        <Notice tone="success" testId="export-done">
          {t('export.done', { files: done.files.length, entries: done.entries })} <code className="backup-file">{done.folder}</code>
        </Notice>
      )}
      <p className="muted">{t('export.about')}</p>
    </Panel>
  );
}
