/** Time zones a cinema is likely to be in; the terminal's own zone is added when missing. */
export const COMMON_ZONES = [
  'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Madrid', 'Europe/Paris', 'Europe/Brussels',
  'Europe/Amsterdam', 'Europe/Berlin', 'Europe/Zurich', 'Europe/Vienna', 'Europe/Rome', 'Europe/Prague',
  'Europe/Warsaw', 'Europe/Stockholm', 'Europe/Oslo', 'Europe/Copenhagen', 'Europe/Helsinki', 'Europe/Riga',
  'Europe/Vilnius', 'Europe/Tallinn', 'Europe/Athens', 'Europe/Bucharest', 'Europe/Sofia', 'Europe/Kyiv',
  'Europe/Istanbul', 'Europe/Moscow', 'Asia/Tbilisi', 'Asia/Yerevan', 'Asia/Baku', 'Asia/Dubai', 'Asia/Tashkent',
  'Asia/Almaty', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Hong_Kong',
  'Asia/Seoul', 'Asia/Tokyo', 'Australia/Perth', 'Australia/Sydney', 'Pacific/Auckland', 'Africa/Lagos',
  'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Nairobi', 'America/Sao_Paulo', 'America/Buenos_Aires',
  'America/Bogota', 'America/Mexico_City', 'America/New_York', 'America/Toronto', 'America/Chicago',
  'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Vancouver', 'America/Anchorage',
  'Pacific/Honolulu', 'UTC',
] as const;

export interface ZoneOption {
  value: string;
  label: string;
  /** "Europe / Berlin (UTC+01:00)": the label without the words marking this computer's zone. */
  place: string;
  /** This computer's own zone. */
  own: boolean;
  offsetMinutes: number;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at `at`, in minutes (east positive). */
export function offsetMinutes(zone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Options for the time-zone select, west to east, each with its offset today. */
export function zoneOptions(ownZone: string | undefined, at = new Date()): ZoneOption[] {
  const zones = new Set<string>(COMMON_ZONES);
  if (ownZone && isZone(ownZone)) zones.add(ownZone);
  return [...zones]
    .filter(isZone)
    .map((zone) => {
      const offset = offsetMinutes(zone, at);
      const place = zone === 'UTC' ? 'UTC' : zone.replace(/_/g, ' ').replace('/', ' / ');
      const placeAndOffset = `${place} (${offsetText(offset)})`;
      return { value: zone, offsetMinutes: offset, place: placeAndOffset, own: zone === ownZone, label: `${placeAndOffset}${zone === ownZone ? ' — this computer' : ''}` };
    })
    .sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.value.localeCompare(b.value));
}

/** The time zone this window runs in, if the browser says. */
export function browserZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export const COMMON_CURRENCIES = [
  'EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'UAH', 'GEL', 'AMD', 'AZN',
  'KZT', 'UZS', 'TRY', 'AED', 'INR', 'THB', 'SGD', 'CNY', 'HKD', 'KRW', 'JPY', 'AUD', 'NZD', 'CAD', 'MXN', 'BRL',
  'ARS', 'COP', 'ZAR', 'NGN', 'EGP', 'KES',
] as const;

/** "EUR — Euro" for the currency select. */
export function currencyLabel(code: string, locale?: string): string {
  try {
    const name = new Intl.DisplayNames(locale, { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}
