import type { DealType, HallType, Role, SeatKind, TicketType } from '../../../shared/enums';

/*
 * The demo cinema as data: its logins, halls and seats, distributors, films, prices, concessions,
 * promocode and customers. seed-demo.ts turns it into rows; week-planner.ts lays out its sessions.
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
