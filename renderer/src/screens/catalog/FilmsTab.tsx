import { useTranslation } from 'react-i18next';
import { confirmLeave } from '../../shell/unsaved-changes';
import { useLocale } from '../../i18n/i18n';
import { useCallback, useState, type FormEvent } from 'react';
import { RATING_NAMES, RATING_SYSTEMS } from '../../../../shared/age-ratings';
import type { FilmSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { AgeRating } from '../../components/AgeRating';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
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

/** "23 Oct 2026" from "2026-10-23" in the window's locale, without a time zone shifting the day. */
function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The film catalogue: search, add, edit, deactivate (a film with history is never deleted). */
export function FilmsTab() {
  const { t } = useTranslation('catalog');
  const locale = useLocale();
  const [search, setSearch] = useState('');
  const list = useOperation('films.list', search ? { search } : {});
  const [editing, setEditing] = useState<FilmSummary | null>(null);
  const onSearch = useCallback((t: string) => setSearch(t), []);
  const action = useRowAction(list.reload);
  /** Puts another film (or a new one) in the form; unsaved edits ask first. */
  const edit = (f: FilmSummary | null) => confirmLeave() && setEditing(f);
  const setActive = (f: FilmSummary, active: boolean) =>
    void action.run(f.id, async () => {
      const updated = await call('films.setActive', { filmId: f.id, active });
      return t(updated.active ? 'films.activeAgain' : 'films.deactivated', { title: updated.title });
    });

  return (
    <div className="catalog-layout">
      <div className="catalog-main">
        <div className="catalog-toolbar">
          <SearchBox label={t('films.search')} onSearch={onSearch} testId="film-search" />
        </div>
        {action.notice && <Notice tone="success" testId="film-notice">{action.notice}</Notice>}
        <ErrorBanner error={action.error ?? list.error} testId="film-list-error" />
        <ListView rows={list.data} loading={list.loading} loadingLabel={t('films.loading')} empty={<EmptyState title={search ? t('films.noMatch', { search }) : t('films.empty')} testId="films-empty" />}>
          {(rows) => (
            <DataTable caption={t('films.caption')} testId="films-table" columns={[t('films.column.film'), t('films.column.distributor'), t('statusColumn'), ACTIONS_COLUMN]}>
              {rows.map((f) => (
                <tr key={f.id} className={f.active ? '' : 'is-inactive'} data-testid="film-row" data-title={f.title}>
                  <td>
                    <span className="strong">{f.title}</span> <AgeRating rating={f.ageRating} />
                    <div className="muted small film-facts">
                      {[t('films.minutes', { count: f.durationMinutes }), f.genres.join(', '), f.releaseDate ? t('films.released', { date: formatDate(f.releaseDate, locale) }) : '']
                        .filter(Boolean)
                        .map((fact) => (
                          <span key={fact}>{fact}</span>
                        ))}
                    </div>
                  </td>
                  <td className="film-distributor">{f.distributor?.legalName ?? '—'}</td>
                  <td><ActiveBadge active={f.active} /></td>
                  <td className="row-actions row-actions-inline">
                    <Button size="sm" onClick={() => edit(f)} testId="film-edit" aria-label={t('films.editLabel', { title: f.title })}>
                      {t('films.edit')}
                    </Button>
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
          onDone={(f, added) => {
            if (!f && !confirmLeave()) return;
            setEditing(null);
            if (f) {
              action.setNotice(t(added ? 'films.added' : 'films.saved', { title: f.title }));
              list.reload();
            }
          }}
        />
      </div>
    </div>
  );
}

function FilmForm({ editing, onDone }: { editing: FilmSummary | null; onDone(f: FilmSummary | null, added: boolean): void }) {
  const { t } = useTranslation(['catalog', 'common']);
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
      onDone(saved, !editing);
    }
  };
  const text = (key: keyof Draft) => (e: { target: { value: string } }) => set(key, e.target.value);
  const options = (distributors.data ?? []).filter((d) => d.active || d.id === draft.distributorId);

  return (
    <Panel title={editing ? t('filmForm.editTitle', { title: editing.title }) : t('filmForm.newTitle')} testId="film-form">
      <form className="form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && editing && onDone(null, false)} noValidate aria-label={editing ? t('filmForm.editLabel', { title: editing.title }) : t('filmForm.newTitle')}>
        <ErrorBanner error={error ?? distributors.error} testId="film-error" />
        <TextField label={t('filmForm.title')} value={draft.title} onChange={text('title')} error={errors.title} testId="film-title" autoComplete="off" />
        <div className="form-row">
          <TextField
            label={t('filmForm.minutes')}
            inputMode="numeric"
            value={draft.durationMinutes}
            onChange={text('durationMinutes')}
            error={errors.durationMinutes}
            hint={editing && editing.upcomingSessions > 0 ? t('filmForm.fixedWhile', { count: editing.upcomingSessions }) : undefined}
            testId="film-duration"
          />
          {/* Rule 20: a rating from its country's list, with the age the counter checks for it. */}
          <SelectField label={t('filmForm.ageRating')} value={draft.ageRating} onChange={text('ageRating')} error={errors.ageRating} hint={t('filmForm.ageRatingHint')} testId="film-age">
            <option value="">{t('filmForm.notRated')}</option>
            {draft.ageRating && !RATING_NAMES.includes(draft.ageRating) && <option value={draft.ageRating}>{draft.ageRating}</option>}
            {RATING_SYSTEMS.map((s) => (
              <optgroup key={s.system} label={s.system}>
                {s.ratings.map((r) => (
                  <option key={r.name} value={r.name}>
                    {t('filmForm.ratingOption', { rating: r.name, age: r.minAge })}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <TextField label={t('filmForm.genres')} value={draft.genres} onChange={text('genres')} error={errors.genres} hint={t('filmForm.genresHint')} testId="film-genres" />
        <DateField label={t('filmForm.releaseDate')} value={draft.releaseDate} onChange={(v) => set('releaseDate', v)} error={errors.releaseDate} testId="film-release" />
        <SelectField label={t('filmForm.distributor')} value={draft.distributorId} onChange={text('distributorId')} error={errors.distributorId} testId="film-distributor">
          <option value="">{t('filmForm.noDistributor')}</option>
          {options.map((d) => (
            <option key={d.id} value={d.id}>
              {d.legalName}
              {d.active ? '' : t('filmForm.deactivatedSuffix')}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="film-submit">
            {editing ? t('saveChanges') : t('filmForm.add')}
          </Button>
          {editing && (
            <Button variant="ghost" onClick={() => onDone(null, false)} shortcut="Esc" testId="film-cancel">
              {t('common:action.cancel')}
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
