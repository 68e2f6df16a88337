import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { SetupStatus } from '../../../../shared/contract';
import { call, isApiCallError } from '../../api/client';
import { bannerFor, fieldErrorsOf, type FieldErrors } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { useSession } from '../../stores/session';
import { JoinCinemaPanel } from '../sync/JoinCinemaPanel';
import { useStatus } from '../../stores/status';
import { COMMON_CURRENCIES, browserZone, currencyLabel, zoneOptions } from './zone-options';

interface Draft {
  cinemaName: string;
  address: string;
  timezone: string;
  currency: string;
  username: string;
  displayName: string;
  password: string;
  passwordRepeat: string;
}

/** Server field paths → this form's fields. */
const FIELD_OF: Record<string, keyof Draft> = {
  'cinema.name': 'cinemaName',
  'cinema.address': 'address',
  'cinema.timezone': 'timezone',
  'cinema.currency': 'currency',
  username: 'username',
  displayName: 'displayName',
  password: 'password',
};

/** A brand-new terminal: create the cinema and its first administrator, then sign in as them. */
export function FirstRunScreen({ setup }: { setup: SetupStatus }) {
  // Joined a cinema of a chain that has no staff yet (just created from another terminal): only its first administrator is missing.
  const joined = setup.cinema !== null;
  const { t, i18n } = useTranslation(['enrolment', 'login']);
  const signIn = useSession((s) => s.signIn);
  const ownZone = useMemo(() => browserZone(), []);
  const zones = useMemo(() => zoneOptions(ownZone), [ownZone]);
  const [draft, setDraft] = useState<Draft>(() => ({
    cinemaName: setup.cinema?.name ?? '',
    address: '',
    timezone: setup.cinema?.timezone ?? (ownZone && zones.some((z) => z.value === ownZone) ? ownZone : 'UTC'),
    currency: setup.cinema?.currency ?? 'EUR',
    username: 'admin',
    displayName: '',
    password: '',
    passwordRepeat: '',
  }));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = joined ? t('firstAdmin.title') : t('login:firstRun.title');
  }, [joined, t]);

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [k]: value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (draft.password !== draft.passwordRepeat) {
      setErrors({ passwordRepeat: t('login:firstRun.mismatch') });
      setError(t('login:firstRun.differ'));
      return;
    }
    setBusy(true);
    try {
      const signed = await call('setup.createFirstAdmin', {
        username: draft.username.trim(),
        displayName: draft.displayName,
        password: draft.password,
        // A joined cinema exists already: the server keeps it as it is.
        cinema: setup.cinema
          ? { name: setup.cinema.name, timezone: setup.cinema.timezone, currency: setup.cinema.currency }
          : { name: draft.cinemaName, address: draft.address, timezone: draft.timezone, currency: draft.currency },
      });
      signIn(signed);
    } catch (err) {
      const byServer: FieldErrors = fieldErrorsOf(err);
      const mapped: Partial<Record<keyof Draft, string>> = {};
      for (const [path, message] of Object.entries(byServer)) {
        const field = FIELD_OF[path];
        if (field) mapped[field] = message;
      }
      setErrors(mapped);
      if (Object.keys(mapped).length > 0) setError(bannerFor(err, Object.keys(FIELD_OF)));
      else if (isApiCallError(err) && err.code === 'CONFLICT' && /user name/i.test(err.message)) {
        setErrors({ username: err.message });
        setError(err);
      } else setError(err);
      if (isApiCallError(err) && err.code === 'SETUP_DONE') void useStatus.getState().loadSetup();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-page first-run-page" data-testid="screen-first-run">
      <form className="setup-card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="first-run-title" data-testid="first-run-form">
        <header className="auth-head">
          <span className="brand-mark brand-mark-lg" aria-hidden="true">
            ▚
          </span>
          <div>
            <h1 className="auth-title" id="first-run-title">
              {joined ? t('firstAdmin.title') : t('login:firstRun.title')}
            </h1>
            <p className="auth-subtitle">
              {joined ? (
                <Trans
                  t={t}
                  i18nKey="firstAdmin.intro"
                  values={{ terminal: setup.terminal.name, cinema: setup.cinema?.name }}
                  components={[<strong key="terminal" />, <strong key="cinema" data-testid="first-run-joined-cinema" />]}
                />
              ) : (
                <Trans t={t} i18nKey="login:firstRun.intro" values={{ terminal: setup.terminal.name }} components={{ strong: <strong /> }} />
              )}
            </p>
          </div>
        </header>

        <ErrorBanner error={error} testId="first-run-error" />

        <div className="setup-columns">
          {!joined && (
            <fieldset className="fieldset">
              <legend>{t('login:firstRun.cinema')}</legend>
              <TextField label={t('login:firstRun.cinemaName')} value={draft.cinemaName} onChange={set('cinemaName')} error={errors.cinemaName} autoFocus testId="first-run-cinema-name" />
              <TextField label={t('login:firstRun.address')} hint={t('login:firstRun.addressHint')} value={draft.address} onChange={set('address')} error={errors.address} testId="first-run-address" />
              <SelectField
                label={t('login:firstRun.timezone')}
                hint={t('login:firstRun.timezoneHint')}
                value={draft.timezone}
                onChange={set('timezone')}
                error={errors.timezone}
                testId="first-run-timezone"
              >
                {zones.map((z) => (
                  <option key={z.value} value={z.value}>
                    {z.own ? t('login:firstRun.ownZone', { zone: z.place }) : z.place}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('login:firstRun.currency')} value={draft.currency} onChange={set('currency')} error={errors.currency} testId="first-run-currency">
                {COMMON_CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {currencyLabel(c, i18n.language)}
                  </option>
                ))}
              </SelectField>
            </fieldset>
          )}

          <fieldset className="fieldset">
            <legend>{t('login:firstRun.administrator')}</legend>
            <TextField
              label={t('login:firstRun.username')}
              hint={t('login:firstRun.usernameHint')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={draft.username}
              onChange={set('username')}
              error={errors.username}
              testId="first-run-username"
            />
            <TextField label={t('login:firstRun.displayName')} hint={t('login:firstRun.displayNameHint')} value={draft.displayName} onChange={set('displayName')} error={errors.displayName} testId="first-run-display-name" />
            <TextField
              label={t('login:firstRun.password')}
              type="password"
              autoComplete="new-password"
              hint={t('login:firstRun.passwordHint')}
              value={draft.password}
              onChange={set('password')}
              error={errors.password}
              testId="first-run-password"
            />
            <TextField
              label={t('login:firstRun.repeat')}
              type="password"
              autoComplete="new-password"
              value={draft.passwordRepeat}
              onChange={set('passwordRepeat')}
              error={errors.passwordRepeat}
              testId="first-run-password-repeat"
            />
          </fieldset>
        </div>

        <div className="form-actions">
          <Button type="submit" variant="primary" size="lg" busy={busy} testId="first-run-submit">
            {joined ? t('firstAdmin.submit') : t('login:firstRun.submit')}
          </Button>
        </div>
      </form>
      {!setup.demo && !joined && <JoinCinemaPanel terminalId={setup.terminal.id} />}
    </div>
  );
}
