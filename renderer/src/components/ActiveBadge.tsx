import { useTranslation } from 'react-i18next';
/** Active or deactivated, in words with a shape; the colour only repeats it. */
export function ActiveBadge({ active, testId }: { active: boolean; testId?: string }) {
  const { t } = useTranslation('components');
  return (
    <span className={`badge ${active ? 'badge-ok' : 'badge-muted'}`} data-testid={testId}>
      <span className="badge-symbol" aria-hidden="true">
        {active ? '●' : '○'}
      </span>
      {active ? t('active.on') : t('active.off')}
    </span>
  );
}
