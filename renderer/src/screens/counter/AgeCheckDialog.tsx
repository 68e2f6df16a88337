import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';

export interface AgeCheckDialogProps {
  film: string;
  rating: string;
  minAge: number;
  onConfirm(): void;
  onCancel(): void;
}

/** Rule 20: asked once per order before payment — the cashier checked an ID for the film's rating (the sale's audit records it). */
export function AgeCheckDialog({ film, rating, minAge, onConfirm, onCancel }: AgeCheckDialogProps) {
  const { t } = useTranslation('counter');
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  return (
    <div className="pay-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <div className="pay-modal age-check" role="alertdialog" aria-modal="true" aria-labelledby="age-check-title" aria-describedby="age-check-text" data-testid="age-check">
        <h2 id="age-check-title" className="panel-title">
          {t('age.title', { rating })}
        </h2>
        <p id="age-check-text" className="age-check-text">
          <Trans t={t} i18nKey="age.text" values={{ film, rating, age: minAge }} components={{ strong: <strong /> }} />
        </p>
        <footer className="pay-actions">
          <Button onClick={onCancel} shortcut="Esc" testId="age-check-cancel">
            {t('age.back')}
          </Button>
          <button ref={confirmRef} type="button" className="btn btn-primary btn-lg" onClick={onConfirm} data-testid="age-check-confirm">
            <span className="btn-label">{t('age.confirm', { age: minAge })}</span>
            <kbd className="btn-kbd">Enter</kbd>
          </button>
        </footer>
      </div>
    </div>
  );
}
