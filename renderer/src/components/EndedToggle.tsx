import { useTranslation } from 'react-i18next';
/** Shows or folds away the sessions of today that are already over. */
export function EndedToggle({ count, shown, onToggle, testId = 'toggle-ended' }: { count: number; shown: boolean; onToggle(): void; testId?: string }) {
  const { t } = useTranslation('components');
  if (count === 0) return null;
  return (
    <button type="button" className="ended-toggle" aria-expanded={shown} onClick={onToggle} data-testid={testId}>
      <span className="ended-toggle-icon" aria-hidden="true">
        {shown ? '▾' : '▸'}
      </span>
      {shown ? t('ended.hide', { count }) : t('ended.show', { count })}
    </button>
  );
}
