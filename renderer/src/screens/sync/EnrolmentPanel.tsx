import { useMemo, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { EnrolmentCodeIssued } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf, type FieldErrors } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { formatTime } from '../../format/time';
import { useStatus } from '../../stores/status';
import { COMMON_CURRENCIES, browserZone, currencyLabel, zoneOptions } from '../first-run/zone-options';

const VALIDITY = [15, 60, 24 * 60] as const;

/** A code just issued: shown once, with the address to type beside it and until when it works. */
function IssuedCode({ issued }: { issued: EnrolmentCodeIssued }) {
  const { t, i18n } = useTranslation('enrolment');
  // The cinema's clock, as the header shows it.
  const zone = useStatus((st) => st.setup?.cinema?.timezone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="enrolment-issued" role="status" data-testid="enrol-issued">
      <p>
        <Trans t={t} i18nKey="issue.issuedIntro" values={{ cinema: issued.cinema.name }} components={[<strong key="cinema" />, <em key="join" />]} />
      </p>
      <dl className="sync-facts">
        <dt>{t('issue.centralAddress')}</dt>
        <dd>
          <code data-testid="enrol-address">{issued.address}</code>
        </dd>
        <dt>{t('issue.code')}</dt>
        <dd>
          <code className="enrolment-code" data-testid="enrol-code">
            {issued.code}
          </code>
        </dd>
      </dl>
      <p className="muted" data-testid="enrol-expires">
        {t('issue.expires', { time: formatTime(issued.expiresAt, zone, i18n.language) })}
      </p>
    </div>
  );
}

/** An administrator's part of the terminals list: a code for a new terminal, or a new cinema of the chain. */
export function EnrolmentPanel({ mayEnrol, onIssued }: { mayEnrol: boolean; onIssued(): void }) {
  const { t } = useTranslation(['enrolment', 'sync']);
  const validityWords = (m: number) => (m < 60 ? t('issue.minutes', { count: m }) : m === 60 ? t('issue.hour') : t('issue.day'));
  const [mode, setMode] = useState<'terminal' | 'cinema'>('terminal');
  const [terminalName, setTerminalName] = useState('');
  const [validMinutes, setValidMinutes] = useState<number>(15);
  const ownZone = useMemo(() => browserZone(), []);
  const zones = useMemo(() => zoneOptions(ownZone), [ownZone]);
  const [cinema, setCinema] = useState({ name: '', address: '', timezone: ownZone ?? 'UTC', currency: 'EUR' });
  const [issued, setIssued] = useState<EnrolmentCodeIssued | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // A command line, the same in every language but for the placeholder.
  const allowEnrolCommand = `npm run central -- allow-enrol --url postgres://… --terminal ${t('sync:join.thisTerminal')}`;
  if (!mayEnrol) {
    return (
      <p className="muted sync-register-hint" data-testid="enrol-not-allowed">
        {t('issue.notAllowed')}
        <code className="sync-command">{allowEnrolCommand}</code>
      </p>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    setIssued(null);
    try {
      const r = mode === 'terminal' ? await call('sync.issueCode', { terminalName, validMinutes }) : await call('sync.createCinema', { ...cinema, terminalName, validMinutes });
      setIssued(r);
      setTerminalName('');
      if (mode === 'cinema') setCinema((c) => ({ ...c, name: '', address: '' }));
      onIssued();
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(bannerFor(err, ['name', 'address', 'timezone', 'currency', 'terminalName', 'validMinutes']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="enrolment" data-testid="enrol-panel">
      <div className="enrolment-modes" role="group" aria-label={t('issue.modes')}>
        <Button variant={mode === 'terminal' ? 'primary' : 'ghost'} size="sm" onClick={() => setMode('terminal')} testId="enrol-mode-terminal">
          {t('issue.modeTerminal')}
        </Button>
        <Button variant={mode === 'cinema' ? 'primary' : 'ghost'} size="sm" onClick={() => setMode('cinema')} testId="enrol-mode-cinema">
          {t('issue.modeCinema')}
        </Button>
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={mode === 'terminal' ? t('issue.formTerminal') : t('issue.formCinema')}>
        <ErrorBanner error={error} testId="enrol-error" />
        {mode === 'cinema' && (
          <>
            <TextField label={t('issue.cinemaName')} value={cinema.name} onChange={(e) => setCinema({ ...cinema, name: e.target.value })} error={fields.name} testId="enrol-cinema-name" />
            <TextField label={t('issue.cinemaAddress')} value={cinema.address} onChange={(e) => setCinema({ ...cinema, address: e.target.value })} error={fields.address} testId="enrol-cinema-address" />
            <SelectField label={t('issue.timezone')} value={cinema.timezone} onChange={(e) => setCinema({ ...cinema, timezone: e.target.value })} error={fields.timezone} testId="enrol-cinema-timezone">
              {zones.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('issue.currency')} value={cinema.currency} onChange={(e) => setCinema({ ...cinema, currency: e.target.value })} error={fields.currency} testId="enrol-cinema-currency">
              {COMMON_CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {currencyLabel(c)}
                </option>
              ))}
            </SelectField>
          </>
        )}
        <TextField
          label={mode === 'terminal' ? t('issue.terminalName') : t('issue.firstTerminalName')}
          hint={t('issue.terminalNameHint')}
          value={terminalName}
          onChange={(e) => setTerminalName(e.target.value)}
          error={fields.terminalName}
          testId="enrol-terminal-name"
        />
        <SelectField label={t('issue.valid')} value={String(validMinutes)} onChange={(e) => setValidMinutes(Number(e.target.value))} error={fields.validMinutes} testId="enrol-valid">
          {VALIDITY.map((m) => (
            <option key={m} value={m}>
              {validityWords(m)}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="enrol-submit">
            {mode === 'terminal' ? t('issue.submitTerminal') : t('issue.submitCinema')}
          </Button>
        </div>
      </form>
      {issued && <IssuedCode issued={issued} />}
    </div>
  );
}
