import { useTranslation } from 'react-i18next';
import { useRef, useState, type KeyboardEvent } from 'react';
import { CinemaSettingsForm } from './CinemaSettingsForm';
import { DistributorsTab } from './DistributorsTab';
import { FilmsTab } from './FilmsTab';
import { HallsTab } from './HallsTab';
import { confirmLeave } from '../../shell/unsaved-changes';
import './catalog.css';

const TABS = [{ id: 'halls' }, { id: 'films' }, { id: 'distributors' }, { id: 'cinema' }] as const;
type TabId = (typeof TABS)[number]['id'];

/** The manager's setup: the halls and their seat maps, the film catalogue, distributors, and the cinema's settings. */
export function CatalogScreen() {
  const { t } = useTranslation('catalog');
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
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
      </div>
      <div className="catalog-tabs" role="tablist" aria-label={t('title')} ref={listRef} onKeyDown={onKeyDown}>
        {TABS.map((tb) => (
          <button
            key={tb.id}
            id={`setup-tab-${tb.id}`}
            type="button"
            role="tab"
            className="catalog-tab"
            aria-selected={tb.id === tab}
            aria-controls="setup-panel"
            tabIndex={tb.id === tab ? 0 : -1}
            onClick={() => tb.id !== tab && confirmLeave() && setTab(tb.id)}
            data-testid={`setup-tab-${tb.id}`}
          >
            {t(`tab.${tb.id}`)}
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
