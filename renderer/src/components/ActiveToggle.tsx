import { Button } from './Button';

/** The Deactivate / Reactivate button of a row that is never deleted once it has history. */
export function ActiveToggle({ active, name, testIdPrefix, busy, onChange }: { active: boolean; name: string; testIdPrefix: string; busy?: boolean; onChange(active: boolean): void }) {
  return active ? (
    <Button size="sm" variant="danger" busy={busy} onClick={() => onChange(false)} testId={`${testIdPrefix}-deactivate`} aria-label={`Deactivate ${name}`}>
      Deactivate
    </Button>
  ) : (
    <Button size="sm" busy={busy} onClick={() => onChange(true)} testId={`${testIdPrefix}-reactivate`} aria-label={`Reactivate ${name}`}>
      Reactivate
    </Button>
  );
}
