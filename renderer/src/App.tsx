import { useEffect, useState } from 'react';
import { FirstRunScreen } from './screens/first-run/FirstRunScreen';
import { LoginScreen } from './screens/login/LoginScreen';
import { Shell } from './shell/Shell';
import { useSession } from './stores/session';
import { useStatus } from './stores/status';
import { useTranslation } from 'react-i18next';
import { useWindowLanguage } from './i18n/i18n';
import { WaitingForCore } from './shell/WaitingForCore';

/** First run, sign-in or the signed-in shell, depending on the terminal and the session. */
export function App() {
  useWindowLanguage();
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const token = useSession((s) => s.token);
  const setup = useStatus((s) => s.setup);
  const loadSetup = useStatus((s) => s.loadSetup);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    loadSetup().then(
      () => live && setError(null),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // Signing out comes back here: ask again (an administrator may have finished the first run).
  }, [loadSetup, round, token]);

  if (token && user) return <Shell user={user} />;
  if (!setup) {
    return <WaitingForCore error={error} loadingLabel={t('app.starting')} onRetry={() => setRound((r) => r + 1)} />;
  }
  if (setup.needsFirstAdmin) return <FirstRunScreen setup={setup} />;
  return <LoginScreen setup={setup} />;
}
