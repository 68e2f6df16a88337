/** Active or deactivated, in words with a shape; the colour only repeats it. */
export function ActiveBadge({ active, testId }: { active: boolean; testId?: string }) {
  return (
    <span className={`badge ${active ? 'badge-ok' : 'badge-muted'}`} data-testid={testId}>
      <span className="badge-symbol" aria-hidden="true">
        {active ? '●' : '○'}
      </span>
      {active ? 'Active' : 'Deactivated'}
    </span>
  );
}
