import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefOf, type Area } from './areas';
import { confirmLeave } from './unsaved-changes';

/** The areas this role works in, as links; Alt+1…Alt+n jump between them. */
export function AreaNav({ areas, current }: { areas: Area[]; current: Area }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const n = /^Digit([1-9])$/.exec(e.code)?.[1];
      const area = n ? areas[Number(n) - 1] : undefined;
      if (!area) return;
      e.preventDefault();
      if (area.id !== current.id && confirmLeave()) window.location.hash = hrefOf(area.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [areas, current.id]);

  return (
    <nav className={areas.length > 8 ? 'area-nav is-many' : 'area-nav'} aria-label={t('nav.areas')} data-testid="area-nav">
      <ul>
        {areas.map((area, i) => {
          // Alt+1…Alt+9 exist; later areas have no key to show.
          const key = i < 9 ? `Alt+${i + 1}` : null;
          return (
            <li key={area.id}>
              <a
                href={hrefOf(area.id)}
                className="area-link"
                aria-current={area.id === current.id ? 'page' : undefined}
                title={key ? `${t(`area.${area.id}.purpose`)} (${key})` : t(`area.${area.id}.purpose`)}
                aria-keyshortcuts={key ?? undefined}
                onClick={(e) => {
                  if (area.id !== current.id && !confirmLeave()) e.preventDefault();
                }}
                data-testid={`nav-${area.id}`}
              >
                <span className="area-label">{t(`area.${area.id}.label`)}</span>
                {key && <kbd className="area-kbd">{key}</kbd>}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
