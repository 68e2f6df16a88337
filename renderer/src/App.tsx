import { useEffect, useState } from 'react';
import { Button } from './components/Button';
import { ErrorBanner } from './components/ErrorBanner';
import { Loading } from './components/Loading';
import { FirstRunScreen } from './screens/first-run/FirstRunScreen';
import { LoginScreen } from './screens/login/LoginScreen';
import { Shell } from './shell/Shell';
import { useSession } from './stores/session';
import { useStatus } from './stores/status';

/** First run, sign-in or the signed-in shell, depending on the terminal and the session. */
export function App() {
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
    return (
      <div className="center-page">
        {error ? (
          <ErrorBanner
            title="The box office did not answer"
            error={error}
            action={
              <Button variant="primary" onClick={() => setRound((r) => r + 1)}>
                Try again
              </Button>
            }
          />
        ) : (
          <Loading label="Starting…" />
        )}
      </div>
    );
  }
  if (setup.needsFirstAdmin) return <FirstRunScreen setup={setup} />;
  return <LoginScreen setup={setup} />;
}
