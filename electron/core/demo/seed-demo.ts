import { TZDate } from '@date-fns/tz';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { addBusinessDays, businessDateOf, businessDayRange, type BusinessDayRule } from '../../../shared/business-day';
import type { DealType, HallType, Role, SeatKind, TicketType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { CoreServices, RequestContext } from '../context';
import { newId } from '../ids';
import { hashSecret } from '../auth/password';
import { createUser } from '../auth/users';
import { registerTerminal } from '../terminal/register-terminal';
import { recordAudit } from '../audit/record-audit';
import { systemContext } from '../system-context';

/*
 * The demo cinema: what `startCore({ demo: true })` puts into an empty database so the app can be
 * tried (and tested) at once. The data is declared in the arrays below; the functions at the end
 * turn it into rows. Dates are relative to the business day the seed runs on, so the programme
 * always starts "today" and every film's contract covers the week shown.
 */

// ---------------------------------------------------------------------------------------------
// Staff

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  /** Manager override PIN (rule: a PIN prompt on the cashier's screen). */
  pin?: string;
}

/** One user per role; README and the bridge banner list these. */
export const DEMO_LOGINS = [
  { username: 'admin', password: 'admin1234', role: 'ADMIN', displayName: 'Katrin Vogel' },
  { username: 'manager', password: 'manager1234', role: 'MANAGER', displayName: 'Jonas Becker', pin: '2468' },
  { username: 'cashier', password: 'cashier1234', role: 'CASHIER', displayName: 'Lena Hoffmann' },
  { username: 'usher', password: 'usher1234', role: 'USHER', displayName: 'Mehmet Yılmaz' },
] as const satisfies readonly DemoLogin[];

// ---------------------------------------------------------------------------------------------
// The cinema

export const DEMO_CINEMA = {
  name: 'Aurora Cinema',
  address: 'Karl-Marx-Allee 93, 10243 Berlin, Germany',
  /** Rule 16: who the receipts name (a made-up company and VAT id). */
  legalName: 'Aurora Lichtspiele GmbH',
  taxNumber: 'DE298765432',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  /** German VAT on cinema tickets: 7 %. */
  ticketVatBp: 700,
  businessDayStart: '06:00',
} as const;

// ---------------------------------------------------------------------------------------------
// Halls and seat maps
//
// A seat map is a grid: grid_y is the row (0 = front, nearest the screen, row "A"), grid_x the
// column; an aisle is a column with no seat. Seats are numbered 1… from left to right as seen
// from the seats. Rows narrower than the widest row of the hall are centred.

export interface RowBlock {
  /** One row per letter, front to back. */
  labels: string;
  seats: number;
  /** Seat numbers after which an aisle (one empty grid column) follows. */
  aislesAfter?: readonly number[];
  kind?: SeatKind;
  /** Seats of another kind in these rows, by seat number. */
  special?: Readonly<Record<number, SeatKind>>;
}

export interface DemoHall {
  key: string;
  name: string;
  type: HallType;
  cleaningMinutes: number;
  /** Local time of the first show of the day. */
  opensAt: string;
  rows: readonly RowBlock[];
  /** Films shown here, in rotation order (keys of DEMO_FILMS). */
  programme: readonly string[];
}

const ACCESSIBLE_ENDS = { 1: 'WHEELCHAIR', 2: 'COMPANION', 19: 'COMPANION', 20: 'WHEELCHAIR' } as const;

export const DEMO_HALLS: readonly DemoHall[] = [
  {
    key: 'hall-1',
    name: 'Hall 1',
    type: 'STANDARD',
    cleaningMinutes: 15,
    opensAt: '10:00',
    // 10 rows × 12 seats with a centre aisle: 120 seats.
    rows: [{ labels: 'ABCDEFGHIJ', seats: 12, aislesAfter: [6] }],
    programme: ['paws', 'glass-orchard', 'turbo-tortoise', 'letzte-faehre', 'kessler-street', 'hollow-signal', 'lake-summer', 'cartographer'],
  },
  {
    key: 'hall-2',
    name: 'Hall 2 VIP',
    type: 'VIP',
    cleaningMinutes: 20,
    opensAt: '10:30',
    // 3 rows of 8 recliners with a centre aisle, 2 rows of 4 loveseat pairs: 40 seats.
    rows: [
      { labels: 'ABC', seats: 8, aislesAfter: [4], kind: 'VIP' },
      { labels: 'DE', seats: 8, aislesAfter: [2, 4, 6], kind: 'LOVESEAT' },
    ],
    programme: ['cartographer', 'quiet-hours', 'glass-orchard', 'lake-summer', 'kessler-street'],
  },
  {
    key: 'hall-3',
    name: 'Hall 3 IMAX',
    type: 'IMAX',
    cleaningMinutes: 25,
    opensAt: '10:15',
    // 15 rows × 20 with two side aisles: 300 seats; wheelchair places with a companion seat beside
    // them at both ends of the front and the back row.
    rows: [
      { labels: 'A', seats: 20, aislesAfter: [4, 16], special: ACCESSIBLE_ENDS },
      { labels: 'BCDEFGHIJKLMN', seats: 20, aislesAfter: [4, 16] },
      { labels: 'O', seats: 20, aislesAfter: [4, 16], special: ACCESSIBLE_ENDS },
    ],
    programme: ['deep-blue', 'starfall', 'ironvale'],
  },
];

export interface PlannedSeat {
  row_label: string;
  number: number;
  grid_x: number;
  grid_y: number;
  kind: SeatKind;
}

/** The seats of a hall's map, front row first, left to right. */
export function hallSeats(hall: Pick<DemoHall, 'rows'>): PlannedSeat[] {
  const width = (b: RowBlock) => b.seats + (b.aislesAfter?.length ?? 0);
  const maxWidth = Math.max(...hall.rows.map(width));
  const seats: PlannedSeat[] = [];
  let y = 0;
  for (const block of hall.rows) {
    const offset = Math.floor((maxWidth - width(block)) / 2);
    for (const label of block.labels) {
      let x = offset;
      for (let n = 1; n <= block.seats; n++) {
        seats.push({ row_label: label, number: n, grid_x: x, grid_y: y, kind: block.special?.[n] ?? block.kind ?? 'STANDARD' });
        x += block.aislesAfter?.includes(n) ? 2 : 1;
      }
      y++;
    }
  }
  return seats;
}

// ---------------------------------------------------------------------------------------------
// Distributors (fictional companies; IBANs have valid check digits but belong to no one)

export interface DemoDistributor {
  key: string;
  legalName: string;
  taxId: string;
  contactName: string;
  email: string;
  phone: string;
  address: string;
  bankName: string;
  bankAccount: string;
  bankCode: string;
}

export const DEMO_DISTRIBUTORS: readonly DemoDistributor[] = [
  {
    key: 'lichtspiel',
    legalName: 'Lichtspiel Filmverleih GmbH',
    taxId: 'DE281447903',
    contactName: 'Sabine Krüger',
    email: 'dispo@lichtspiel-verleih.example',
    phone: '+49 30 2546 7710',
    address: 'Oranienstraße 185, 10999 Berlin, Germany',
    bankName: 'Berliner Sparkasse',
    bankAccount: 'DE30 1005 0000 0190 4427 18',
    bankCode: 'BELADEBEXXX',
  },
  {
    key: 'nordlicht',
    legalName: 'Nordlicht Pictures Distribution GmbH',
    taxId: 'DE319062554',
    contactName: 'Hauke Petersen',
    email: 'booking@nordlicht-pictures.example',
    phone: '+49 40 3098 2240',
    address: 'Große Elbstraße 145, 22767 Hamburg, Germany',
    bankName: 'Commerzbank Hamburg',
    bankAccount: 'DE19 2004 0000 0627 8331 00',
    bankCode: 'COBADEHHXXX',
  },
  {
    key: 'alpenkino',
    legalName: 'Alpenkino Verleih AG',
    taxId: 'DE127730815',
    contactName: 'Florian Huber',
    email: 'kinos@alpenkino-verleih.example',
    phone: '+49 89 4161 0930',
    address: 'Bavariafilmplatz 7, 82031 Grünwald, Germany',
    bankName: 'Stadtsparkasse München',
    bankAccount: 'DE46 7015 0000 0904 4172 53',
    bankCode: 'SSKMDEMMXXX',
  },
  {
    key: 'silver-screen',
    legalName: 'Silver Screen Releasing Europe B.V.',
    taxId: 'NL859341027B01',
    contactName: 'Eva de Vries',
    email: 'theatrical.de@silverscreen-releasing.example',
    phone: '+31 20 794 5120',
    address: 'Herengracht 420, 1017 BZ Amsterdam, Netherlands',
    bankName: 'ING Bank N.V.',
    bankAccount: 'NL64 INGB 0007 3419 62',
    bankCode: 'INGBNL2AXXX',
  },
];

// ---------------------------------------------------------------------------------------------
// Films and their rental contracts (fictional titles)

/** When in the day a film is programmed: kids' films by day, horror late. */
export type ShowTime = 'any' | 'day' | 'evening' | 'late';

export interface DemoFilm {
  key: string;
  title: string;
  durationMinutes: number;
  /** German FSK rating. */
  ageRating: string;
  genres: readonly string[];
  /** Release date, in days relative to the seed's business day (negative: already out). */
  releasedDaysAgo: number;
  distributor: string;
  language: string;
  subtitles?: string;
  /** Formats outside the IMAX hall, cycled show by show (default 2D). */
  formats?: readonly string[];
  showTime: ShowTime;
  contract: {
    /** Weekly splits in basis points, week 1 first; the last applies to every later week. */
    splitsBp: readonly number[];
    /** Contract length in weeks from the release date (extended to cover the demo week). */
    weeks: number;
    dealType?: DealType;
    /** Weekly minimum guarantee, minor units. */
    minimumGuarantee?: number;
    /** Weekly house allowance of a 90/10 deal, minor units. */
    houseAllowance?: number;
  };
}

export const DEMO_FILMS: readonly DemoFilm[] = [
  {
    key: 'paws',
    title: 'Paws & Whiskers: The Great Escape',
    durationMinutes: 92,
    ageRating: 'FSK 0',
    genres: ['Animation', 'Family', 'Comedy'],
    releasedDaysAgo: 12,
    distributor: 'silver-screen',
    language: 'de',
    formats: ['3D', '2D'],
    showTime: 'day',
    contract: { splitsBp: [6000, 5000, 4000], weeks: 10 },
  },
  {
    key: 'glass-orchard',
    title: 'The Glass Orchard',
    durationMinutes: 128,
    ageRating: 'FSK 12',
    genres: ['Drama', 'Mystery'],
    releasedDaysAgo: 26,
    distributor: 'lichtspiel',
    language: 'de',
    showTime: 'any',
    contract: { splitsBp: [5500, 4500, 4000], weeks: 8 },
  },
  {
    key: 'turbo-tortoise',
    title: 'Turbo Tortoise 2',
    durationMinutes: 85,
    ageRating: 'FSK 0',
    genres: ['Animation', 'Family', 'Adventure'],
    releasedDaysAgo: 47,
    distributor: 'silver-screen',
    language: 'de',
    showTime: 'day',
    contract: { splitsBp: [6000, 5000, 4500, 4000, 3500], weeks: 10 },
  },
  {
    key: 'letzte-faehre',
    title: 'Die letzte Fähre',
    durationMinutes: 104,
    ageRating: 'FSK 6',
    genres: ['Comedy', 'Drama'],
    releasedDaysAgo: 5,
    distributor: 'lichtspiel',
    language: 'de',
    showTime: 'any',
    contract: { splitsBp: [5000, 4500, 4000], weeks: 8 },
  },
  {
    key: 'kessler-street',
    title: 'Midnight on Kessler Street',
    durationMinutes: 112,
    ageRating: 'FSK 16',
    genres: ['Thriller', 'Crime'],
    releasedDaysAgo: 19,
    distributor: 'nordlicht',
    language: 'de',
    showTime: 'evening',
    contract: { splitsBp: [6000, 5000, 4000], weeks: 8 },
  },
  {
    key: 'hollow-signal',
    title: 'Hollow Signal',
    durationMinutes: 99,
    ageRating: 'FSK 18',
    genres: ['Horror'],
    releasedDaysAgo: 8,
    distributor: 'nordlicht',
    language: 'de',
    showTime: 'late',
    contract: { splitsBp: [5500, 4500, 3500], weeks: 6 },
  },
  {
    key: 'lake-summer',
    title: 'A Summer at Lake Tegernsee',
    durationMinutes: 97,
    ageRating: 'FSK 0',
    genres: ['Romance', 'Comedy'],
    releasedDaysAgo: 33,
    distributor: 'alpenkino',
    language: 'de',
    showTime: 'any',
    contract: { splitsBp: [5000, 4000, 3500], weeks: 8 },
  },
  {
    key: 'cartographer',
    title: "The Cartographer's Daughter",
    durationMinutes: 135,
    ageRating: 'FSK 12',
    genres: ['Drama', 'History'],
    releasedDaysAgo: 40,
    distributor: 'alpenkino',
    language: 'de',
    showTime: 'any',
    contract: { splitsBp: [6000, 5000, 4000], weeks: 10, minimumGuarantee: 50_000 },
  },
  {
    key: 'quiet-hours',
    title: 'Quiet Hours',
    durationMinutes: 109,
    ageRating: 'FSK 12',
    genres: ['Drama'],
    releasedDaysAgo: 15,
    distributor: 'lichtspiel',
    // Original version with German subtitles (OmU).
    language: 'en',
    subtitles: 'de',
    showTime: 'any',
    contract: { splitsBp: [4500, 4000, 3500], weeks: 8 },
  },
  {
    key: 'deep-blue',
    title: 'Deep Blue Silence',
    durationMinutes: 118,
    ageRating: 'FSK 6',
    genres: ['Documentary', 'Nature'],
    releasedDaysAgo: 61,
    distributor: 'nordlicht',
    language: 'de',
    showTime: 'day',
    contract: { splitsBp: [4500, 4000, 3500, 3000], weeks: 12 },
  },
  {
    key: 'starfall',
    title: 'Starfall Protocol',
    durationMinutes: 148,
    ageRating: 'FSK 12',
    genres: ['Science Fiction', 'Action'],
    releasedDaysAgo: 1,
    distributor: 'silver-screen',
    language: 'de',
    showTime: 'any',
    // The blockbuster: a 90/10 deal with a weekly house allowance, floors of 70/60/50/40 %.
    contract: { splitsBp: [7000, 6000, 5000, 4000], weeks: 12, dealType: 'NINETY_TEN', houseAllowance: 350_000 },
  },
  {
    key: 'ironvale',
    title: 'Ironvale',
    durationMinutes: 166,
    ageRating: 'FSK 16',
    genres: ['Fantasy', 'Adventure'],
    releasedDaysAgo: 22,
    distributor: 'alpenkino',
    language: 'de',
    showTime: 'any',
    contract: { splitsBp: [6500, 5500, 4500, 4000], weeks: 10, minimumGuarantee: 150_000 },
  },
];

// ---------------------------------------------------------------------------------------------
// Prices

export interface DemoPriceBand {
  hallType: HallType;
  /** 'HH:MM' local, inclusive. */
  from: string;
  /** 'HH:MM' local, exclusive (up to '24:00'). */
  to: string;
  basePrice: number;
}

const bands = (hallType: HallType, matinee: number, evening: number): DemoPriceBand[] => [
  // After midnight it is still the evening before (rule 12): evening prices.
  { hallType, from: '00:00', to: '06:00', basePrice: evening },
  { hallType, from: '06:00', to: '17:00', basePrice: matinee },
  { hallType, from: '17:00', to: '24:00', basePrice: evening },
];

/** Base prices per hall type: matinee (before 17:00) cheaper than evening. */
export const DEMO_PRICE_BANDS: readonly DemoPriceBand[] = [
  ...bands('STANDARD', 950, 1200),
  ...bands('VIP', 1100, 1300),
  ...bands('IMAX', 1350, 1650),
  ...bands('4DX', 1550, 1850),
];

/** Multipliers in basis points (10000 = ×1). A loveseat is priced per seat; a pair is two seats. */
export const DEMO_SEAT_KIND_FACTORS: Readonly<Record<SeatKind, number>> = {
  STANDARD: 10_000,
  VIP: 15_000,
  LOVESEAT: 17_500,
  WHEELCHAIR: 10_000,
  COMPANION: 10_000,
};

export const DEMO_TICKET_TYPE_FACTORS: Readonly<Record<TicketType, number>> = {
  ADULT: 10_000,
  CHILD: 7_000,
  STUDENT: 8_000,
  SENIOR: 7_500,
};

export function basePriceAt(hallType: HallType, localTime: string, priceBands: readonly DemoPriceBand[] = DEMO_PRICE_BANDS): number {
  const band = priceBands.find((b) => b.hallType === hallType && b.from <= localTime && localTime < b.to);
  if (!band) throw new Error(`No demo price for ${hallType} at ${localTime}`);
  return band.basePrice;
}

// ---------------------------------------------------------------------------------------------
// Concessions, promocode, loyalty customers

export interface DemoConcessionItem {
  name: string;
  category: string;
  price: number;
  /** 7 % on food, 19 % on drinks (and on combos that include a drink). */
  vatBp: number;
  stock: number | null;
}

export const DEMO_CONCESSIONS: readonly DemoConcessionItem[] = [
  { name: 'Popcorn small', category: 'Popcorn', price: 450, vatBp: 700, stock: null },
  { name: 'Popcorn medium', category: 'Popcorn', price: 590, vatBp: 700, stock: null },
  { name: 'Popcorn large', category: 'Popcorn', price: 720, vatBp: 700, stock: null },
  { name: 'Nachos with cheese dip', category: 'Snacks', price: 550, vatBp: 700, stock: 60 },
  { name: 'Hot dog', category: 'Snacks', price: 490, vatBp: 700, stock: 40 },
  { name: 'Gummy bears 200 g', category: 'Sweets', price: 320, vatBp: 700, stock: 80 },
  { name: 'Chocolate bar', category: 'Sweets', price: 250, vatBp: 700, stock: 100 },
  { name: 'Cola 0.5 l', category: 'Drinks', price: 390, vatBp: 1900, stock: null },
  { name: 'Cola 0.75 l', category: 'Drinks', price: 460, vatBp: 1900, stock: null },
  { name: 'Lemonade 0.5 l', category: 'Drinks', price: 390, vatBp: 1900, stock: null },
  { name: 'Still water 0.5 l', category: 'Drinks', price: 290, vatBp: 1900, stock: 120 },
  { name: 'Movie combo (popcorn medium + drink 0.5 l)', category: 'Combos', price: 890, vatBp: 1900, stock: null },
];

export const DEMO_PROMOCODE = {
  code: 'WELCOME10',
  kind: 'PERCENT',
  /** 10 % in basis points. */
  value: 1000,
  validForDays: 120,
  maxUses: 500,
  perCustomerLimit: 1,
  appliesTo: 'TICKETS',
} as const;

export interface DemoCustomer {
  name: string;
  phone: string;
  email: string;
  cardNumber: string;
  /** Opening balance booked as an ADJUSTMENT, minor units (points). */
  openingBonus: number;
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { name: 'Anna Schmidt', phone: '+49 151 2345 6781', email: 'anna.schmidt@mail.example', cardNumber: '2600100001', openingBonus: 500 },
  { name: 'Lukas Wagner', phone: '+49 160 9876 5432', email: 'lukas.wagner@mail.example', cardNumber: '2600100002', openingBonus: 1250 },
  { name: 'Sophie Neumann', phone: '+49 176 5550 1234', email: 'sophie.neumann@mail.example', cardNumber: '2600100003', openingBonus: 300 },
  { name: 'Emre Kaya', phone: '+49 157 3012 8899', email: 'emre.kaya@mail.example', cardNumber: '2600100004', openingBonus: 2000 },
];

/** Days of programme the demo has, starting with the business day it is seeded on. */
export const DEMO_DAYS = 7;
/** No show starts later than this, local time. */
export const DEMO_LAST_START = '23:30';

// ---------------------------------------------------------------------------------------------
// The week's programme (pure: easy to test and to reuse)

export interface PlannedSession {
  hallKey: string;
  filmKey: string;
  businessDate: string;
  startsAt: Date;
  endsAt: Date;
  adsMinutes: number;
  basePrice: number;
  format: string;
  language: string;
  subtitles: string | null;
}

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;

function localTime(instant: Date, timezone: string): string {
  const t = new TZDate(instant.getTime(), timezone);
  return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}

/** The instant of a local wall-clock time on a calendar date. */
function localInstant(date: string, time: string, timezone: string): Date {
  return businessDayRange(date, { timezone, dayStart: time }).from;
}

/** Films that only suit part of the day get their slot first; 'any' films fill the rest. */
const SHOW_TIME_PRIORITY: Record<ShowTime, number> = { day: 0, late: 0, evening: 1, any: 2 };

function fitsShowTime(showTime: ShowTime, time: string): boolean {
  switch (showTime) {
    case 'day':
      return time < '18:00';
    case 'evening':
      return time >= '17:00';
    case 'late':
      return time >= '20:00';
    default:
      return true;
  }
}

/**
 * Fills every hall from its opening time until the last start: each show takes ads + film +
 * the hall's cleaning, the next starts at the following 5-minute mark. At each slot the hall takes,
 * among the films that suit the hour, the one shown least often that day — kids' films and late
 * horror before the films that suit any hour — and rotates among equals from day to day.
 */
export function planDemoWeek(options: {
  firstDate: string;
  days: number;
  timezone: string;
  halls?: readonly DemoHall[];
  films?: readonly DemoFilm[];
  priceBands?: readonly DemoPriceBand[];
}): PlannedSession[] {
  const halls = options.halls ?? DEMO_HALLS;
  const films = new Map((options.films ?? DEMO_FILMS).map((f) => [f.key, f]));
  const plan: PlannedSession[] = [];
  const formatTurn = new Map<string, number>();
  for (const hall of halls) {
    const programme = hall.programme.map((key) => {
      const film = films.get(key);
      if (!film) throw new Error(`Demo hall ${hall.key} shows an unknown film ${key}`);
      return film;
    });
    for (let day = 0; day < options.days; day++) {
      const date = addBusinessDays(options.firstDate, day);
      const lastStart = localInstant(date, DEMO_LAST_START, options.timezone).getTime();
      const shownToday = new Map<string, number>();
      let next = day % programme.length;
      let previous: string | null = null;
      let t = localInstant(date, hall.opensAt, options.timezone).getTime();
      while (t <= lastStart) {
        const starts = new Date(t);
        const time = localTime(starts, options.timezone);
        const order = programme.map((_, i) => programme[(next + i) % programme.length]!);
        const suitable = order.filter((f) => fitsShowTime(f.showTime, time) && (f.key !== previous || programme.length === 1));
        const candidates = suitable.length > 0 ? suitable : order;
        // Least shown today first, then the film with the narrowest hours, then rotation order.
        const rank = (f: DemoFilm) => (shownToday.get(f.key) ?? 0) * 10 + SHOW_TIME_PRIORITY[f.showTime];
        const film = candidates.reduce((best, f) => (rank(f) < rank(best) ? f : best));
        shownToday.set(film.key, (shownToday.get(film.key) ?? 0) + 1);
        next = (programme.indexOf(film) + 1) % programme.length;
        previous = film.key;

        const adsMinutes = time >= '18:00' ? 20 : 15;
        const ends = new Date(t + (adsMinutes + film.durationMinutes) * MINUTE);
        let format = '2D';
        if (hall.type === 'IMAX') format = 'IMAX';
        else if (film.formats && film.formats.length > 0) {
          const turn = formatTurn.get(film.key) ?? 0;
          formatTurn.set(film.key, turn + 1);
          format = film.formats[turn % film.formats.length]!;
        }
        plan.push({
          hallKey: hall.key,
          filmKey: film.key,
          businessDate: date,
          startsAt: starts,
          endsAt: ends,
          adsMinutes,
          basePrice: basePriceAt(hall.type, time, options.priceBands),
          format,
          language: film.language,
          subtitles: film.subtitles ?? null,
        });
        t = Math.ceil((ends.getTime() + hall.cleaningMinutes * MINUTE) / FIVE_MINUTES) * FIVE_MINUTES;
      }
    }
  }
  return plan.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.hallKey.localeCompare(b.hallKey));
}

/** A film's contract dates: from its release, for its weeks, and at least to the end of the demo. */
export function contractDates(film: DemoFilm, firstDate: string, days: number = DEMO_DAYS): { start: string; end: string } {
  const start = addBusinessDays(firstDate, -Math.max(1, film.releasedDaysAgo));
  const nominalEnd = addBusinessDays(start, film.contract.weeks * 7 - 1);
  const demoEnd = addBusinessDays(firstDate, days - 1);
  return { start, end: nominalEnd > demoEnd ? nominalEnd : demoEnd };
}

// ---------------------------------------------------------------------------------------------
// Writing it

type Db = Kysely<DB> | Transaction<DB>;
type SyncedInsert<T extends keyof DB> = Omit<Insertable<DB[T]>, 'updated_at' | 'origin' | 'created_at'>;

/** Rows per INSERT: far below SQLite's bound-parameter limit even for the widest table here. */
const CHUNK = 400;

/** Inserts synced rows in a few multi-row statements, each stamped (`updated_at`, `origin`, `created_at`). */
async function insertStamped<T extends keyof DB & string>(trx: Transaction<DB>, ctx: RequestContext, table: T, rows: readonly SyncedInsert<T>[]): Promise<void> {
  const createdAt = ctx.clock.now().toISOString();
  const stamped = rows.map((r) => ({ ...r, created_at: createdAt, ...ctx.stamp() }));
  for (let i = 0; i < stamped.length; i += CHUNK) {
    // kysely can't follow a generic table name through values(); the rows are typed above.
    await trx
      .insertInto(table)
      .values(stamped.slice(i, i + CHUNK) as never)
      .execute();
  }
}

async function hasUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

interface SeedResult {
  cinemaId: string;
  counts: Record<string, number>;
}

async function seedCinema(trx: Transaction<DB>, ctx: RequestContext): Promise<string> {
  const id = newId();
  await insertStamped(trx, ctx, 'cinemas', [
    {
      id,
      name: DEMO_CINEMA.name,
      address: DEMO_CINEMA.address,
      legal_name: DEMO_CINEMA.legalName,
      tax_number: DEMO_CINEMA.taxNumber,
      timezone: DEMO_CINEMA.timezone,
      currency: DEMO_CINEMA.currency,
      ticket_vat_bp: DEMO_CINEMA.ticketVatBp,
      business_day_start: DEMO_CINEMA.businessDayStart,
    },
  ]);
  return id;
}

/** Halls and their seats; returns hall ids by key. */
async function seedHalls(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string): Promise<{ hallIds: Map<string, string>; seats: number }> {
  const hallIds = new Map(DEMO_HALLS.map((h) => [h.key, newId()]));
  await insertStamped(
    trx,
    ctx,
    'halls',
    DEMO_HALLS.map((h) => ({ id: hallIds.get(h.key)!, cinema_id: cinemaId, name: h.name, type: h.type, cleaning_minutes: h.cleaningMinutes })),
  );
  const seats = DEMO_HALLS.flatMap((h) => hallSeats(h).map((s) => ({ id: newId(), hall_id: hallIds.get(h.key)!, ...s })));
  await insertStamped(trx, ctx, 'seats', seats);
  return { hallIds, seats: seats.length };
}

async function seedDistributors(trx: Transaction<DB>, ctx: RequestContext): Promise<Map<string, string>> {
  const ids = new Map(DEMO_DISTRIBUTORS.map((d) => [d.key, newId()]));
  await insertStamped(
    trx,
    ctx,
    'distributors',
    DEMO_DISTRIBUTORS.map((d) => ({
      id: ids.get(d.key)!,
      legal_name: d.legalName,
      tax_id: d.taxId,
      contact_name: d.contactName,
      email: d.email,
      phone: d.phone,
      address: d.address,
      bank_name: d.bankName,
      bank_account: d.bankAccount,
      bank_code: d.bankCode,
    })),
  );
  return ids;
}

/** Films, one ACTIVE contract each (with its weekly splits); returns film ids by key. */
async function seedFilmsAndContracts(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  distributorIds: Map<string, string>,
  firstDate: string,
): Promise<{ filmIds: Map<string, string>; contracts: number }> {
  const distributorOf = (f: DemoFilm) => {
    const id = distributorIds.get(f.distributor);
    if (!id) throw new Error(`Demo film ${f.key} has an unknown distributor ${f.distributor}`);
    return id;
  };
  const filmIds = new Map(DEMO_FILMS.map((f) => [f.key, newId()]));
  await insertStamped(
    trx,
    ctx,
    'films',
    DEMO_FILMS.map((f) => ({
      id: filmIds.get(f.key)!,
      title: f.title,
      duration_minutes: f.durationMinutes,
      age_rating: f.ageRating,
      genres: JSON.stringify(f.genres),
      release_date: addBusinessDays(firstDate, -f.releasedDaysAgo),
      distributor_id: distributorOf(f),
    })),
  );
  const contracts = DEMO_FILMS.map((f) => ({ film: f, id: newId(), ...contractDates(f, firstDate) }));
  await insertStamped(
    trx,
    ctx,
    'rental_contracts',
    contracts.map((c) => ({
      id: c.id,
      film_id: filmIds.get(c.film.key)!,
      distributor_id: distributorOf(c.film),
      cinema_id: cinemaId,
      start_date: c.start,
      end_date: c.end,
      deal_type: c.film.contract.dealType ?? 'PERCENTAGE',
      minimum_guarantee: c.film.contract.minimumGuarantee ?? null,
      house_allowance: c.film.contract.houseAllowance ?? null,
      status: 'ACTIVE' as const,
    })),
  );
  await insertStamped(
    trx,
    ctx,
    'contract_splits',
    contracts.flatMap((c) => c.film.contract.splitsBp.map((percent_bp, i) => ({ id: newId(), contract_id: c.id, week_number: i + 1, percent_bp }))),
  );
  return { filmIds, contracts: contracts.length };
}

async function seedPrices(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string): Promise<void> {
  await insertStamped(
    trx,
    ctx,
    'price_defaults',
    DEMO_PRICE_BANDS.map((b) => ({ id: newId(), cinema_id: cinemaId, hall_type: b.hallType, band_start: b.from, band_end: b.to, base_price: b.basePrice })),
  );
  await insertStamped(trx, ctx, 'price_factors', [
    ...Object.entries(DEMO_SEAT_KIND_FACTORS).map(([key, factor_bp]) => ({
      id: newId(),
      cinema_id: cinemaId,
      dimension: 'SEAT_KIND' as const,
      key: key as SeatKind,
      factor_bp,
    })),
    ...Object.entries(DEMO_TICKET_TYPE_FACTORS).map(([key, factor_bp]) => ({
      id: newId(),
      cinema_id: cinemaId,
      dimension: 'TICKET_TYPE' as const,
      key: key as TicketType,
      factor_bp,
    })),
  ]);
}

async function seedSessions(
  trx: Transaction<DB>,
  ctx: RequestContext,
  hallIds: Map<string, string>,
  filmIds: Map<string, string>,
  firstDate: string,
): Promise<number> {
  const plan = planDemoWeek({ firstDate, days: DEMO_DAYS, timezone: DEMO_CINEMA.timezone });
  await insertStamped(
    trx,
    ctx,
    'sessions',
    plan.map((s) => ({
      id: newId(),
      film_id: filmIds.get(s.filmKey)!,
      hall_id: hallIds.get(s.hallKey)!,
      starts_at: s.startsAt.toISOString(),
      ends_at: s.endsAt.toISOString(),
      ads_minutes: s.adsMinutes,
      base_price: s.basePrice,
      format: s.format,
      language: s.language,
      subtitles: s.subtitles,
      status: 'ON_SALE' as const,
    })),
  );
  return plan.length;
}

async function seedConcessionsAndPromocode(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, firstDate: string): Promise<void> {
  await insertStamped(
    trx,
    ctx,
    'concession_items',
    DEMO_CONCESSIONS.map((c) => ({ id: newId(), cinema_id: cinemaId, name: c.name, category: c.category, price: c.price, vat_bp: c.vatBp, stock: c.stock })),
  );
  const p = DEMO_PROMOCODE;
  await insertStamped(trx, ctx, 'promocodes', [
    {
      id: newId(),
      cinema_id: cinemaId,
      code: p.code,
      kind: p.kind,
      value: p.value,
      valid_from: firstDate,
      valid_to: addBusinessDays(firstDate, p.validForDays),
      max_uses: p.maxUses,
      per_customer_limit: p.perCustomerLimit,
      min_order: 0,
      applies_to: p.appliesTo,
    },
  ]);
}

async function seedCustomers(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string): Promise<void> {
  const rows = DEMO_CUSTOMERS.map((c) => ({ customer: c, id: newId(), accountId: newId() }));
  await insertStamped(
    trx,
    ctx,
    'customers',
    rows.map((r) => ({ id: r.id, name: r.customer.name, phone: r.customer.phone, email: r.customer.email, card_number: r.customer.cardNumber, cinema_id: cinemaId })),
  );
  await insertStamped(
    trx,
    ctx,
    'bonus_accounts',
    rows.map((r) => ({ id: r.accountId, customer_id: r.id, card_number: r.customer.cardNumber })),
  );
  await insertStamped(
    trx,
    ctx,
    'bonus_transactions',
    rows
      .filter((r) => r.customer.openingBonus !== 0)
      .map((r) => ({
        id: newId(),
        account_id: r.accountId,
        kind: 'ADJUSTMENT' as const,
        amount: r.customer.openingBonus,
        order_id: null,
        note: 'Opening balance (demo data)',
      })),
  );
}

interface HashedLogin {
  login: DemoLogin;
  passwordHash: string;
  pinHash: string | null;
}

let demoHashes: Promise<HashedLogin[]> | null = null;

/**
 * scrypt is slow (tens of ms per hash): hash in parallel on libuv's pool, before the transaction
 * opens, and once per process — the demo passwords are public, a fresh salt per database buys
 * nothing, and tests start many demo databases.
 */
function hashedDemoLogins(): Promise<HashedLogin[]> {
  demoHashes ??= Promise.all(
    DEMO_LOGINS.map(async (login: DemoLogin) => {
      const [passwordHash, pinHash] = await Promise.all([hashSecret(login.password), login.pin ? hashSecret(login.pin) : null]);
      return { login, passwordHash, pinHash };
    }),
  ).catch((error: unknown) => {
    demoHashes = null;
    throw error;
  });
  return demoHashes;
}

async function seedStaff(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, staff: readonly HashedLogin[]): Promise<void> {
  for (const s of staff) {
    const user = await createUser(trx, ctx, {
      username: s.login.username,
      displayName: s.login.displayName,
      role: s.login.role,
      passwordHash: s.passwordHash,
      cinemaId,
    });
    if (s.pinHash) await trx.updateTable('users').set({ pin_hash: s.pinHash, ...ctx.stamp() }).where('id', '=', user.id).execute();
  }
}

/**
 * Fills an empty database with the demo cinema: halls and seat maps, distributors, films with
 * ACTIVE contracts, prices, a week of sessions from today, concessions, a promocode, loyalty
 * customers and one user per role (DEMO_LOGINS). Does nothing once the database has any user.
 */
export async function seedDemo(services: CoreServices): Promise<void> {
  if (await hasUsers(services.db)) return;
  const started = performance.now();
  const staff = await hashedDemoLogins();
  const ctx = systemContext(services);
  const rule: BusinessDayRule = { timezone: DEMO_CINEMA.timezone, dayStart: DEMO_CINEMA.businessDayStart };
  const firstDate = businessDateOf(services.clock.now(), rule);

  const result = await services.db.transaction().execute(async (trx): Promise<SeedResult | null> => {
    if (await hasUsers(trx)) return null;
    const cinemaId = await seedCinema(trx, ctx);
    await registerTerminal(trx, ctx, cinemaId, services.signing.publicKeyPem);
    const { hallIds, seats } = await seedHalls(trx, ctx, cinemaId);
    const distributorIds = await seedDistributors(trx, ctx);
    const { filmIds, contracts } = await seedFilmsAndContracts(trx, ctx, cinemaId, distributorIds, firstDate);
    await seedPrices(trx, ctx, cinemaId);
    const sessions = await seedSessions(trx, ctx, hallIds, filmIds, firstDate);
    await seedConcessionsAndPromocode(trx, ctx, cinemaId, firstDate);
    await seedCustomers(trx, ctx, cinemaId);
    await seedStaff(trx, ctx, cinemaId, staff);
    const counts = {
      halls: hallIds.size,
      seats,
      distributors: distributorIds.size,
      films: filmIds.size,
      contracts,
      sessions,
      concessionItems: DEMO_CONCESSIONS.length,
      customers: DEMO_CUSTOMERS.length,
      users: staff.length,
    };
    await recordAudit(trx, ctx, {
      action: 'demo.seed',
      entity: 'cinema',
      entityId: cinemaId,
      details: { firstBusinessDate: firstDate, days: DEMO_DAYS, ...counts },
      userId: null,
    });
    return { cinemaId, counts };
  });
  if (!result) return;
  services.terminal.setCinema(result.cinemaId);
  services.log.info('Demo data created', { ...result.counts, ms: Math.round(performance.now() - started) });
}
