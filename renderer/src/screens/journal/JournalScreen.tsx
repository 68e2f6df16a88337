import { useState, type FormEvent } from 'react';
import type { AuditExportResult } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatInstantDate, formatTime } from '../../format/time';
import { useStatus } from '../../stores/status';
import '../backups/backups.css';

const KIND_LABEL: Record<string, string> = {
  SALE: 'Sale (receipt)',
  REFUND: 'Refund slip',
  EXCHANGE: 'Exchange slip',
  SHIFT_OPEN: 'Shift opened',
  SHIFT_CLOSE: 'Shift closed',
  Z_REPORT: 'Z report',
  VOUCHER_SALE: 'Voucher sold',
  VOUCHER_REDEMPTION: 'Voucher redeemed',
};

/** Rule 16 for managers: is this terminal's signed money journal intact, what was last written, and an export for a tax audit. */
export function JournalScreen() {
  const overview = useOperation('journal.overview', {});
  const system = useStatus((s) => s.system);
  const tz = system?.cinema.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const currency = system?.cinema.currency ?? 'EUR';
  const data = overview.data;

  return (
    <div className="screen journal-screen" data-testid="screen-journal">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Money trail</h1>
          <p className="screen-subtitle">Every sale, refund, exchange, shift and Z report of this terminal, chained by hashes and signed.</p>
        </div>
        <Button onClick={overview.reload} busy={overview.loading} testId="journal-check">
          Check again
        </Button>
      </div>
      {overview.error ? <ErrorBanner error={overview.error} title="Could not check the journal" /> : null}
      {!data && overview.loading ? <Loading label="Checking every entry of the journal…" /> : null}
      {data && (
        <div className="backups-layout">
          <Panel title="The journal" testId="journal-panel">
            {data.checks.length === 0 && <p className="muted">The journal is empty: no money has moved on this terminal yet.</p>}
            {data.checks.map((c) =>
              c.firstBreak ? (
                <div key={c.terminalId} className="banner banner-error" role="alert" data-testid="journal-broken">
                  <strong>The journal does not match from entry {c.firstBreak.counter} on.</strong> Entry {c.firstBreak.counter}
                  {c.firstBreak.kind && c.firstBreak.at ? ` (${KIND_LABEL[c.firstBreak.kind] ?? c.firstBreak.kind}, ${formatInstantDate(c.firstBreak.at, tz)} ${formatTime(c.firstBreak.at, tz)})` : ''}: {c.firstBreak.detail} Entries up to{' '}
                  {c.lastGood ? c.lastGood.counter : 'the start'} are intact. Keep this database as it is and tell the person responsible for the tills.
                </div>
              ) : (
                <Notice key={c.terminalId} tone="success" testId="journal-intact">
                  Intact: {c.entries} entries, every link and signature checked. Last hash <code className="backup-file">{c.lastGood?.hash.slice(0, 16)}…</code>
                </Notice>
              ),
            )}
            <p className="muted" data-testid="journal-unsent">
              {!data.syncConfigured
                ? 'This terminal does not sync: the journal stays here (export it for an audit).'
                : data.unsent === 0
                  ? 'The centre has every entry and checked the chain on arrival.'
                  : `${data.unsent} entries wait to be sent to the centre, which checks the chain again on arrival.`}
            </p>
            {data.latest.length > 0 && (
              <DataTable caption="Newest entries of the journal" testId="journal-table" columns={[{ label: 'No.', numeric: true }, 'When', 'What', { label: 'Receipt / Z', numeric: true }, { label: 'Amount', numeric: true }, 'Hash']}>
                {data.latest.map((e) => (
                  <tr key={e.counter} data-testid="journal-row">
                    <td className="num">{e.counter}</td>
                    <td>{formatTime(e.at, tz)}</td>
                    <td>{KIND_LABEL[e.kind] ?? e.kind}</td>
                    <td className="num">{e.number ?? ''}</td>
                    <td className="num">{e.amount === null ? '' : formatMoney(e.amount, currency)}</td>
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
    <Panel title="Export for a tax audit" testId="journal-export">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <SelectField label="Range" value={by} onChange={(e) => setBy(e.target.value as 'Z' | 'DATES')} testId="export-by">
          <option value="Z">Z reports (numbers)</option>
          <option value="DATES">Business days</option>
        </SelectField>
        <TextField label={by === 'Z' ? 'From Z no.' : 'From day'} type={by === 'Z' ? 'number' : 'date'} value={from} onChange={(e) => setFrom(e.target.value)} testId="export-from" />
        <TextField label={by === 'Z' ? 'To Z no.' : 'To day'} type={by === 'Z' ? 'number' : 'date'} value={to} onChange={(e) => setTo(e.target.value)} hint="Empty: the same as “from”." testId="export-to" />
        <Button type="submit" variant="primary" busy={busy} testId="export-run">
          Export
        </Button>
      </form>
      <ErrorBanner error={error} title="Nothing was exported" testId="export-error" />
      {done && (
        <Notice tone="success" testId="export-done">
          {done.files.length} CSV files and a manifest ({done.entries} journal entries) in <code className="backup-file">{done.folder}</code>
        </Notice>
      )}
      <p className="muted">
        CSV files laid out after Germany’s DSFinV-K (receipts, their VAT, payments and lines, Z closings) plus the journal itself; the manifest holds each file’s SHA-256 and the chain’s
        hashes at both ends of the range.
      </p>
    </Panel>
  );
}
