import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/contract';
import { call } from '../api/client';
import { Header } from '../components/Header';
import { ErrorBanner } from '../components/ErrorBanner';
import { Button } from '../components/Button';
import { Loading } from '../components/Loading';
import { useSession } from '../stores/session';
import { useStatus } from '../stores/status';
import { CounterScreen } from '../screens/counter/CounterScreen';
import { DoorScreen } from '../screens/door/DoorScreen';
import { OrdersScreen } from '../screens/orders/OrdersScreen';
import { ProgrammeScreen } from '../screens/programme/ProgrammeScreen';
import { ContractsScreen } from '../screens/contracts/ContractsScreen';
import { PricesScreen } from '../screens/prices/PricesScreen';
import { UsersScreen } from '../screens/users/UsersScreen';
import { BackupsScreen } from '../screens/backups/BackupsScreen';
import { CatalogScreen } from '../screens/catalog/CatalogScreen';
import { StandScreen } from '../screens/stand/StandScreen';
import { PromocodesScreen } from '../screens/promocodes/PromocodesScreen';
import { ConcessionsScreen } from '../screens/concessions/ConcessionsScreen';
import { SyncScreen } from '../screens/sync/SyncScreen';
import { DashboardScreen } from '../screens/reports/DashboardScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { SettlementsScreen } from '../screens/reports/SettlementsScreen';
import { AreaNav } from './AreaNav';
import { areasFor, hrefOf, resolveArea, type AreaId } from './areas';
import { useHash } from './use-hash';

/** The business day turns over at night; the clock offset drifts slowly. Refresh now and then. */
const SYSTEM_REFRESH_MS = 5 * 60_000;

const SCREENS: Record<AreaId, () => React.JSX.Element> = {
  counter: CounterScreen,
  door: DoorScreen,
  orders: OrdersScreen,
  programme: ProgrammeScreen,
  contracts: ContractsScreen,
  prices: PricesScreen,
  users: UsersScreen,
  backups: BackupsScreen,
  setup: CatalogScreen,
  stand: StandScreen,
  promocodes: PromocodesScreen,
  concessions: ConcessionsScreen,
  sync: SyncScreen,
  dashboard: DashboardScreen,
  reports: ReportsScreen,
  settlements: SettlementsScreen,
};

/** The signed-in app: header, the role's areas, and the current area's screen. */
export function Shell({ user }: { user: SessionUser }) {
  const system = useStatus((s) => s.system);
  const loadSystem = useStatus((s) => s.loadSystem);
  const signOut = useSession((s) => s.signOut);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const [loggingOut, setLoggingOut] = useState(false);
  const hash = useHash();

  useEffect(() => {
    let live = true;
    const load = () =>
      loadSystem().then(
        () => live && setError(null),
        (e: unknown) => live && setError(e),
      );
    void load();
    const timer = setInterval(load, SYSTEM_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [loadSystem, round]);

  const areas = areasFor(user.role);
  const area = resolveArea(hash, user.role);

  // Keep the address in step with the screen shown (a cashier who inherits "#/users" sees the counter).
  useEffect(() => {
    if (area && window.location.hash !== hrefOf(area.id)) window.history.replaceState(null, '', hrefOf(area.id));
  }, [area]);

  useEffect(() => {
    if (area) document.title = system ? `${area.label} · ${system.cinema.name}` : area.label;
  }, [area, system]);

  const logout = async () => {
    setLoggingOut(true);
    try {
      await call('auth.logout');
    } catch {
      // Signing out of this window matters more than telling the server; the session expires anyway.
    }
    useStatus.getState().forgetSystem();
    signOut(null);
  };

  if (!system) {
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
          <Loading label="Opening the box office…" />
        )}
      </div>
    );
  }

  const Screen = area ? SCREENS[area.id] : null;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-top">
        <Header system={system} user={user} onLogout={() => void logout()} loggingOut={loggingOut} />
        {area && <AreaNav areas={areas} current={area} />}
      </div>
      <main id="main" className="app-main" tabIndex={-1}>
        {error ? <ErrorBanner error={error} title="Could not refresh the terminal status" /> : null}
        {Screen ? <Screen key={area?.id} /> : <ErrorBanner error="This account has no area to work in. Ask an administrator." />}
      </main>
    </div>
  );
}
