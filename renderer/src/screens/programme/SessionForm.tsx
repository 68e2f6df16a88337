import { useState, type FormEvent } from 'react';
import type { ProgrammeSession, SchedulingOptions } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { hallLabel } from '../../format/hall';
import { formatDuration, formatLongDate, formatTime } from '../../format/time';
import { parseAmount } from '../../format/amount-input';
import { plusMinutes, startInstant } from './plan-time';

export interface SessionFormProps {
  date: string;
  options: SchedulingOptions;
  timeZone: string;
  currency: string;
  onCreated(session: ProgrammeSession): void;
  /** Called as a submission starts, so the screen can clear an older message. */
  onAttempt?(): void;
  onClose(): void;
}

/** A new session on the chosen business day; shows when it ends and how long the hall is then cleaned. */
export function SessionForm({ date, options, timeZone, currency, onCreated, onAttempt, onClose }: SessionFormProps) {
  const [filmId, setFilmId] = useState(options.films[0]?.id ?? '');
  const [hallId, setHallId] = useState(options.halls[0]?.id ?? '');
  const [time, setTime] = useState('');
  const [ads, setAds] = useState('15');
  const [price, setPrice] = useState('');
  const [format, setFormat] = useState('2D');
  const [language, setLanguage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const film = options.films.find((f) => f.id === filmId);
  const hall = options.halls.find((h) => h.id === hallId);
  const startsAt = startInstant(date, time, timeZone, options.businessDayStart);
  const adsMinutes = /^\d{1,2}$/.test(ads.trim()) ? Number(ads.trim()) : null;
  const endsAt = startsAt && film && adsMinutes !== null ? plusMinutes(startsAt, adsMinutes + film.durationMinutes) : null;
  const cleanUntil = endsAt && hall ? plusMinutes(endsAt, hall.cleaningMinutes) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    onAttempt?.();
    const local: Record<string, string> = {};
    if (!startsAt) local.startsAt = 'enter a start time like 19:30';
    if (adsMinutes === null) local.adsMinutes = 'enter whole minutes, 0 to 90';
    const basePrice = price.trim() === '' ? undefined : parseAmount(price, currency);
    if (basePrice === null) local.basePrice = 'enter an amount like 12.50, or leave it empty for the default price';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setError('Please check the fields marked below.');
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const session = await call('sessions.create', {
        filmId,
        hallId,
        startsAt: startsAt!,
        adsMinutes: adsMinutes!,
        ...(typeof basePrice === 'number' ? { basePrice } : {}),
        format: format.trim() || '2D',
        language: language.trim(),
      });
      setTime('');
      onCreated(session);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setError(bannerFor(err, ['filmId', 'hallId', 'startsAt', 'adsMinutes', 'basePrice', 'format', 'language']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={`New session · ${formatLongDate(date)}`} testId="session-form" actions={<Button variant="ghost" size="sm" onClick={onClose} testId="session-form-close">Close</Button>}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="New session">
        <ErrorBanner error={error} testId="session-form-error" />
        <div className="plan-grid plan-grid-wide">
          <SelectField label="Film" value={filmId} onChange={(e) => setFilmId(e.target.value)} error={errors.filmId} testId="session-film">
            {options.films.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title} ({formatDuration(f.durationMinutes)})
              </option>
            ))}
          </SelectField>
          <SelectField label="Hall" value={hallId} onChange={(e) => setHallId(e.target.value)} error={errors.hallId} testId="session-hall">
            {options.halls.map((h) => (
              <option key={h.id} value={h.id}>
                {hallLabel(h)} · {h.cleaningMinutes} min cleaning
              </option>
            ))}
          </SelectField>
        </div>
        <div className="plan-grid">
          <TextField label="Start" type="time" value={time} onChange={(e) => setTime(e.target.value)} error={errors.startsAt} testId="session-time" required />
          <TextField label="Ads (minutes)" inputMode="numeric" value={ads} onChange={(e) => setAds(e.target.value)} error={errors.adsMinutes} testId="session-ads" />
          <TextField
            label={`Base price (${currency})`}
            inputMode="decimal"
            placeholder="default"
            hint="Empty: the default price of the hall type at this time."
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            error={errors.basePrice}
            testId="session-price"
          />
          <TextField label="Format" value={format} onChange={(e) => setFormat(e.target.value)} error={errors.format} testId="session-format" />
          <TextField label="Language" placeholder="e.g. de" value={language} onChange={(e) => setLanguage(e.target.value)} error={errors.language} testId="session-language" />
        </div>
        <p className="plan-summary" data-testid="session-computed" aria-live="polite">
          {endsAt && cleanUntil ? (
            <>
              Ends <strong>{formatTime(endsAt, timeZone)}</strong> ({adsMinutes} min ads + {film?.durationMinutes} min film) · {hall?.name} is cleaned until{' '}
              <strong>{formatTime(cleanUntil, timeZone)}</strong> ({hall?.cleaningMinutes} min)
            </>
          ) : (
            'Choose a start time to see when the session ends and the hall is free again.'
          )}
        </p>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="session-submit">
            Schedule session
          </Button>
        </div>
      </form>
    </Panel>
  );
}
