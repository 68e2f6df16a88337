import { useTranslation } from 'react-i18next';
/** The film's age rating as the certificate shows it ("12", "PG-13", "FSK 16"). */
export function AgeRating({ rating }: { rating: string }) {
  const { t } = useTranslation('components');
  if (!rating) return null;
  return (
    <span className="age-rating" title={t('ageRating', { rating })}>
      <span className="visually-hidden">{t('ageRatingPrefix')}</span>
      {rating}
    </span>
  );
}
