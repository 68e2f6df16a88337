import { useState, type FormEvent } from 'react';
import type { Paper, PrinterKind } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';

const STATE_WORD = { IDLE: 'ready', PRINTING: 'printing', DISABLED: 'offline' } as const;

/** This terminal's printer: shown to everyone, changed by a manager or administrator. */
export function PrinterSettings() {
  const role = useSession((s) => s.user?.role);
  const printers = useOperation('printing.printers', {});
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<PrinterKind>('FOLDER');
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [paper, setPaper] = useState<Paper>('THERMAL_80');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const data = printers.data;
  const mayChange = role === 'ADMIN' || role === 'MANAGER';

  const start = () => {
    if (!data) return;
    setKind(data.current.kind);
    setName(data.current.name ?? data.cups[0]?.name ?? '');
    setFolder(data.current.kind === 'FOLDER' && data.current.folder !== data.defaultFolder ? (data.current.folder ?? '') : '');
    setPaper(data.current.paper);
    setEditing(true);
    setSaved(false);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('printing.choosePrinter', { kind, paper, ...(kind === 'CUPS' ? { name } : {}), ...(kind === 'FOLDER' && folder.trim() ? { folder: folder.trim() } : {}) });
      setEditing(false);
      setSaved(true);
      printers.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel printer-settings" aria-labelledby="printer-title" data-testid="printer-settings">
      <header className="panel-head">
        <h2 className="panel-title" id="printer-title">
          Printer
        </h2>
        {mayChange && !editing && (
          <Button size="sm" onClick={start} disabled={!data} testId="printer-change">
            Change
          </Button>
        )}
      </header>
      <ErrorBanner error={printers.error} title="Could not read the printers" />
      {data && (
        <p data-testid="printer-current">
          {data.current.label} · {data.current.paper === 'A4' ? 'A4 paper' : '80 mm roll'}
        </p>
      )}
      {saved && <Notice tone="success">Printer saved.</Notice>}
      {editing && data && (
        <form className="form" onSubmit={save}>
          <SelectField label="Print to" value={kind} onChange={(e) => setKind(e.target.value as PrinterKind)} testId="printer-kind">
            <option value="FOLDER">A folder of PDF files</option>
            <option value="CUPS" disabled={data.cups.length === 0}>
              A printer (CUPS){data.cups.length === 0 ? ' — none found' : ''}
            </option>
            <option value="NONE">No printer</option>
          </SelectField>
          {kind === 'CUPS' && (
            <SelectField label="Printer" value={name} onChange={(e) => setName(e.target.value)}>
              {data.cups.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} — {STATE_WORD[p.state]}
                  {p.reason ? ` (${p.reason})` : ''}
                  {p.isDefault ? ' · default' : ''}
                </option>
              ))}
            </SelectField>
          )}
          {kind === 'FOLDER' && <TextField label="Folder" placeholder={data.defaultFolder} hint={`Leave empty for ${data.defaultFolder}`} value={folder} onChange={(e) => setFolder(e.target.value)} />}
          <SelectField label="Paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="THERMAL_80">80 mm thermal roll</option>
            <option value="A4">A4</option>
          </SelectField>
          {data.cupsNote && <p className="muted">{data.cupsNote}</p>}
          <ErrorBanner error={error} title="Printer not saved" />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>
              Save printer
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
