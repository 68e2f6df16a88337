import { useRef, useState, type KeyboardEvent } from 'react';
import { CinemaSettingsForm } from './CinemaSettingsForm';
import { DistributorsTab } from './DistributorsTab';
import { FilmsTab } from './FilmsTab';
import { HallsTab } from './HallsTab';
import { confirmLeave } from '../../shell/unsaved-changes';
import './catalog.css';

const TABS = [
  { id: 'halls', label: 'Halls & seat maps' },
  { id: 'films', label: 'Films' },
  { id: 'distributors', label: 'Distributors' },
  { id: 'cinema', label: 'Cinema settings' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The manager's setup: the halls and their seat maps, the film catalogue, distributors, and the cinema's settings. */
export function CatalogScreen() {
  const [tab, setTab] = useState<TabId>('halls');
  const listRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const to = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
    const next = TABS[to];
    if (!next) return;
    e.preventDefault();
    if (!confirmLeave()) return;
    setTab(next.id);
    listRef.current?.querySelector<HTMLButtonElement>(`#setup-tab-${next.id}`)?.focus();
  };

  return (
    <div className="screen catalog-screen" data-testid="screen-setup">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Setup</h1>
          <p className="screen-subtitle">Halls and seat maps, the film catalogue and distributors, and how this cinema runs.</p>
        </div>
      </div>
      <div className="catalog-tabs" role="tablist" aria-label="Setup" ref={listRef} onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`setup-tab-${t.id}`}
            type="button"
            role="tab"
            className="catalog-tab"
            aria-selected={t.id === tab}
            aria-controls="setup-panel"
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => t.id !== tab && confirmLeave() && setTab(t.id)}
            data-testid={`setup-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="setup-panel" aria-labelledby={`setup-tab-${tab}`} className="catalog-panel">
        {tab === 'halls' && <HallsTab />}
        {tab === 'films' && <FilmsTab />}
        {tab === 'distributors' && <DistributorsTab />}
        {tab === 'cinema' && <CinemaSettingsForm />}
      </div>
    </div>
  );
}
