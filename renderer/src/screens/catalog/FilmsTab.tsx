import { useCallback, useState, type FormEvent } from 'react';
import { RATING_SYSTEMS } from '../../../../shared/age-ratings';
import type { FilmSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { AgeRating } from '../../components/AgeRating';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { ListView } from '../../components/ListView';
import { ActiveToggle } from '../../components/ActiveToggle';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { ActiveBadge } from '../../components/ActiveBadge';
import { SearchBox } from './SearchBox';
import { useForm } from './use-form';
import { wholeFrom } from '../../format/amount-input';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

interface Draft extends Record<string, unknown> {
  title: string;
  durationMinutes: string;
  ageRating: string;
  genres: string;
  releaseDate: string;
  distributorId: string;
}
const EMPTY: Draft = { title: '', durationMinutes: '', ageRating: '', genres: '', releaseDate: '', distributorId: '' };

const draftOf = (f: FilmSummary): Draft => ({
  title: f.title,
  durationMinutes: String(f.durationMinutes),
  ageRating: f.ageRating,
  genres: f.genres.join(', '),
  releaseDate: f.releaseDate ?? '',
  distributorId: f.distributor?.id ?? '',
});

/** "23 Oct 2026" from "2026-10-23", without a time zone shifting the day. */
function formatDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The film catalogue: search, add, edit, deactivate (a film with history is never deleted). */
export function FilmsTab() {
  const [search, setSearch] = useState('');
  const list = useOperation('films.list', search ? { search } : {});
  const [editing, setEditing] = useState<FilmSummary | null>(null);
  const onSearch = useCallback((t: string) => setSearch(t), []);
  const action = useRowAction(list.reload);
  const setActive = (f: FilmSummary, active: boolean) =>
    void action.run(f.id, async () => {
      const updated = await call('films.setActive', { filmId: f.id, active });
      return updated.active ? `“${updated.title}” can be scheduled again.` : `“${updated.title}” is deactivated; past sessions keep it.`;
    });

  return (
    <div className="catalog-layout">
      <div className="catalog-main">
        <div className="catalog-toolbar">
          <SearchBox label="Search by title, genre or distributor" onSearch={onSearch} testId="film-search" />
        </div>
        {action.notice && <Notice tone="success" testId="film-notice">{action.notice}</Notice>}
        <ErrorBanner error={action.error ?? list.error} testId="film-list-error" />
        <ListView rows={list.data} loading={list.loading} loadingLabel="Loading films…" empty={<EmptyState title={search ? `No film matches “${search}”` : 'No films yet'} testId="films-empty" />}>
          {(rows) => (
            <DataTable caption="Films" testId="films-table" columns={['Film', 'Distributor', 'Status', ACTIONS_COLUMN]}>
              {rows.map((f) => (
                <tr key={f.id} className={f.active ? '' : 'is-inactive'} data-testid="film-row" data-title={f.title}>
                  <td>
                    <span className="strong">{f.title}</span> <AgeRating rating={f.ageRating} />
                    <div className="muted small film-facts">
                      {[`${f.durationMinutes} min`, f.genres.join(', '), f.releaseDate ? `released ${formatDate(f.releaseDate)}` : '']
                        .filter(Boolean)
                        .map((fact) => (
                          <span key={fact}>{fact}</span>
                        ))}
                    </div>
                  </td>
                  <td className="film-distributor">{f.distributor?.legalName ?? '—'}</td>
                  <td><ActiveBadge active={f.active} /></td>
                  <td className="row-actions row-actions-inline">
                    <Button size="sm" onClick={() => setEditing(f)} testId="film-edit" aria-label={`Edit ${f.title}`}>Edit</Button>
                    <ActiveToggle active={f.active} name={f.title} testIdPrefix="film" busy={action.busyId === f.id} onChange={(active) => setActive(f, active)} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </ListView>
      </div>
      <div className="catalog-side">
        <FilmForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onDone={(f, verb) => {
            setEditing(null);
            if (f) {
              action.setNotice(`“${f.title}” ${verb}.`);
              list.reload();
            }
          }}
        />
      </div>
    </div>
  );
}

function FilmForm({ editing, onDone }: { editing: FilmSummary | null; onDone(f: FilmSummary | null, verb: string): void }) {
  const distributors = useOperation('distributors.list', {});
  const { draft, set, reset, errors, error, busy, submit } = useForm<Draft>(editing ? draftOf(editing) : EMPTY);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      title: draft.title,
      durationMinutes: wholeFrom(draft.durationMinutes),
      ageRating: draft.ageRating,
      genres: draft.genres
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
      releaseDate: draft.releaseDate || null,
      distributorId: draft.distributorId || null,
    };
    const saved = await submit(() => (editing ? call('films.update', { filmId: editing.id, ...fields }) : call('films.create', fields)));
    if (saved) {
      if (!editing) reset(EMPTY);
      onDone(saved, editing ? 'saved' : 'added to the catalogue');
    }
  };
  const text = (key: keyof Draft) => (e: { target: { value: string } }) => set(key, e.target.value);
  const options = (distributors.data ?? []).filter((d) => d.active || d.id === draft.distributorId);

  return (
    <Panel title={editing ? `Edit “${editing.title}”` : 'New film'} testId="film-form">
      <form className="form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && editing && onDone(null, '')} noValidate aria-label={editing ? `Edit ${editing.title}` : 'New film'}>
        <ErrorBanner error={error ?? distributors.error} testId="film-error" />
        <TextField label="Title" value={draft.title} onChange={text('title')} error={errors.title} testId="film-title" autoComplete="off" />
        <div className="form-row">
          <TextField
            label="Minutes"
            inputMode="numeric"
            value={draft.durationMinutes}
            onChange={text('durationMinutes')}
            error={errors.durationMinutes}
            hint={editing && editing.upcomingSessions > 0 ? `Fixed while ${editing.upcomingSessions} sessions are planned.` : undefined}
            testId="film-duration"
          />
          <TextField label="Age rating" value={draft.ageRating} onChange={text('ageRating')} error={errors.ageRating} hint="FSK 0, 6, 12, 16, 18 (or BBFC)" list="age-ratings" testId="film-age" />
          <datalist id="age-ratings">
            {RATING_SYSTEMS.flatMap((s) => s.ratings.map((r) => <option key={r.name} value={r.name} label={`${s.system}: from ${r.minAge}`} />))}
          </datalist>
        </div>
        <TextField label="Genres" value={draft.genres} onChange={text('genres')} error={errors.genres} hint="Separated by commas: Drama, Comedy" testId="film-genres" />
        <TextField label="Release date" type="date" value={draft.releaseDate} onChange={text('releaseDate')} error={errors.releaseDate} testId="film-release" />
        <SelectField label="Distributor" value={draft.distributorId} onChange={text('distributorId')} error={errors.distributorId} testId="film-distributor">
          <option value="">— none yet —</option>
          {options.map((d) => (
            <option key={d.id} value={d.id}>
              {d.legalName}
              {d.active ? '' : ' (deactivated)'}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="film-submit">
            {editing ? 'Save changes' : 'Add film'}
          </Button>
          {editing && (
            <Button variant="ghost" onClick={() => onDone(null, '')} shortcut="Esc" testId="film-cancel">
              Cancel
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
