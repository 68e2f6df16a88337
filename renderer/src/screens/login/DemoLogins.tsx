import { useTranslation } from 'react-i18next';

const DEMO_LOGINS = [
  { username: 'admin', password: 'admin1234', role: 'ADMIN' },
  { username: 'manager', password: 'manager1234', role: 'MANAGER' },
  { username: 'cashier', password: 'cashier1234', role: 'CASHIER' },
  { username: 'usher', password: 'usher1234', role: 'USHER' },
] as const;

/** Demo mode only: the sample accounts, and a button to put one into the form. */
export function DemoLogins({ onPick }: { onPick(username: string, password: string): void }) {
  const { t } = useTranslation(['login', 'enums']);
  return (
    <aside className="demo-hint" aria-labelledby="demo-hint-title" data-testid="demo-hint">
      <h2 id="demo-hint-title" className="demo-hint-title">
        {t('demo.title')}
      </h2>
      <ul className="demo-list">
        {DEMO_LOGINS.map((d) => (
          <li key={d.username}>
            <button type="button" className="demo-pick" onClick={() => onPick(d.username, d.password)} data-testid={`demo-login-${d.username}`}>
              <span className="demo-role">{t(`enums:role.${d.role}`)}</span>
              <span className="demo-cred">
                <code>{d.username}</code> / <code>{d.password}</code>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="demo-note">{t('demo.note')}</p>
    </aside>
  );
}
