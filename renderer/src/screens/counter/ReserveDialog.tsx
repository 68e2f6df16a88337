import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';

export interface ReserveDialogProps {
  seats: number;
  busy: boolean;
  error: unknown;
  onReserve(customerName: string, phone: string): void;
  onCancel(): void;
}

/** Rule 18: the order's seats kept under a name and phone, without payment (the code is given at the counter and found at pickup). */
export function ReserveDialog({ seats, busy, error, onReserve, onCancel }: ReserveDialogProps) {
  const { t } = useTranslation('counter');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onReserve(name, phone);
  };
  return (
    <div className="pay-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <form className="pay-modal" role="dialog" aria-modal="true" aria-labelledby="reserve-title" onSubmit={submit} data-testid="reserve-dialog">
        <h2 id="reserve-title" className="panel-title">
          {t('reserve.title', { count: seats })}
        </h2>
        <label className="field">
          <span className="field-label">{t('reserve.name')}</span>
          <input ref={first} className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" data-testid="reserve-name" />
        </label>
        <label className="field">
          <span className="field-label">{t('reserve.phone')}</span>
          <input className="input" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" data-testid="reserve-phone" />
        </label>
        <ErrorBanner error={error} testId="reserve-error" />
        <footer className="pay-actions">
          <Button onClick={onCancel} shortcut="Esc">
            {t('reserve.back')}
          </Button>
          <Button type="submit" variant="primary" size="lg" busy={busy} shortcut="Enter" testId="reserve-confirm">
            {t('reserve.confirm')}
          </Button>
        </footer>
      </form>
    </div>
  );
}
