import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { ProgrammeSession } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { AgeRating } from '../../components/AgeRating';
import { Button } from '../../components/Button';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { formatAndLanguage } from '../../format/language';
import { phaseOf, soldPercent } from '../../format/session-phase';
import { formatTime } from '../../format/time';

export interface ProgrammeTableProps {
  sessions: ProgrammeSession[];
  timeZone: string;
  currency: string;
  now: number;
  /** When given, each row has a button that picks its session for managing. */
  onSelect?(session: ProgrammeSession): void;
}

/** The day's sessions as a table, in start order. */
export function ProgrammeTable({ sessions, timeZone, currency, now, onSelect }: ProgrammeTableProps) {
  const { t } = useTranslation('programme');
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="programme-table">
        <caption className="visually-hidden">{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.start')}</th>
            <th scope="col">{t('table.end')}</th>
            <th scope="col">{t('table.film')}</th>
            <th scope="col">{t('table.hall')}</th>
            <th scope="col">{t('table.format')}</th>
            <th scope="col" className="num">
              {t('table.basePrice')}
            </th>
            <th scope="col" className="num">
              {t('table.sold')}
            </th>
            <th scope="col">{t('table.status')}</th>
            {onSelect && (
              <th scope="col">
                <span className="visually-hidden">{t('table.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="programme-row" data-session-id={s.id}>
              <td className="strong tabular">{formatTime(s.startsAt, timeZone, locale)}</td>
              <td className="tabular muted">{formatTime(s.endsAt, timeZone, locale)}</td>
              <td>
                <span className="film-title-inline">{s.film.title}</span> <AgeRating rating={s.film.ageRating} />
              </td>
              <td>{hallLabel(s.hall)}</td>
              <td>{formatAndLanguage(s.format, s.language, locale)}</td>
              <td className="num money">{formatMoney(s.basePrice, currency, locale)}</td>
              <td className="num tabular">
                {s.seatsSold} / {s.seatsTotal} <span className="muted">({soldPercent(s)}%)</span>
              </td>
              <td>
                <StatusBadge phase={phaseOf(s, now)} />
              </td>
              {onSelect && (
                <td className="row-actions">
                  <Button size="sm" onClick={() => onSelect(s)} testId="programme-manage" aria-label={t('table.manageLabel', { film: s.film.title, start: formatTime(s.startsAt, timeZone, locale), hall: s.hall.name })}>
                    {t('table.manage')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
