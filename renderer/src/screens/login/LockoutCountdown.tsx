import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';

/** How long until this name may try again, counting down. */
export function LockoutCountdown({ until, onDone }: { until: number; onDone(): void }) {
  const { t } = useTranslation('login');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) onDone();
    }, 500);
    return () => clearInterval(timer);
  }, [until, onDone]);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  const text = seconds >= 60 ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : t('seconds', { count: seconds });
  return (
    <p className="lockout" data-testid="login-lockout">
      <span aria-hidden="true">⏱ </span>
      <Trans t={t} i18nKey="lockout" values={{ time: text }} components={{ strong: <strong /> }} />
    </p>
  );
}
