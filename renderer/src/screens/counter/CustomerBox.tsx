import { useState, type FormEvent, type Ref } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';

export interface CustomerBoxProps {
  customer: CustomerSummary | null;
  onChange(customer: CustomerSummary | null): void;
  inputRef?: Ref<HTMLInputElement>;
}

/** Loyalty card: look up by phone or card number (F4), or enrol a new customer on the spot. */
export function CustomerBox({ customer, onChange, inputRef }: CustomerBoxProps) {
  const { t } = useTranslation('counter');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ name: '', phone: '', cardNumber: '' });

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const list = await call('customers.find', { query });
      setFound(list);
      if (list.length === 1) {
        onChange(list[0]!);
        setFound(null);
        setQuery('');
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await call('customers.create', form);
      onChange(c);
      setCreating(false);
      setForm({ name: '', phone: '', cardNumber: '' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (customer) {
    return (
      <div className="customer-card" data-testid="order-customer">
        <div>
          <p className="customer-name">{customer.name}</p>
          <p className="muted">
            <Trans t={t} i18nKey="customer.card" values={{ card: customer.cardNumber, points: customer.bonusBalance }} components={{ span: <span data-testid="customer-balance" /> }} />
          </p>
        </div>
        <Button size="sm" variant="ghost" onClick={() => onChange(null)} testId="customer-remove">
          {t('customer.remove')}
        </Button>
      </div>
    );
  }

  return (
    <div className="customer-box">
      <form className="counter-inline" onSubmit={search}>
        <label className="visually-hidden" htmlFor="customer-query">
          {t('customer.lookup')}
        </label>
        <input
          id="customer-query"
          ref={inputRef}
          className="input"
          placeholder={t('customer.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="customer-query"
          autoComplete="off"
        />
        <Button type="submit" busy={busy} disabled={query.trim().length < 3} testId="customer-find">
          {t('customer.find')}
        </Button>
        <Button variant="ghost" onClick={() => setCreating((v) => !v)} testId="customer-new">
          {t('customer.new')}
        </Button>
      </form>
      <ErrorBanner error={error} testId="customer-error" />
      {found && found.length === 0 && <p className="muted">{t('customer.none')}</p>}
      {found && found.length > 1 && (
        <ul className="customer-matches">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => (onChange(c), setFound(null))}>
                {c.name} · {c.phone ?? c.cardNumber}
              </button>
            </li>
          ))}
        </ul>
      )}
      {creating && (
        <form className="customer-new" onSubmit={create} data-testid="customer-create-form">
          <input className="input" placeholder={t('customer.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} aria-label={t('customer.name')} />
          <input className="input" placeholder={t('customer.phone')} value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} aria-label={t('customer.phone')} />
          <input className="input" placeholder={t('customer.cardNumber')} value={form.cardNumber} onChange={(e) => setForm({ ...form, cardNumber: e.target.value })} aria-label={t('customer.cardNumber')} />
          <Button type="submit" variant="primary" busy={busy}>
            {t('customer.enrol')}
          </Button>
        </form>
      )}
    </div>
  );
}
