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
import { HALL_TYPE_LABEL } from '../../format/hall';
import { ActiveBadge } from '../../components/ActiveBadge';
import { SeatMapEditor } from './SeatMapEditor';
import { useForm } from './use-form';
import { wholeFrom } from '../../format/amount-input';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

/** The cinema's halls: add, rename, retype, deactivate or delete, and open a hall's seat map. */
export function HallsTab() {
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

  const act = (hallId: string, run: () => Promise<string>) => void action.run(hallId, run).finally(() => setConfirming(null));

  return (
    <div className="catalog-layout">
      <div className="catalog-main">
        {action.notice && <Notice tone="success" testId="hall-notice">{action.notice}</Notice>}
        <ErrorBanner error={action.error ?? halls.error} testId="hall-list-error" />
        <ListView
          rows={halls.data}
          loading={halls.loading}
          loadingLabel="Loading halls…"
          empty={
            <EmptyState title="No halls yet" testId="halls-empty">
              Add the first hall on the right, then draw its seat map.
            </EmptyState>
          }
        >
          {(rows) => (
            <DataTable caption="Halls" testId="halls-table" columns={['Hall', 'Type · cleaning', { label: 'Seats', numeric: true }, { label: 'Upcoming', numeric: true }, 'Status', ACTIONS_COLUMN]}>
              {rows.map((h) => (
                <tr key={h.id} className={h.active ? '' : 'is-inactive'} data-testid="hall-row" data-name={h.name}>
                  <td className="strong nowrap">{h.name}</td>
                  <td className="nowrap">
                    {HALL_TYPE_LABEL[h.type]} · {h.cleaningMinutes} min
                  </td>
                  <td className="num">{h.seats}</td>
                  <td className="num" title="Sessions still to come">{h.upcomingSessions}</td>
                  <td><ActiveBadge active={h.active} /></td>
                  <td className="row-actions">
                    {confirming === h.id ? (
                      <span className="confirm" role="group" aria-label={`Delete ${h.name}?`}>
                        <span>{h.sessions > 0 ? 'Has history: will be deactivated.' : 'Delete for good?'}</span>
                        <Button size="sm" variant="danger" onClick={() => act(h.id, async () => (await call('halls.delete', { hallId: h.id })).message)} testId="hall-delete-confirm">
                          {h.sessions > 0 ? 'Deactivate' : 'Delete'}
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setConfirming(null)} testId="hall-delete-cancel">
                          Keep
                        </Button>
                      </span>
                    ) : (
                      <>
                        <Button size="sm" variant="primary" onClick={() => setMapOf(h.id)} testId="hall-seat-map" aria-label={`Seat map of ${h.name}`}>
                          Seat map
                        </Button>
                        <Button size="sm" onClick={() => setEditing(h)} testId="hall-edit" aria-label={`Edit ${h.name}`}>
                          Edit
                        </Button>
                        <ActiveToggle
                          active={h.active}
                          name={h.name}
                          testIdPrefix="hall"
                          busy={action.busyId === h.id}
                          onChange={(active) => act(h.id, async () => {
                            const updated = await call('halls.setActive', { hallId: h.id, active });
                            return updated.active ? `${updated.name} is active again.` : `${updated.name} is deactivated.`;
                          })}
                        />
                        <Button size="sm" variant="danger" onClick={() => setConfirming(h.id)} testId="hall-delete" aria-label={`Delete ${h.name}`}>
                          Delete
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
          onDone={(h, verb) => {
            setEditing(null);
            if (h) {
              action.setNotice(`${h.name} ${verb}.`);
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

function HallForm({ editing, onDone, onOpenMap }: { editing: HallSummary | null; onDone(h: HallSummary | null, verb: string): void; onOpenMap(id: string): void }) {
  const { draft, set, reset, errors, error, busy, submit } = useForm<Draft>(
    editing ? { name: editing.name, type: editing.type, cleaningMinutes: String(editing.cleaningMinutes) } : { name: '', type: 'STANDARD', cleaningMinutes: '15' },
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const fields = { name: draft.name, type: draft.type, cleaningMinutes: wholeFrom(draft.cleaningMinutes) };
    const saved = await submit(() => (editing ? call('halls.update', { hallId: editing.id, ...fields }) : call('halls.create', fields)));
    if (!saved) return;
    if (editing) onDone(saved, 'saved');
    else {
      reset({ name: '', type: 'STANDARD', cleaningMinutes: '15' });
      onDone(saved, 'added');
      onOpenMap(saved.id);
    }
  };
  return (
    <Panel title={editing ? `Edit ${editing.name}` : 'New hall'} testId="hall-form">
      <form className="form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && editing && onDone(null, '')} noValidate aria-label={editing ? `Edit ${editing.name}` : 'New hall'}>
        <ErrorBanner error={error} testId="hall-error" />
        <TextField label="Name" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} testId="hall-name" autoComplete="off" />
        <SelectField label="Type" value={draft.type} onChange={(e) => set('type', e.target.value as HallType)} error={errors.type} testId="hall-type">
          {HALL_TYPES.map((t) => (
            <option key={t} value={t}>
              {HALL_TYPE_LABEL[t]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Cleaning between sessions (minutes)"
          inputMode="numeric"
          value={draft.cleaningMinutes}
          onChange={(e) => set('cleaningMinutes', e.target.value)}
          error={errors.cleaningMinutes}
          testId="hall-cleaning"
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="hall-submit">
            {editing ? 'Save changes' : 'Add hall and draw its seats'}
          </Button>
          {editing && (
            <Button variant="ghost" onClick={() => onDone(null, '')} shortcut="Esc" testId="hall-cancel">
              Cancel
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
