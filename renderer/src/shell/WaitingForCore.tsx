import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';

/** While the box office is asked what it is: a loading line, or why it did not answer with a way to ask again. */
export function WaitingForCore({ error, loadingLabel, onRetry }: { error: unknown; loadingLabel: string; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className="center-page">
      {error ? (
        <ErrorBanner
          title={t('app.notAnswering')}
          error={error}
          action={
            <Button variant="primary" onClick={onRetry}>
              {t('app.tryAgain')}
            </Button>
          }
        />
      ) : (
        <Loading label={loadingLabel} />
      )}
    </div>
  );
}
