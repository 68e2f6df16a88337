import { useTranslation } from 'react-i18next';
import type { ProgrammeSession } from '../../../../shared/contract';

export interface FilmOption {
  id: string;
  title: string;
  sessions: number;
}

/** The day's films, by title, with how many sessions each has. */
export function filmsOf(sessions: readonly ProgrammeSession[]): FilmOption[] {
  const byId = new Map<string, FilmOption>();
  for (const s of sessions) {
    const f = byId.get(s.film.id);
    if (f) f.sessions += 1;
    else byId.set(s.film.id, { id: s.film.id, title: s.film.title, sessions: 1 });
  }
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title));
}

export interface FilmFilterProps {
  films: FilmOption[];
  value: string;
  onChange(filmId: string): void;
  total: number;
  shown: number;
}

/** Narrows the day to one film. */
export function FilmFilter({ films, value, onChange, total, shown }: FilmFilterProps) {
  const { t } = useTranslation('counter');
  return (
    <div className="film-filter">
      <label className="inline-label" htmlFor="film-filter">
        {t('filter.film')}
      </label>
      <select id="film-filter" className="input select" value={value} onChange={(e) => onChange(e.target.value)} data-testid="film-filter">
        <option value="">{t('filter.all', { count: total })}</option>
        {films.map((f) => (
          <option key={f.id} value={f.id}>
            {f.title} ({f.sessions})
          </option>
        ))}
      </select>
      {value && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange('')} data-testid="film-filter-clear">
          {t('filter.clear')}
        </button>
      )}
      <span className="visually-hidden" role="status">
        {t('filter.shown', { shown, total })}
      </span>
    </div>
  );
}
