import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** The Deactivate / Reactivate button of a row that is never deleted once it has history. */
export function ActiveToggle({ active, name, testIdPrefix, busy, onChange }: { active: boolean; name: string; testIdPrefix: string; busy?: boolean; onChange(active: boolean): void }) {
  const { t } = useTranslation('components');
  return active ? (
    <Button size="sm" variant="danger" busy={busy} onClick={() => onChange(false)} testId={`${testIdPrefix}-deactivate`} aria-label={t('active.deactivateName', { name })}>
      {t('active.deactivate')}
    </Button>
  ) : (
    <Button size="sm" busy={busy} onClick={() => onChange(true)} testId={`${testIdPrefix}-reactivate`} aria-label={t('active.reactivateName', { name })}>
      {t('active.reactivate')}
    </Button>
  );
}
