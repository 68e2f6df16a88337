import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CupsPrinterInfo, Paper, PrinterChoice, PrinterKind, PrinterRole, PrintersState } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';
import { queueWord } from './printer-words';

/** The papers each role's printer may take (tickets also on ticket stock). */
const RECEIPT_PAPERS: readonly Paper[] = ['THERMAL_80', 'A4'];
const TICKET_PAPERS: readonly Paper[] = [...RECEIPT_PAPERS, 'TICKET_2X5_5', 'TICKET_3_25X8'];

/** This terminal's two printers — tickets, and receipts with the cash drawer — shown to everyone, changed by a manager or administrator. */
export function PrinterSettings() {
  const { t } = useTranslation('orders');
  const role = useSession((s) => s.user?.role);
  const printers = useOperation('printing.printers', {});
  const data = printers.data;
  const mayChange = role === 'ADMIN' || role === 'MANAGER';
  return (
    <section className="panel printer-settings" aria-labelledby="printer-title" data-testid="printer-settings">
      <header className="panel-head">
        <h2 className="panel-title" id="printer-title">
          {t('printers.title')}
        </h2>
      </header>
      <ErrorBanner error={printers.error} title={t('printers.readFailed')} />
      {data && (
        <>
          <p className="muted" data-testid="printer-scheduler">
            {data.scheduler === 'RUNNING' ? t('printers.cupsRunning') : data.cupsNote === 'WINDOWS' ? t('printers.windows') : t('printers.cupsNotRunning')}
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
  const { t } = useTranslation(['orders', 'common']);
  const paperWord = (p: Paper) => t(`printers.paperKind.${p}`);
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
      {p.name} — {queueWord(p, t)}
      {p.isDefault ? t('printers.isDefault') : ''}
    </option>
  );

  return (
    <div className="printer-role" data-testid={testId}>
      <div className="panel-head">
        <h3 className="section-title">{t(`printers.role.${role}`)}</h3>
        {mayChange && !editing && (
          <Button size="sm" onClick={start} testId={`${testId}-change`}>
            {t('printers.change')}
          </Button>
        )}
      </div>
      <p data-testid={`${testId}-current`}>
        {choice.label}
        {choice.kind !== 'ESCPOS' && choice.kind !== 'NONE' ? ` · ${paperWord(choice.paper)}` : ''}
      </p>
      {saved && <Notice tone="success">{t('printers.saved')}</Notice>}
      {editing && (
        <form className="form" onSubmit={save}>
          <SelectField label={t('printers.printTo')} value={kind} onChange={(e) => setKind(e.target.value as PrinterKind)} testId={`${testId}-kind`}>
            <option value="FOLDER">{t('printers.kind.FOLDER')}</option>
            <option value="CUPS" disabled={state.cups.length === 0}>
              {t('printers.kind.CUPS')}
              {state.cups.length === 0 ? t('printers.noneFound') : ''}
            </option>
            <option value="ESCPOS">{t('printers.kind.ESCPOS')}</option>
            <option value="SYSTEM" disabled={!state.system?.length}>
              {t('printers.kind.SYSTEM')}
              {state.system === null ? t('printers.desktopOnly') : state.system.length === 0 ? t('printers.noneFound') : ''}
            </option>
            <option value="NONE">{t('printers.kind.NONE')}</option>
          </SelectField>
          {kind === 'CUPS' && (
            <SelectField label={t('printers.printer')} value={name} onChange={(e) => setName(e.target.value)} testId={`${testId}-name`}>
              {state.cups.map(pickCups)}
            </SelectField>
          )}
          {kind === 'SYSTEM' && (
            <SelectField label={t('printers.printer')} value={name} onChange={(e) => setName(e.target.value)}>
              {(state.system ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.displayName}
                  {d.isDefault ? t('printers.isDefault') : ''}
                </option>
              ))}
            </SelectField>
          )}
          {kind === 'ESCPOS' && (
            <TextField
              label={t('printers.address')}
              placeholder={t('printers.addressExample')}
              hint={t('printers.addressHint')}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              testId={`${testId}-address`}
            />
          )}
          {kind === 'FOLDER' && <TextField label={t('printers.folder')} placeholder={state.defaultFolder} hint={t('printers.folderHint', { folder: state.defaultFolder })} value={folder} onChange={(e) => setFolder(e.target.value)} />}
          {kind !== 'ESCPOS' && kind !== 'NONE' && (
            <SelectField label={t('printers.paper')} value={paper} onChange={(e) => setPaper(e.target.value as Paper)} testId={`${testId}-paper`}>
              {(role === 'TICKETS' ? TICKET_PAPERS : RECEIPT_PAPERS).map((p) => (
                <option key={p} value={p}>
                  {paperWord(p)}
                </option>
              ))}
            </SelectField>
          )}
          <ErrorBanner error={error} title={t('printers.notSaved')} />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} testId={`${testId}-save`}>
              {t('printers.save')}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              {t('common:action.cancel')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

/** "Open drawer" outside a sale: managers only, audited by the main process. */
function OpenDrawerButton() {
  const { t } = useTranslation('orders');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await call('printing.openDrawer', {});
      setDone(t('printers.drawerOpened', { printer: result.printer }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form-actions">
      <Button onClick={open} busy={busy} testId="open-drawer">
        {t('printers.openDrawer')}
      </Button>
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorBanner error={error} title={t('printers.drawerFailed')} />
    </div>
  );
}
