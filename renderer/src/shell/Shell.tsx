import { Suspense, lazy, useEffect, useState, type ComponentType } from 'react';
import type { SessionUser } from '../../../shared/contract';
import { call } from '../api/client';
import { Header } from '../components/Header';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { useSession } from '../stores/session';
import { useStatus } from '../stores/status';
import { CounterScreen } from '../screens/counter/CounterScreen';
import { AreaNav } from './AreaNav';
import { ScreenBoundary } from './ScreenBoundary';
import { areasFor, hrefOf, resolveArea, type AreaId } from './areas';
import { useHash } from './use-hash';
import { confirmLeave } from './unsaved-changes';
import { useTranslation } from 'react-i18next';
import { WaitingForCore } from './WaitingForCore';

/** The business day turns over at night; the clock offset drifts slowly. Refresh now and then. */
const SYSTEM_REFRESH_MS = 5 * 60_000;

/**
 * The counter is in the first script a cashier's window loads; every other screen is a chunk of
 * its own, fetched when its area is first opened (the charts of the manager's screens and the
 * door's QR decoder are most of the app's code, and a cashier never opens them).
 */
const screen = <K extends string>(load: () => Promise<Record<K, () => React.JSX.Element>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const SCREENS: Record<AreaId, ComponentType> = {
  counter: CounterScreen,
  door: screen(() => import('../screens/door/DoorScreen'), 'DoorScreen'),
  orders: screen(() => import('../screens/orders/OrdersScreen'), 'OrdersScreen'),
  programme: screen(() => import('../screens/programme/ProgrammeScreen'), 'ProgrammeScreen'),
  contracts: screen(() => import('../screens/contracts/ContractsScreen'), 'ContractsScreen'),
  prices: screen(() => import('../screens/prices/PricesScreen'), 'PricesScreen'),
  users: screen(() => import('../screens/users/UsersScreen'), 'UsersScreen'),
  backups: screen(() => import('../screens/backups/BackupsScreen'), 'BackupsScreen'),
  journal: screen(() => import('../screens/journal/JournalScreen'), 'JournalScreen'),
  setup: screen(() => import('../screens/catalog/CatalogScreen'), 'CatalogScreen'),
  stand: screen(() => import('../screens/stand/StandScreen'), 'StandScreen'),
  promocodes: screen(() => import('../screens/promocodes/PromocodesScreen'), 'PromocodesScreen'),
  concessions: screen(() => import('../screens/concessions/ConcessionsScreen'), 'ConcessionsScreen'),
  sync: screen(() => import('../screens/sync/SyncScreen'), 'SyncScreen'),
  dashboard: screen(() => import('../screens/reports/DashboardScreen'), 'DashboardScreen'),
  reports: screen(() => import('../screens/reports/ReportsScreen'), 'ReportsScreen'),
  settlements: screen(() => import('../screens/reports/SettlementsScreen'), 'SettlementsScreen'),
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
  const { t } = useTranslation();

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
    if (area) document.title = system ? `${t(`area.${area.id}.label`)} · ${system.cinema.name}` : t(`area.${area.id}.label`);
  }, [area, system, t]);

  const logout = async () => {
    if (!confirmLeave()) return;
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
    return <WaitingForCore error={error} loadingLabel={t('app.opening')} onRetry={() => setRound((r) => r + 1)} />;
  }

  const Screen = area ? SCREENS[area.id] : null;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="app-top">
        <Header system={system} user={user} onLogout={() => void logout()} loggingOut={loggingOut} />
        {area && <AreaNav areas={areas} current={area} />}
      </div>
      <main id="main" className="app-main" tabIndex={-1}>
        {error ? <ErrorBanner error={error} title={t('app.statusNotRefreshed')} /> : null}
        {Screen ? (
          <ScreenBoundary key={area?.id}>
            <Suspense fallback={<Loading label={t('app.openingScreen')} />}>
              <Screen />
            </Suspense>
          </ScreenBoundary>
        ) : (
          <ErrorBanner error={t('app.noArea')} />
        )}
      </main>
    </div>
  );
}
