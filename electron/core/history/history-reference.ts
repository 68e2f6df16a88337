import type Database from 'better-sqlite3';
import { addBusinessDays } from '../../../shared/business-day';
import type { HallType, SeatKind } from '../../../shared/enums';
import { DEMO_CONCESSIONS, hallSeats, type RowBlock } from '../demo/seed-demo';
import type { HistoryOptions, HistoryResult, Random } from './generate-history';
import type { HistoryInserts } from './history-inserts';

/*
 * The history's reference data: halls and seats, cashiers, distributors, films with their rental
 * contracts, concessions, a promocode and loyalty customers — everything the days then sell.
 */

// Names and shapes (fictional)

const DISTRIBUTORS = [
  ['Polarstern Filmverleih GmbH', 'DE301554721'],
  ['Kinowelt Classics Distribution GmbH', 'DE288410096'],
  ['Bright Harbour Pictures Ltd.', 'GB493827165'],
  ['Rheinufer Film AG', 'DE155920334'],
  ['Lumen Europa Releasing S.A.', 'FR40123456789'],
] as const;

const TITLE_A = ['The Silent', 'Midnight', 'Crimson', 'The Last', 'Golden', 'Broken', 'Hidden', 'Northern', 'Electric', 'Paper', 'Distant', 'Wild', 'Iron', 'Glass', 'Little', 'Burning'];
const TITLE_B = ['River', 'Horizon', 'Garden', 'Station', 'Orchard', 'Kingdom', 'Letters', 'Lighthouse', 'Summer', 'Harbour', 'Machine', 'Forest', 'Winter', 'Parade', 'Echo', 'Voyage'];
const GENRES: readonly { genres: readonly string[]; rating: string; family: boolean; minutes: number }[] = [
  { genres: ['Animation', 'Family'], rating: 'FSK 0', family: true, minutes: 92 },
  { genres: ['Drama'], rating: 'FSK 12', family: false, minutes: 118 },
  { genres: ['Comedy'], rating: 'FSK 6', family: false, minutes: 101 },
  { genres: ['Thriller', 'Crime'], rating: 'FSK 16', family: false, minutes: 112 },
  { genres: ['Science Fiction', 'Action'], rating: 'FSK 12', family: false, minutes: 141 },
  { genres: ['Horror'], rating: 'FSK 18', family: false, minutes: 97 },
  { genres: ['Documentary'], rating: 'FSK 0', family: false, minutes: 95 },
  { genres: ['Adventure', 'Family'], rating: 'FSK 6', family: true, minutes: 108 },
];

const CASHIERS = ['Nora Weiss', 'Tim Albrecht', 'Ida Sommer'];
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Finn', 'Greta', 'Hannes', 'Ines', 'Jakob', 'Kira', 'Luis', 'Mia', 'Noah', 'Olga', 'Paul'];
const LAST_NAMES = ['Schmidt', 'Müller', 'Weber', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann'];

/** One hall of the history: its type and rows (sizes vary from a 40-seat VIP room to a 300-seat IMAX). */
function hallShape(index: number): { name: string; type: HallType; cleaning: number; rows: RowBlock[] } {
  const n = index + 1;
  if (index === 0) {
    return {
      name: `Screen ${n} IMAX`,
      type: 'IMAX',
      cleaning: 25,
      rows: [
        { labels: 'A', seats: 20, aislesAfter: [4, 16], special: { 1: 'WHEELCHAIR', 2: 'COMPANION', 19: 'COMPANION', 20: 'WHEELCHAIR' } },
        { labels: 'BCDEFGHIJKLMN', seats: 20, aislesAfter: [4, 16] },
      ],
    };
  }
  if (index % 4 === 3) {
    return {
      name: `Screen ${n} VIP`,
      type: 'VIP',
      cleaning: 20,
      rows: [
        { labels: 'ABC', seats: 8, aislesAfter: [4], kind: 'VIP' },
        { labels: 'DE', seats: 8, aislesAfter: [2, 4, 6], kind: 'LOVESEAT' },
      ],
    };
  }
  const rows = 10 + (index % 3) * 2;
  const seats = 12 + (index % 2) * 4;
  return {
    name: `Screen ${n}`,
    type: 'STANDARD',
    cleaning: 15,
    rows: [
      { labels: 'A', seats, aislesAfter: [seats / 2], special: { 1: 'WHEELCHAIR', 2: 'COMPANION' } },
      { labels: 'BCDEFGHIJKLMNOP'.slice(0, rows - 1), seats, aislesAfter: [seats / 2] },
    ],
  };
}

export interface HallPlan {
  id: string;
  type: HallType;
  cleaning: number;
  seats: { id: string; kind: SeatKind }[];
}

export interface FilmPlan {
  id: string;
  contractId: string;
  title: string;
  minutes: number;
  family: boolean;
  late: boolean;
  /** Fraction of seats a prime-time show fills in the film's first week. */
  appeal: number;
  start: string;
  end: string;
}

export interface ReferenceWriter {
  sqlite: Database.Database;
  options: HistoryOptions;
  ins: HistoryInserts;
  random: Random;
  cinemaId: string;
  /** When reference rows are born (a month before the history starts). */
  seedAt: number;
  stampAt(at: number): { created_at: string; updated_at: string; origin: string };
  firstDate: string;
  lastDate: string;
  /** Counts of what was written (seats, films, contracts). */
  result: HistoryResult;
}

/** Writes the reference rows (in the caller's transaction) and returns what the days need of them. */
export function writeReferenceData(w: ReferenceWriter) {
  const { sqlite, options, ins, random, cinemaId, seedAt, stampAt, firstDate, lastDate, result } = w;
  const halls: HallPlan[] = [];
  const existingHalls = new Set((sqlite.prepare('SELECT name FROM halls WHERE cinema_id = ?').all(cinemaId) as { name: string }[]).map((h) => h.name));
  for (let i = 0; i < options.halls; i++) {
    const shape = hallShape(i);
    let name = shape.name;
    for (let k = 2; existingHalls.has(name); k++) name = `${shape.name} (${k})`;
    existingHalls.add(name);
    const id = random.uuid7(seedAt);
    ins.hall.run({ id, cinema_id: cinemaId, name, type: shape.type, cleaning_minutes: shape.cleaning, ...stampAt(seedAt) });
    const seats = hallSeats(shape).map((s) => {
      const seatId = random.uuid7(seedAt);
      ins.seat.run({ id: seatId, hall_id: id, ...s, ...stampAt(seedAt) });
      return { id: seatId, kind: s.kind };
    });
    result.seats += seats.length;
    halls.push({ id, type: shape.type, cleaning: shape.cleaning, seats });
  }

  const cashierIds: string[] = [];
  if (options.staffPasswordHash) {
    for (const displayName of CASHIERS) {
      const id = random.uuid7(seedAt);
      let username = displayName.toLowerCase().replace(/[^a-z]+/g, '.');
      if (sqlite.prepare('SELECT 1 FROM users WHERE username = ?').get(username)) username = `${username}.${id.slice(-4)}`;
      ins.user.run({ id, username, display_name: displayName, role: 'CASHIER', password_hash: options.staffPasswordHash, cinema_id: cinemaId, ...stampAt(seedAt) });
      cashierIds.push(id);
    }
  }
  for (const u of sqlite
    .prepare(`SELECT id FROM users WHERE active = 1 AND role IN ('CASHIER', 'MANAGER') AND (cinema_id = ? OR cinema_id IS NULL) ORDER BY role, username`)
    .all(cinemaId) as { id: string }[]) {
    if (!cashierIds.includes(u.id)) cashierIds.push(u.id);
  }
  if (cashierIds.length === 0) throw new Error('The cinema has no cashier to have sold the history: create one, or pass staffPasswordHash.');

  const distributorIds = DISTRIBUTORS.map(([legalName, taxId]) => {
    const id = random.uuid7(seedAt);
    ins.distributor.run({ id, legal_name: legalName, tax_id: taxId, contact_name: 'Booking desk', email: 'booking@distributor.example', ...stampAt(seedAt) });
    return id;
  });

  // Films: about two releases a week, each running 4–10 weeks from its release date; the
  // catalogue starts before the history so the first days have films in their later weeks.
  const films: FilmPlan[] = [];
  const perWeekReleases = Math.max(2, Math.ceil(options.halls / 4));
  let ninetyTen = false;
  for (let week = -8; week * 7 < options.days; week++) {
    for (let r = 0; r < perWeekReleases; r++) {
      const genre = random.pick(GENRES);
      const index = films.length;
      const title = `${TITLE_A[index % TITLE_A.length]} ${TITLE_B[Math.floor(index / TITLE_A.length) % TITLE_B.length]}${index >= TITLE_A.length * TITLE_B.length ? ` ${Math.floor(index / (TITLE_A.length * TITLE_B.length)) + 1}` : ''}`;
      const start = addBusinessDays(firstDate, week * 7 + random.int(0, 1));
      const weeks = random.int(4, 10);
      const end = addBusinessDays(start, weeks * 7 - 1);
      const filmId = random.uuid7(seedAt);
      const contractId = random.uuid7(seedAt);
      const distributorId = distributorIds[index % distributorIds.length]!;
      const minutes = genre.minutes + random.int(-12, 18);
      ins.film.run({
        id: filmId,
        title,
        duration_minutes: minutes,
        age_rating: genre.rating,
        genres: JSON.stringify(genre.genres),
        release_date: start,
        distributor_id: distributorId,
        ...stampAt(seedAt),
      });
      // Deals: the first blockbuster in the history is a 90/10 deal; every fifth film has a
      // weekly minimum guarantee; the rest are plain weekly percentages.
      const blockbuster = !ninetyTen && week >= 0 && genre.genres.includes('Action');
      if (blockbuster) ninetyTen = true;
      const splits = blockbuster ? [7000, 6000, 5000, 4000] : random.chance(0.5) ? [6000, 5000, 4000] : [5500, 4500, 4000, 3500];
      ins.contract.run({
        id: contractId,
        film_id: filmId,
        distributor_id: distributorId,
        cinema_id: cinemaId,
        start_date: start,
        end_date: end,
        deal_type: blockbuster ? 'NINETY_TEN' : 'PERCENTAGE',
        minimum_guarantee: !blockbuster && index % 5 === 4 ? 80_000 : null,
        house_allowance: blockbuster ? 250_000 : null,
        status: 'ACTIVE',
        ...stampAt(seedAt),
      });
      splits.forEach((percent_bp, i) => ins.split.run({ id: random.uuid7(seedAt), contract_id: contractId, week_number: i + 1, percent_bp, ...stampAt(seedAt) }));
      films.push({
        id: filmId,
        contractId,
        title,
        minutes,
        family: genre.family,
        late: genre.genres.includes('Horror') || genre.genres.includes('Thriller'),
        appeal: blockbuster ? 0.95 : 0.35 + random.next() * 0.5,
        start,
        end,
      });
    }
  }
  result.films = films.length;
  result.contracts = films.length;

  let items = sqlite.prepare('SELECT id, price, vat_bp FROM concession_items WHERE cinema_id = ? AND active = 1 ORDER BY name').all(cinemaId) as {
    id: string;
    price: number;
    vat_bp: number;
  }[];
  if (items.length === 0) {
    items = DEMO_CONCESSIONS.map((c) => {
      const id = random.uuid7(seedAt);
      ins.item.run({ id, cinema_id: cinemaId, name: c.name, category: c.category, price: c.price, vat_bp: c.vatBp, stock: null, ...stampAt(seedAt) });
      return { id, price: c.price, vat_bp: c.vatBp };
    });
  }

  let code = 'HISTORY15';
  for (let k = 2; sqlite.prepare('SELECT 1 FROM promocodes WHERE code = ?').get(code); k++) code = `HISTORY15-${k}`;
  const promocodeId = random.uuid7(seedAt);
  ins.promocode.run({ id: promocodeId, cinema_id: cinemaId, code, kind: 'PERCENT', value: 1500, valid_from: firstDate, valid_to: lastDate, applies_to: 'TICKETS', ...stampAt(seedAt) });

  const customers: { id: string; accountId: string; balance: number }[] = [];
  for (let i = 0; i < 200; i++) {
    const id = random.uuid7(seedAt);
    const accountId = random.uuid7(seedAt);
    const card = `H${String(options.seed ?? 1).padStart(3, '0')}${String(i + 1).padStart(6, '0')}-${id.slice(-6)}`;
    ins.customer.run({ id, name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`, phone: `+49 151 ${String(1_000_000 + i * 7919).slice(0, 7)}`, card_number: card, cinema_id: cinemaId, ...stampAt(seedAt) });
    ins.account.run({ id: accountId, customer_id: id, card_number: card, ...stampAt(seedAt) });
    customers.push({ id, accountId, balance: 0 });
  }
  return { halls, cashierIds, films, items, promocodeId, customers };
}
