import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Button } from './Button';
import { ErrorBanner } from './ErrorBanner';
import { Loading } from './Loading';

export interface ListViewProps<T> {
  rows: readonly T[] | undefined;
  loading: boolean;
  loadingLabel: string;
  /** Shown when the list is loaded and has nothing. */
  empty: ReactNode;
  /** A failed load, shown above the rows of the last success with a "Try again" button. */
  failure?: { error: unknown; title: string; retry(): void };
  children(rows: readonly T[]): ReactNode;
}

/**
 * A loaded list's three states in one place: the first load, nothing to show, the rows. The
 * rows of the last success stay on screen while it reloads; errors are the caller's banner.
 */
export function ListView<T>({ rows, loading, loadingLabel, empty, failure, children }: ListViewProps<T>) {
  const { t } = useTranslation('components');
  return (
    <>
      {failure?.error ? <ErrorBanner error={failure.error} title={failure.title} action={<Button onClick={failure.retry}>{t('tryAgain')}</Button>} /> : null}
      {!rows ? loading && <Loading label={loadingLabel} /> : rows.length === 0 ? empty : children(rows)}
    </>
  );
}
