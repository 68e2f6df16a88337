/** The film's age rating as the certificate shows it ("12", "PG-13", "FSK 16"). */
export function AgeRating({ rating }: { rating: string }) {
  if (!rating) return null;
  return (
    <span className="age-rating" title={`Age rating ${rating}`}>
      <span className="visually-hidden">Age rating </span>
      {rating}
    </span>
  );
}
