import { useState, type FormEvent } from 'react';
import type { CupsPrinterInfo, Paper, PrinterChoice, PrinterKind, PrinterRole, PrintersState } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';
import { paperWord, queueWord } from './printer-words';

const ROLE_WORD: Record<PrinterRole, string> = { TICKETS: 'Tickets', RECEIPTS: 'Receipts and cash drawer' };

/** This terminal's two printers — tickets, and receipts with the cash drawer — shown to everyone, changed by a manager or administrator. */
export function PrinterSettings() {
  const role = useSession((s) => s.user?.role);
  const printers = useOperation('printing.printers', {});
  const data = printers.data;
  const mayChange = role === 'ADMIN' || role === 'MANAGER';
  return (
    <section className="panel printer-settings" aria-labelledby="printer-title" data-testid="printer-settings">
      <header className="panel-head">
        <h2 className="panel-title" id="printer-title">
          Printers
        </h2>
      </header>
      <ErrorBanner error={printers.error} title="Could not read the printers" />
      {data && (
        <>
          <p className="muted" data-testid="printer-scheduler">
            {data.scheduler === 'RUNNING' ? 'Print service (CUPS): running' : (data.cupsNote ?? 'The print service (CUPS) is not running on this computer.')}
          </p>
          <PrinterRoleForm role="TICKETS" choice={data.tickets} state={data} mayChange={mayChange} onSaved={printers.reload} />
          <PrinterRoleForm role="RECEIPTS" choice={data.receipts} state={data} mayChange={mayChange} onSaved={printers.reload} />
          {mayChange && data.receipts.kind === 'ESCPOS' && <OpenDrawerButton />}
        </>
      )}
    </section>
  );
}

function PrinterRoleForm({ role, choice, state, mayChange, onSaved }: { role: PrinterRole; choice: PrinterChoice; state: PrintersState; mayChange: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<PrinterKind>(choice.kind);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [address, setAddress] = useState('');
  const [paper, setPaper] = useState<Paper>(choice.paper);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const testId = `printer-${role.toLowerCase()}`;

  const start = () => {
    setKind(choice.kind);
    setName(choice.name ?? (choice.kind === 'SYSTEM' ? state.system?.[0]?.name : state.cups[0]?.name) ?? '');
    setFolder(choice.kind === 'FOLDER' && choice.folder !== state.defaultFolder ? (choice.folder ?? '') : '');
    setAddress(choice.address ?? '');
    setPaper(choice.paper);
    setEditing(true);
    setSaved(false);
    setError(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('printing.choosePrinter', {
        role,
        kind,
        paper: kind === 'ESCPOS' ? 'THERMAL_80' : paper,
        ...(kind === 'CUPS' || kind === 'SYSTEM' ? { name } : {}),
        ...(kind === 'FOLDER' && folder.trim() ? { folder: folder.trim() } : {}),
        ...(kind === 'ESCPOS' ? { address: address.trim() } : {}),
      });
      setEditing(false);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const pickCups = (p: CupsPrinterInfo) => (
    <option key={p.name} value={p.name}>
      {p.name} — {queueWord(p)}
      {p.isDefault ? ' · default' : ''}
    </option>
  );

  return (
    <div className="printer-role" data-testid={testId}>
      <div className="panel-head">
        <h3 className="section-title">{ROLE_WORD[role]}</h3>
        {mayChange && !editing && (
          <Button size="sm" onClick={start} testId={`${testId}-change`}>
            Change
          </Button>
        )}
      </div>
      <p data-testid={`${testId}-current`}>
        {choice.label}
        {choice.kind !== 'ESCPOS' && choice.kind !== 'NONE' ? ` · ${paperWord(choice.paper)}` : ''}
      </p>
      {saved && <Notice tone="success">Printer saved.</Notice>}
      {editing && (
        <form className="form" onSubmit={save}>
          <SelectField label="Print to" value={kind} onChange={(e) => setKind(e.target.value as PrinterKind)} testId={`${testId}-kind`}>
            <option value="FOLDER">A folder of PDF files</option>
            <option value="CUPS" disabled={state.cups.length === 0}>
              A printer through CUPS{state.cups.length === 0 ? ' — none found' : ''}
            </option>
            <option value="ESCPOS">An ESC/POS receipt printer (Epson TM and compatible)</option>
            <option value="SYSTEM" disabled={!state.system?.length}>
              A printer of this computer (Windows, macOS){state.system === null ? ' — desktop app only' : state.system.length === 0 ? ' — none found' : ''}
            </option>
            <option value="NONE">No printer</option>
          </SelectField>
          {kind === 'CUPS' && (
            <SelectField label="Printer" value={name} onChange={(e) => setName(e.target.value)} testId={`${testId}-name`}>
              {state.cups.map(pickCups)}
            </SelectField>
          )}
          {kind === 'SYSTEM' && (
            <SelectField label="Printer" value={name} onChange={(e) => setName(e.target.value)}>
              {(state.system ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.displayName}
                  {d.isDefault ? ' · default' : ''}
                </option>
              ))}
            </SelectField>
          )}
          {kind === 'ESCPOS' && (
            <TextField
              label="Printer address"
              placeholder="192.168.1.50:9100"
              hint="A network printer (address:9100), a device such as /dev/usb/lp0, or cups:<raw queue>."
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              testId={`${testId}-address`}
            />
          )}
          {kind === 'FOLDER' && <TextField label="Folder" placeholder={state.defaultFolder} hint={`Leave empty for ${state.defaultFolder}`} value={folder} onChange={(e) => setFolder(e.target.value)} />}
          {kind !== 'ESCPOS' && kind !== 'NONE' && (
            <SelectField label="Paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)} testId={`${testId}-paper`}>
              <option value="THERMAL_80">{paperWord('THERMAL_80')}</option>
              <option value="A4">{paperWord('A4')}</option>
              {role === 'TICKETS' && <option value="TICKET_2X5_5">{paperWord('TICKET_2X5_5')}</option>}
              {role === 'TICKETS' && <option value="TICKET_3_25X8">{paperWord('TICKET_3_25X8')}</option>}
            </SelectField>
          )}
          <ErrorBanner error={error} title="Printer not saved" />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} testId={`${testId}-save`}>
              Save printer
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

/** "Open drawer" outside a sale: managers only, audited by the main process. */
function OpenDrawerButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await call('printing.openDrawer', {});
      setDone(`Drawer opened on ${result.printer}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form-actions">
      <Button onClick={open} busy={busy} testId="open-drawer">
        Open drawer
      </Button>
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorBanner error={error} title="The drawer did not open" />
    </div>
  );
}
