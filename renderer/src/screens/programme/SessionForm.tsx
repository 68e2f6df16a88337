import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ProgrammeSession, SchedulingOptions } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { Panel } from '../../components/Panel';
import { hallLabel } from '../../format/hall';
import { formatDuration, formatLongDate, formatTime } from '../../format/time';
import { parseAmount } from '../../format/amount-input';
import { plusMinutes, startInstant } from './plan-time';
import { useLocale } from '../../i18n/i18n';
import { useUnsavedChanges } from '../../shell/unsaved-changes';

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
  const { t } = useTranslation(['programme', 'common']);
  const locale = useLocale();
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
  // Unsaved while it differs from what it opened with, or from the session it just scheduled.
  const typed = JSON.stringify([filmId, hallId, time, ads, price, format, language]);
  const [baseline, setBaseline] = useState(typed);
  useUnsavedChanges(typed !== baseline);

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
    if (!startsAt) local.startsAt = t('form.badStart');
    if (adsMinutes === null) local.adsMinutes = t('form.badAds');
    const basePrice = price.trim() === '' ? undefined : parseAmount(price, currency);
    if (basePrice === null) local.basePrice = t('form.badPrice');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setError(t('form.checkFields'));
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
      setBaseline(JSON.stringify([filmId, hallId, '', ads, price, format, language]));
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
    <Panel title={t('form.title', { date: formatLongDate(date, locale) })} testId="session-form" actions={<Button variant="ghost" size="sm" onClick={onClose} testId="session-form-close">{t('common:action.close')}</Button>}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('newSession')}>
        <ErrorBanner error={error} testId="session-form-error" />
        <div className="plan-grid plan-grid-wide">
          <SelectField label={t('form.film')} value={filmId} onChange={(e) => setFilmId(e.target.value)} error={errors.filmId} testId="session-film">
            {options.films.map((f) => (
              <option key={f.id} value={f.id}>
                {t('form.filmOption', { title: f.title, duration: formatDuration(f.durationMinutes) })}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('form.hall')} value={hallId} onChange={(e) => setHallId(e.target.value)} error={errors.hallId} testId="session-hall">
            {options.halls.map((h) => (
              <option key={h.id} value={h.id}>
                {t('form.hallOption', { hall: hallLabel(h), minutes: h.cleaningMinutes })}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="plan-grid">
          <TimeField label={t('form.start')} value={time} onChange={setTime} error={errors.startsAt} testId="session-time" required />
          <TextField label={t('form.ads')} inputMode="numeric" value={ads} onChange={(e) => setAds(e.target.value)} error={errors.adsMinutes} testId="session-ads" />
          <TextField
            label={t('form.basePrice', { currency })}
            inputMode="decimal"
            placeholder={t('form.basePriceDefault')}
            hint={t('form.basePriceHint')}
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            error={errors.basePrice}
            testId="session-price"
          />
          <TextField label={t('form.format')} value={format} onChange={(e) => setFormat(e.target.value)} error={errors.format} testId="session-format" />
          <TextField label={t('form.language')} placeholder={t('form.languagePlaceholder')} value={language} onChange={(e) => setLanguage(e.target.value)} error={errors.language} testId="session-language" />
        </div>
        <p className="plan-summary" data-testid="session-computed" aria-live="polite">
          {endsAt && cleanUntil ? (
            <Trans
              t={t}
              i18nKey="form.computed"
              values={{
                end: formatTime(endsAt, timeZone, locale),
                ads: adsMinutes,
                film: film?.durationMinutes,
                hall: hall?.name,
                cleanUntil: formatTime(cleanUntil, timeZone, locale),
                cleaning: hall?.cleaningMinutes,
              }}
              components={{ strong: <strong /> }}
            />
          ) : (
            t('form.computedEmpty')
          )}
        </p>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="session-submit">
            {t('form.submit')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
