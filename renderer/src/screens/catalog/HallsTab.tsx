import { useState, type FormEvent } from 'react';
import type { HallSummary } from '../../../../shared/contract';
import { HALL_TYPES, type HallType } from '../../../../shared/enums';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { ListView } from '../../components/ListView';
import { ActiveToggle } from '../../components/ActiveToggle';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { useTranslation } from 'react-i18next';
import { confirmLeave } from '../../shell/unsaved-changes';
import { ActiveBadge } from '../../components/ActiveBadge';
import { SeatMapEditor } from './SeatMapEditor';
import { useForm } from './use-form';
import { wholeFrom } from '../../format/amount-input';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

/** The cinema's halls: add, rename, retype, deactivate or delete, and open a hall's seat map. */
export function HallsTab() {
  const { t } = useTranslation(['catalog', 'common', 'enums']);
  const halls = useOperation('halls.list', {});
  const [editing, setEditing] = useState<HallSummary | null>(null);
  const [mapOf, setMapOf] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const action = useRowAction(halls.reload);

  if (mapOf) {
    return (
      <SeatMapEditor
        hallId={mapOf}
        onClose={() => {
          setMapOf(null);
          halls.reload();
        }}
      />
    );
  }

  /** Puts another hall (or a new one) in the form; unsaved edits ask first. */
  const edit = (h: HallSummary | null) => confirmLeave() && setEditing(h);
  const act = (hallId: string, run: () => Promise<string>) => void action.run(hallId, run).finally(() => setConfirming(null));

  return (
    <div className="catalog-layout">
      <div className="catalog-main">
        {action.notice && <Notice tone="success" testId="hall-notice">{action.notice}</Notice>}
        <ErrorBanner error={action.error ?? halls.error} testId="hall-list-error" />
        <ListView
          rows={halls.data}
          loading={halls.loading}
          loadingLabel={t('halls.loading')}
          empty={
            <EmptyState title={t('halls.empty')} testId="halls-empty">
              {t('halls.emptyHint')}
            </EmptyState>
          }
        >
          {(rows) => (
            <DataTable
              caption={t('halls.caption')}
              testId="halls-table"
              columns={[t('halls.column.hall'), t('halls.column.typeCleaning'), { label: t('halls.column.seats'), numeric: true }, { label: t('halls.column.upcoming'), numeric: true }, t('statusColumn'), ACTIONS_COLUMN]}
            >
              {rows.map((h) => (
                <tr key={h.id} className={h.active ? '' : 'is-inactive'} data-testid="hall-row" data-name={h.name}>
                  <td className="strong nowrap">{h.name}</td>
                  <td className="nowrap">
                    {t('halls.typeCleaning', { type: t(`enums:hallType.${h.type}`), minutes: h.cleaningMinutes })}
                  </td>
                  <td className="num">{h.seats}</td>
                  <td className="num" title={t('halls.upcomingTitle')}>{h.upcomingSessions}</td>
                  <td><ActiveBadge active={h.active} /></td>
                  <td className="row-actions">
                    {confirming === h.id ? (
                      <span className="confirm" role="group" aria-label={t('halls.deleteQuestion', { name: h.name })}>
                        <span>{h.sessions > 0 ? t('halls.hasHistory') : t('halls.deleteForGood')}</span>
                        <Button size="sm" variant="danger" onClick={() =>
                            act(h.id, async () => {
                              const removed = await call('halls.delete', { hallId: h.id });
                              return removed.outcome === 'DELETED' ? t('halls.deleted', { name: h.name, seats: h.seats }) : t('halls.keptDeactivated', { name: h.name, count: h.sessions });
                            })
                          } testId="hall-delete-confirm">
                          {h.sessions > 0 ? t('halls.deactivate') : t('halls.delete')}
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setConfirming(null)} testId="hall-delete-cancel">
                          {t('halls.keep')}
                        </Button>
                      </span>
                    ) : (
                      <>
                        <Button size="sm" variant="primary" onClick={() => confirmLeave() && setMapOf(h.id)} testId="hall-seat-map" aria-label={t('halls.seatMapLabel', { name: h.name })}>
                          {t('halls.seatMap')}
                        </Button>
                        <Button size="sm" onClick={() => edit(h)} testId="hall-edit" aria-label={t('halls.editLabel', { name: h.name })}>
                          {t('halls.edit')}
                        </Button>
                        <ActiveToggle
                          active={h.active}
                          name={h.name}
                          testIdPrefix="hall"
                          busy={action.busyId === h.id}
                          onChange={(active) => act(h.id, async () => {
                            const updated = await call('halls.setActive', { hallId: h.id, active });
                            return t(updated.active ? 'halls.activeAgain' : 'halls.deactivated', { name: updated.name });
                          })}
                        />
                        <Button size="sm" variant="danger" onClick={() => setConfirming(h.id)} testId="hall-delete" aria-label={t('halls.deleteLabel', { name: h.name })}>
                          {t('halls.delete')}
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </ListView>
      </div>
      <div className="catalog-side">
        <HallForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onDone={(h, added) => {
            if (!h && !confirmLeave()) return;
            setEditing(null);
            if (h) {
              action.setNotice(t(added ? 'halls.added' : 'halls.saved', { name: h.name }));
              halls.reload();
            }
          }}
          onOpenMap={(id) => setMapOf(id)}
        />
      </div>
    </div>
  );
}

interface Draft extends Record<string, unknown> {
  name: string;
  type: HallType;
  cleaningMinutes: string;
}

function HallForm({ editing, onDone, onOpenMap }: { editing: HallSummary | null; onDone(h: HallSummary | null, added: boolean): void; onOpenMap(id: string): void }) {
  const { t } = useTranslation(['catalog', 'common', 'enums']);
  const { draft, set, reset, errors, error, busy, submit } = useForm<Draft>(
    editing ? { name: editing.name, type: editing.type, cleaningMinutes: String(editing.cleaningMinutes) } : { name: '', type: 'STANDARD', cleaningMinutes: '15' },
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const fields = { name: draft.name, type: draft.type, cleaningMinutes: wholeFrom(draft.cleaningMinutes) };
    const saved = await submit(() => (editing ? call('halls.update', { hallId: editing.id, ...fields }) : call('halls.create', fields)));
    if (!saved) return;
    if (editing) onDone(saved, false);
    else {
      reset({ name: '', type: 'STANDARD', cleaningMinutes: '15' });
      onDone(saved, true);
      onOpenMap(saved.id);
    }
  };
  return (
    <Panel title={editing ? t('hallForm.editTitle', { name: editing.name }) : t('hallForm.newTitle')} testId="hall-form">
      <form className="form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && editing && onDone(null, false)} noValidate aria-label={editing ? t('hallForm.editTitle', { name: editing.name }) : t('hallForm.newTitle')}>
        <ErrorBanner error={error} testId="hall-error" />
        <TextField label={t('hallForm.name')} value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} testId="hall-name" autoComplete="off" />
        <SelectField label={t('hallForm.type')} value={draft.type} onChange={(e) => set('type', e.target.value as HallType)} error={errors.type} testId="hall-type">
          {HALL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`enums:hallType.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('hallForm.cleaning')}
          inputMode="numeric"
          value={draft.cleaningMinutes}
          onChange={(e) => set('cleaningMinutes', e.target.value)}
          error={errors.cleaningMinutes}
          testId="hall-cleaning"
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="hall-submit">
            {editing ? t('saveChanges') : t('hallForm.add')}
          </Button>
          {editing && (
            <Button variant="ghost" onClick={() => onDone(null, false)} shortcut="Esc" testId="hall-cancel">
              {t('common:action.cancel')}
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
