import { inOneTransaction, type AnyDb } from './one-transaction';

/**
 * The terminal's whole local schema as SPEC.md describes it.
 *
 * Conventions (ARCHITECTURE.md): ids are app-made UUIDv7 TEXT; instants are ISO-8601 UTC text
 * exactly as `Date.prototype.toISOString()` writes them (so text order is time order); dates are
 * `YYYY-MM-DD`; money is INTEGER minor units; rates are INTEGER basis points (10000 = 100 %);
 * booleans are 0/1. Every synced table carries `created_at`, `updated_at` (hybrid logical clock)
 * and `origin` (terminal id), and its writes land in `outbox` through triggers unless a sync pull
 * is applying (`sync_apply_flag.applying = 1`, set inside the pull's own transaction).
 *
 * A released migration never changes: value lists are written out here, not imported from
 * `shared/enums.ts` (the schema test checks that the two agree).
 */

// ---------------------------------------------------------------------------------------------
// Column helpers: each returns a SQL fragment, so the tables below read like the SPEC.

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const D = '[0-9]';
const INSTANT_GLOB = `${D}${D}${D}${D}-[01]${D}-[0-3]${D}T[0-2]${D}:[0-5]${D}:[0-5]${D}.${D}${D}${D}Z`;
const DATE_GLOB = `${D}${D}${D}${D}-[01]${D}-[0-3]${D}`;

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
/** `col TEXT NOT NULL CHECK (col IN (...))`, with an optional default. */
const oneOf = (col: string, values: readonly string[], dflt?: string) =>
  `${col} TEXT NOT NULL${dflt ? ` DEFAULT '${dflt}'` : ''} CHECK (${col} IN (${list(values)}))`;
/** An instant; `null` allows NULL, `'now'` defaults to the current time. */
const instant = (col: string, opts: { null?: boolean; now?: boolean } = {}) =>
  `${col} TEXT${opts.null ? '' : ' NOT NULL'}${opts.now ? ` DEFAULT ${NOW}` : ''} CHECK (${col} GLOB '${INSTANT_GLOB}')`;
const date = (col: string, nullable = false) => `${col} TEXT${nullable ? '' : ' NOT NULL'} CHECK (${col} GLOB '${DATE_GLOB}')`;
/** Local wall-clock time of day 'HH:MM'; `upTo24` also admits '24:00' (the end of a day). */
const clockTime = (col: string, dflt: string, upTo24 = false) =>
  `${col} TEXT NOT NULL DEFAULT '${dflt}' CHECK (${col} GLOB '[0-2]${D}:[0-5]${D}' AND ${col} ${upTo24 ? '<=' : '<'} '24:00')`;
/** Money in minor units that can't be negative. */
const money = (col: string, opts: { null?: boolean; dflt?: number } = {}) =>
  `${col} INTEGER${opts.null ? '' : ' NOT NULL'}${opts.dflt !== undefined ? ` DEFAULT ${opts.dflt}` : ''} CHECK (${col} >= 0)`;
/** Basis points in [min, 10000]. */
const bp = (col: string, opts: { null?: boolean; dflt?: number; positive?: boolean } = {}) =>
  `${col} INTEGER${opts.null ? '' : ' NOT NULL'}${opts.dflt !== undefined ? ` DEFAULT ${opts.dflt}` : ''} CHECK (${col} ${opts.positive ? '>' : '>='} 0 AND ${col} <= 10000)`;
const flag = (col: string, dflt: 0 | 1) => `${col} INTEGER NOT NULL DEFAULT ${dflt} CHECK (${col} IN (0, 1))`;
const name = (col: string) => `${col} TEXT NOT NULL CHECK (length(trim(${col})) > 0)`;
const json = (col: string, type: 'array' | 'object') =>
  `${col} TEXT NOT NULL DEFAULT '${type === 'array' ? '[]' : '{}'}' CHECK (json_valid(${col}) AND json_type(${col}) = '${type}')`;
const ref = (col: string, table: string, opts: { null?: boolean; cascade?: boolean } = {}) =>
  `${col} TEXT${opts.null ? '' : ' NOT NULL'} REFERENCES ${table} (id)${opts.cascade ? ' ON DELETE CASCADE' : ''}`;
const ID = 'id TEXT PRIMARY KEY NOT NULL';
/** What every synced row carries. */
const SYNCED = [
  instant('created_at', { now: true }),
  `updated_at TEXT NOT NULL CHECK (length(updated_at) > 0)`,
  `origin TEXT NOT NULL CHECK (length(origin) > 0)`,
].join(',\n  ');

const table = (tableName: string, ...defs: string[]) => `CREATE TABLE ${tableName} (\n  ${defs.join(',\n  ')}\n) STRICT`;
const index = (tableName: string, cols: string, where?: string) =>
  `CREATE INDEX idx_${tableName}_${cols.replace(/[^a-z_]+/g, '_').replace(/_+$/, '')} ON ${tableName} (${cols})${where ? ` WHERE ${where}` : ''}`;
const unique = (tableName: string, cols: string, where?: string) =>
  `CREATE UNIQUE INDEX uq_${tableName}_${cols.replace(/[^a-z_]+/g, '_').replace(/_+$/, '')} ON ${tableName} (${cols})${where ? ` WHERE ${where}` : ''}`;

const NOT_APPLYING = '(SELECT applying FROM sync_apply_flag WHERE id = 1) = 0';

// Value lists (copied, on purpose, from shared/enums.ts as of this migration).
const ROLES = ['ADMIN', 'MANAGER', 'CASHIER', 'USHER'];
const HALL_TYPES = ['STANDARD', 'VIP', 'IMAX', '4DX'];
const SEAT_KINDS = ['STANDARD', 'VIP', 'LOVESEAT', 'WHEELCHAIR', 'COMPANION'];
const DEAL_TYPES = ['PERCENTAGE', 'NINETY_TEN'];
const CONTRACT_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'];
const PAYMENT_HISTORY_KINDS = ['ACCRUAL', 'PAYMENT'];
const SESSION_STATUSES = ['SCHEDULED', 'ON_SALE', 'CANCELLED', 'CLOSED'];
const PRICE_FACTOR_DIMENSIONS = ['SEAT_KIND', 'TICKET_TYPE'];
const TICKET_TYPES = ['ADULT', 'CHILD', 'STUDENT', 'SENIOR'];
const TICKET_STATUSES = ['SOLD', 'REFUNDED', 'EXCHANGED'];
const REVOCATION_REASONS = ['REFUNDED', 'EXCHANGED', 'CONFLICT'];
const SCAN_RESULTS = ['VALID', 'ALREADY_USED', 'REFUNDED', 'WRONG_SESSION', 'TOO_EARLY', 'TOO_LATE', 'FORGED'];
const BONUS_TRANSACTION_KINDS = ['ACCRUAL', 'REDEMPTION', 'REVERSAL', 'ADJUSTMENT'];
const PROMOCODE_KINDS = ['PERCENT', 'FIXED'];
const PROMOCODE_SCOPES = ['TICKETS', 'CONCESSIONS', 'ALL'];
const ORDER_STATUSES = ['OPEN', 'PAID', 'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED'];
const PAYMENT_METHODS = ['CASH', 'CARD', 'BONUS'];
const PAYMENT_KINDS = ['PAYMENT', 'REFUND'];
const PREORDER_STATUSES = ['PENDING', 'READY', 'PICKED_UP', 'CANCELLED'];
const SHIFT_STATUSES = ['OPEN', 'CLOSED'];
const REPORT_FORMATS = ['PDF', 'XLSX'];
const OUTBOX_OPS = ['UPSERT', 'DELETE'];

/** Tables whose rows travel to and from the central database, in parent-before-child order. */
const SYNCED_TABLES = [
  'cinemas',
  'halls',
  'seats',
  'terminals',
  'users',
  'distributors',
  'films',
  'rental_contracts',
  'contract_splits',
  'contract_week_overrides',
  'payment_history',
  'sessions',
  'price_defaults',
  'price_factors',
  'customers',
  'bonus_accounts',
  'promocodes',
  'promocode_films',
  'concession_items',
  'shifts',
  'orders',
  'bonus_transactions',
  'concession_preorders',
  'order_concession_lines',
  'tickets',
  'ticket_revocations',
  'ticket_scans',
  'payments',
  'reports',
  'audit_log',
];

// ---------------------------------------------------------------------------------------------
// The schema, one SPEC area at a time. Statements run one by one (better-sqlite3 prepares one).

const STATEMENTS: string[] = [
  // Sync machinery (local only): the outbox, the apply flag that silences it, terminal metadata.
  table('local_meta', 'key TEXT PRIMARY KEY NOT NULL', 'value TEXT NOT NULL'),
  table(
    'sync_apply_flag',
    'id INTEGER PRIMARY KEY CHECK (id = 1)',
    'applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))',
  ),
  `INSERT INTO sync_apply_flag (id, applying) VALUES (1, 0)`,
  // Without its row every outbox trigger's WHEN would be NULL and changes would silently not sync.
  `CREATE TRIGGER sync_apply_flag_keep BEFORE DELETE ON sync_apply_flag
BEGIN
  SELECT RAISE(ABORT, 'the sync apply flag row must stay');
END`,
  table(
    'outbox',
    'seq INTEGER PRIMARY KEY AUTOINCREMENT',
    name('table_name'),
    name('row_id'),
    oneOf('op', OUTBOX_OPS),
    'hlc TEXT NOT NULL',
    instant('created_at', { now: true }),
  ),
  index('outbox', 'table_name, row_id'),

  // Staff sign-in throttling (local only).
  table(
    'login_attempts',
    'username TEXT PRIMARY KEY NOT NULL CHECK (username = lower(username))',
    'failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0)',
    instant('locked_until', { null: true }),
    instant('last_failure_at', { null: true }),
  ),

  // Cinemas → halls → seats (the only cascade in the schema).
  table(
    'cinemas',
    ID,
    name('name'),
    `address TEXT NOT NULL DEFAULT ''`,
    name('timezone'),
    `currency TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]')`,
    bp('ticket_vat_bp', { dflt: 0 }),
    clockTime('business_day_start', '06:00'),
    'week_start_day INTEGER NOT NULL DEFAULT 4 CHECK (week_start_day BETWEEN 0 AND 6)',
    'sales_close_minutes INTEGER NOT NULL DEFAULT 15 CHECK (sales_close_minutes >= 0)',
    'hold_minutes INTEGER NOT NULL DEFAULT 5 CHECK (hold_minutes > 0)',
    bp('bonus_accrual_bp', { dflt: 1000 }),
    bp('bonus_max_share_bp', { dflt: 5000 }),
    flag('hold_wheelchair_until_full', 1),
    flag('active', 1),
    SYNCED,
  ),
  table(
    'halls',
    ID,
    ref('cinema_id', 'cinemas', { cascade: true }),
    name('name'),
    oneOf('type', HALL_TYPES, 'STANDARD'),
    'cleaning_minutes INTEGER NOT NULL CHECK (cleaning_minutes >= 0)',
    flag('active', 1),
    SYNCED,
  ),
  unique('halls', 'cinema_id, name'),
  table(
    'seats',
    ID,
    ref('hall_id', 'halls', { cascade: true }),
    name('row_label'),
    'number INTEGER NOT NULL CHECK (number > 0)',
    'grid_x INTEGER NOT NULL CHECK (grid_x >= 0)',
    'grid_y INTEGER NOT NULL CHECK (grid_y >= 0)',
    oneOf('kind', SEAT_KINDS, 'STANDARD'),
    flag('active', 1),
    SYNCED,
  ),
  unique('seats', 'hall_id, row_label, number'),
  unique('seats', 'hall_id, grid_x, grid_y'),

  // Terminals and staff.
  table(
    'terminals',
    ID,
    ref('cinema_id', 'cinemas'),
    name('name'),
    name('public_key'),
    instant('revoked_at', { null: true }),
    SYNCED,
  ),
  index('terminals', 'cinema_id'),
  table(
    'users',
    ID,
    // Printable ASCII without spaces, so NOCASE (ASCII-only) really is case-insensitive.
    `username TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) > 0 AND username NOT GLOB '*[^!-~]*')`,
    name('display_name'),
    oneOf('role', ROLES),
    name('password_hash'),
    'pin_hash TEXT',
    ref('cinema_id', 'cinemas', { null: true }),
    flag('active', 1),
    SYNCED,
  ),
  index('users', 'cinema_id'),

  // Catalogue: distributors and films (shared by every cinema).
  table(
    'distributors',
    ID,
    name('legal_name'),
    'tax_id TEXT',
    'contact_name TEXT',
    'email TEXT',
    'phone TEXT',
    'address TEXT',
    'bank_name TEXT',
    'bank_account TEXT',
    'bank_code TEXT',
    flag('active', 1),
    SYNCED,
  ),
  table(
    'films',
    ID,
    name('title'),
    'duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0)',
    `age_rating TEXT NOT NULL DEFAULT ''`,
    json('genres', 'array'),
    date('release_date', true),
    ref('distributor_id', 'distributors', { null: true }),
    flag('active', 1),
    SYNCED,
  ),
  index('films', 'distributor_id'),

  // Rental contracts, weekly splits, overrides, and the settlement ledger (rules 2 and 11).
  table(
    'rental_contracts',
    ID,
    ref('film_id', 'films'),
    ref('distributor_id', 'distributors'),
    ref('cinema_id', 'cinemas'),
    date('start_date'),
    date('end_date'),
    oneOf('deal_type', DEAL_TYPES, 'PERCENTAGE'),
    money('minimum_guarantee', { null: true }),
    money('house_allowance', { null: true }),
    oneOf('status', CONTRACT_STATUSES, 'DRAFT'),
    SYNCED,
    'CHECK (end_date >= start_date)',
    `CHECK (deal_type <> 'NINETY_TEN' OR house_allowance IS NOT NULL)`,
  ),
  index('rental_contracts', 'film_id, cinema_id, status'),
  index('rental_contracts', 'distributor_id'),
  index('rental_contracts', 'cinema_id, start_date'),
  table(
    'contract_splits',
    ID,
    ref('contract_id', 'rental_contracts'),
    'week_number INTEGER NOT NULL CHECK (week_number >= 1)',
    bp('percent_bp', { positive: true }),
    SYNCED,
  ),
  unique('contract_splits', 'contract_id, week_number'),
  table(
    'contract_week_overrides',
    ID,
    ref('contract_id', 'rental_contracts'),
    'week_number INTEGER NOT NULL CHECK (week_number >= 1)',
    bp('percent_bp', { positive: true }),
    name('reason'),
    ref('user_id', 'users'),
    SYNCED,
  ),
  unique('contract_week_overrides', 'contract_id, week_number'),
  index('contract_week_overrides', 'user_id'),
  table(
    'payment_history',
    ID,
    ref('contract_id', 'rental_contracts'),
    oneOf('kind', PAYMENT_HISTORY_KINDS),
    'week_number INTEGER CHECK (week_number >= 1)',
    date('week_start_date', true),
    date('week_end_date', true),
    bp('percent_bp', { null: true, positive: true }),
    money('gross', { null: true }),
    money('discounts', { null: true }),
    money('net', { null: true }),
    money('amount_due', { dflt: 0 }),
    money('amount_paid', { dflt: 0 }),
    instant('paid_at', { null: true }),
    'method TEXT',
    'reference TEXT',
    SYNCED,
    'CHECK (week_end_date >= week_start_date)',
    // An accrual is what one contract week owes; a payment is money sent to the distributor.
    `CHECK (kind <> 'ACCRUAL' OR (week_number IS NOT NULL AND week_start_date IS NOT NULL AND week_end_date IS NOT NULL
      AND gross IS NOT NULL AND discounts IS NOT NULL AND net IS NOT NULL AND amount_paid = 0))`,
    `CHECK (kind <> 'PAYMENT' OR (amount_paid > 0 AND amount_due = 0 AND paid_at IS NOT NULL))`,
  ),
  unique('payment_history', 'contract_id, week_number', `kind = 'ACCRUAL'`),
  index('payment_history', 'contract_id, kind'),
  index('payment_history', 'week_start_date'),

  // Programme: sessions (rule 1's overlap and contract checks live in the domain code).
  table(
    'sessions',
    ID,
    ref('film_id', 'films'),
    ref('hall_id', 'halls'),
    instant('starts_at'),
    instant('ends_at'),
    'ads_minutes INTEGER NOT NULL DEFAULT 0 CHECK (ads_minutes >= 0)',
    money('base_price'),
    `format TEXT NOT NULL DEFAULT '2D' CHECK (length(format) > 0)`,
    `language TEXT NOT NULL DEFAULT ''`,
    'subtitles TEXT',
    oneOf('status', SESSION_STATUSES, 'SCHEDULED'),
    SYNCED,
    'CHECK (ends_at > starts_at)',
  ),
  index('sessions', 'hall_id, starts_at'),
  index('sessions', 'starts_at'),
  index('sessions', 'film_id, starts_at'),
  index('sessions', 'status'),

  // Prices (rule 3): base prices by hall type and time band, and multiplicative factors.
  table(
    'price_defaults',
    ID,
    ref('cinema_id', 'cinemas'),
    oneOf('hall_type', HALL_TYPES),
    // Bit d set = applies on weekday d (0 = Sunday … 6 = Saturday, as cinemas.week_start_day).
    'weekday_mask INTEGER NOT NULL DEFAULT 127 CHECK (weekday_mask BETWEEN 1 AND 127)',
    clockTime('band_start', '00:00'),
    clockTime('band_end', '24:00', true),
    money('base_price'),
    flag('active', 1),
    SYNCED,
    'CHECK (band_start < band_end)',
  ),
  index('price_defaults', 'cinema_id, hall_type'),
  table(
    'price_factors',
    ID,
    ref('cinema_id', 'cinemas'),
    oneOf('dimension', PRICE_FACTOR_DIMENSIONS),
    'key TEXT NOT NULL',
    'factor_bp INTEGER NOT NULL CHECK (factor_bp > 0)',
    SYNCED,
    `CHECK ((dimension = 'SEAT_KIND' AND key IN (${list(SEAT_KINDS)}))
      OR (dimension = 'TICKET_TYPE' AND key IN (${list(TICKET_TYPES)})))`,
  ),
  unique('price_factors', 'cinema_id, dimension, key'),

  // Seat holds (rule 4): local only, never synced; expired rows are simply ignored and swept.
  table(
    'seat_holds',
    ID,
    ref('session_id', 'sessions'),
    ref('seat_id', 'seats'),
    ref('terminal_id', 'terminals'),
    ref('user_id', 'users'),
    instant('created_at', { now: true }),
    instant('expires_at'),
    'CHECK (expires_at > created_at)',
  ),
  unique('seat_holds', 'session_id, seat_id'),
  index('seat_holds', 'seat_id'),
  index('seat_holds', 'terminal_id'),
  index('seat_holds', 'user_id'),
  index('seat_holds', 'expires_at'),

  // Loyalty: customers, bonus accounts and their ledger (rule 6).
  table(
    'customers',
    ID,
    name('name'),
    'phone TEXT',
    'email TEXT',
    'card_number TEXT UNIQUE CHECK (length(card_number) > 0)',
    ref('cinema_id', 'cinemas', { null: true }),
    SYNCED,
  ),
  index('customers', 'cinema_id'),
  index('customers', 'phone'),
  table(
    'bonus_accounts',
    ID,
    `customer_id TEXT NOT NULL UNIQUE REFERENCES customers (id)`,
    'card_number TEXT NOT NULL UNIQUE CHECK (length(card_number) > 0)',
    SYNCED,
  ),
  // bonus_transactions is created after orders (it refers to them).

  // Promocodes (rule 7). Codes are ASCII so NOCASE uniqueness is real; uses are counted from orders.
  table(
    'promocodes',
    ID,
    ref('cinema_id', 'cinemas', { null: true }),
    `code TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(code) > 0 AND code NOT GLOB '*[^A-Za-z0-9_-]*')`,
    oneOf('kind', PROMOCODE_KINDS),
    'value INTEGER NOT NULL CHECK (value > 0)',
    date('valid_from', true),
    date('valid_to', true),
    'max_uses INTEGER CHECK (max_uses > 0)',
    'per_customer_limit INTEGER CHECK (per_customer_limit > 0)',
    money('min_order', { dflt: 0 }),
    oneOf('applies_to', PROMOCODE_SCOPES, 'ALL'),
    flag('active', 1),
    SYNCED,
    `CHECK (kind <> 'PERCENT' OR value <= 10000)`,
    'CHECK (valid_to >= valid_from)',
  ),
  index('promocodes', 'cinema_id'),
  table('promocode_films', ID, ref('promocode_id', 'promocodes'), ref('film_id', 'films'), SYNCED),
  unique('promocode_films', 'promocode_id, film_id'),
  index('promocode_films', 'film_id'),

  // Concession items (the preorders come after orders).
  table(
    'concession_items',
    ID,
    ref('cinema_id', 'cinemas'),
    name('name'),
    `category TEXT NOT NULL DEFAULT ''`,
    money('price'),
    bp('vat_bp'),
    'stock INTEGER CHECK (stock >= 0)',
    flag('active', 1),
    SYNCED,
  ),
  index('concession_items', 'cinema_id'),

  // Shifts (rule 14): one open shift per terminal.
  table(
    'shifts',
    ID,
    ref('cinema_id', 'cinemas'),
    ref('terminal_id', 'terminals'),
    ref('cashier_id', 'users'),
    instant('opened_at'),
    money('opening_float'),
    instant('closed_at', { null: true }),
    money('counted_cash', { null: true }),
    'expected_cash INTEGER',
    'difference INTEGER',
    oneOf('status', SHIFT_STATUSES, 'OPEN'),
    SYNCED,
    'CHECK (closed_at >= opened_at)',
    `CHECK (status <> 'OPEN' OR closed_at IS NULL)`,
    `CHECK (status <> 'CLOSED' OR (closed_at IS NOT NULL AND counted_cash IS NOT NULL AND expected_cash IS NOT NULL
      AND difference IS NOT NULL AND difference = counted_cash - expected_cash))`,
  ),
  unique('shifts', 'terminal_id', `status = 'OPEN'`),
  index('shifts', 'terminal_id, opened_at'),
  index('shifts', 'cinema_id, opened_at'),
  index('shifts', 'cashier_id'),

  // Orders and their concession lines (rules 3, 5).
  table(
    'orders',
    ID,
    name('number'),
    ref('cinema_id', 'cinemas'),
    ref('terminal_id', 'terminals'),
    ref('cashier_id', 'users'),
    ref('shift_id', 'shifts'),
    ref('customer_id', 'customers', { null: true }),
    ref('promocode_id', 'promocodes', { null: true }),
    money('subtotal'),
    money('discount', { dflt: 0 }),
    money('total'),
    money('bonus_redeemed', { dflt: 0 }),
    money('bonus_earned', { dflt: 0 }),
    oneOf('status', ORDER_STATUSES, 'OPEN'),
    instant('paid_at', { null: true }),
    SYNCED,
    'CHECK (total = subtotal - discount)',
    'CHECK (bonus_redeemed <= total)',
    `CHECK (status IN ('OPEN', 'CANCELLED') OR paid_at IS NOT NULL)`,
  ),
  unique('orders', 'terminal_id, number'),
  index('orders', 'cinema_id, paid_at'),
  index('orders', 'cashier_id'),
  index('orders', 'shift_id'),
  index('orders', 'customer_id'),
  index('orders', 'promocode_id'),
  index('orders', 'created_at'),
  index('orders', 'paid_at'),
  table(
    'bonus_transactions',
    ID,
    ref('account_id', 'bonus_accounts'),
    oneOf('kind', BONUS_TRANSACTION_KINDS),
    // Signed: positive adds points, negative removes them.
    'amount INTEGER NOT NULL CHECK (amount <> 0)',
    ref('order_id', 'orders', { null: true }),
    'note TEXT',
    SYNCED,
    `CHECK (kind <> 'ACCRUAL' OR amount > 0)`,
    `CHECK (kind <> 'REDEMPTION' OR amount < 0)`,
  ),
  index('bonus_transactions', 'account_id'),
  index('bonus_transactions', 'order_id'),
  index('bonus_transactions', 'created_at'),
  `CREATE VIEW bonus_balances (account_id, balance) AS
SELECT a.id, COALESCE(SUM(t.amount), 0)
FROM bonus_accounts a LEFT JOIN bonus_transactions t ON t.account_id = a.id
GROUP BY a.id`,
  table(
    'concession_preorders',
    ID,
    ref('order_id', 'orders'),
    ref('cinema_id', 'cinemas'),
    ref('session_id', 'sessions', { null: true }),
    `pickup_code TEXT NOT NULL CHECK (length(pickup_code) = 6 AND pickup_code NOT GLOB '*[^A-Z0-9]*')`,
    oneOf('status', PREORDER_STATUSES, 'PENDING'),
    instant('ready_at', { null: true }),
    instant('picked_up_at', { null: true }),
    SYNCED,
  ),
  unique('concession_preorders', 'cinema_id, pickup_code', `status IN ('PENDING', 'READY')`),
  index('concession_preorders', 'cinema_id, status'),
  index('concession_preorders', 'order_id'),
  index('concession_preorders', 'session_id'),
  table(
    'order_concession_lines',
    ID,
    ref('order_id', 'orders'),
    ref('item_id', 'concession_items'),
    'quantity INTEGER NOT NULL CHECK (quantity > 0)',
    money('unit_price'),
    money('discount', { dflt: 0 }),
    money('total'),
    bp('vat_bp'),
    'refunded_quantity INTEGER NOT NULL DEFAULT 0 CHECK (refunded_quantity >= 0 AND refunded_quantity <= quantity)',
    ref('preorder_id', 'concession_preorders', { null: true }),
    SYNCED,
    'CHECK (total = quantity * unit_price - discount)',
  ),
  index('order_concession_lines', 'order_id'),
  index('order_concession_lines', 'item_id'),
  index('order_concession_lines', 'preorder_id'),

  // Tickets (rules 5, 8, 9): one live ticket per seat and session.
  table(
    'tickets',
    ID,
    ref('session_id', 'sessions'),
    ref('seat_id', 'seats'),
    ref('order_id', 'orders'),
    oneOf('ticket_type', TICKET_TYPES, 'ADULT'),
    money('price'),
    money('discount', { dflt: 0 }),
    oneOf('status', TICKET_STATUSES, 'SOLD'),
    name('qr_payload'),
    ref('sold_by', 'users'),
    ref('terminal_id', 'terminals'),
    instant('sold_at'),
    instant('scanned_at', { null: true }),
    ref('scanned_by', 'users', { null: true }),
    ref('scanned_terminal_id', 'terminals', { null: true }),
    ref('exchanged_to_ticket_id', 'tickets', { null: true }),
    SYNCED,
    'CHECK (discount <= price)',
    `CHECK (exchanged_to_ticket_id IS NULL OR (status = 'EXCHANGED' AND exchanged_to_ticket_id <> id))`,
    'CHECK (scanned_at IS NOT NULL OR (scanned_by IS NULL AND scanned_terminal_id IS NULL))',
  ),
  unique('tickets', 'session_id, seat_id', `status = 'SOLD'`),
  index('tickets', 'session_id, status'),
  index('tickets', 'seat_id'),
  index('tickets', 'order_id'),
  index('tickets', 'sold_at'),
  index('tickets', 'sold_by'),
  index('tickets', 'terminal_id'),
  index('tickets', 'scanned_by'),
  index('tickets', 'scanned_terminal_id'),
  index('tickets', 'exchanged_to_ticket_id'),
  table(
    'ticket_revocations',
    ID,
    `ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id)`,
    oneOf('reason', REVOCATION_REASONS),
    instant('revoked_at'),
    SYNCED,
  ),
  table(
    'ticket_scans',
    ID,
    ref('ticket_id', 'tickets', { null: true }),
    ref('session_id', 'sessions'),
    oneOf('result', SCAN_RESULTS),
    instant('scanned_at'),
    ref('user_id', 'users'),
    ref('terminal_id', 'terminals'),
    // The raw code as scanned: what a forged or unknown ticket looked like.
    'payload TEXT',
    SYNCED,
  ),
  index('ticket_scans', 'ticket_id'),
  index('ticket_scans', 'session_id, scanned_at'),
  index('ticket_scans', 'user_id'),
  index('ticket_scans', 'terminal_id'),
  index('ticket_scans', 'scanned_at'),

  // Payments (rules 5, 8): money in and out, per order and shift.
  table(
    'payments',
    ID,
    ref('order_id', 'orders'),
    ref('shift_id', 'shifts'),
    oneOf('method', PAYMENT_METHODS),
    oneOf('kind', PAYMENT_KINDS, 'PAYMENT'),
    'amount INTEGER NOT NULL CHECK (amount > 0)',
    money('cash_tendered', { null: true }),
    money('change_given', { null: true }),
    'card_approval_code TEXT',
    `card_last4 TEXT CHECK (card_last4 GLOB '${D}${D}${D}${D}')`,
    ref('refunds_payment_id', 'payments', { null: true }),
    SYNCED,
    `CHECK (method = 'CASH' OR (cash_tendered IS NULL AND change_given IS NULL))`,
    `CHECK (method = 'CARD' OR (card_approval_code IS NULL AND card_last4 IS NULL))`,
    'CHECK (cash_tendered IS NULL OR cash_tendered >= amount)',
    'CHECK (cash_tendered IS NULL OR change_given IS NULL OR change_given = cash_tendered - amount)',
    `CHECK (refunds_payment_id IS NULL OR (kind = 'REFUND' AND refunds_payment_id <> id))`,
  ),
  index('payments', 'order_id'),
  index('payments', 'shift_id, method'),
  index('payments', 'refunds_payment_id'),
  index('payments', 'created_at'),

  // Reports (rule 15): what was generated, by whom; the file stays on the terminal that made it.
  table(
    'reports',
    ID,
    ref('cinema_id', 'cinemas'),
    name('kind'),
    json('parameters', 'object'),
    oneOf('format', REPORT_FORMATS),
    name('file_path'),
    instant('generated_at'),
    ref('generated_by', 'users'),
    SYNCED,
  ),
  index('reports', 'cinema_id, generated_at'),
  index('reports', 'generated_by'),

  // Audit log: append-only. No FK on terminal_id, so the first run and failed sign-ins (before
  // this terminal's row exists) can still be recorded.
  table(
    'audit_log',
    ID,
    instant('at'),
    ref('user_id', 'users', { null: true }),
    ref('override_user_id', 'users', { null: true }),
    name('terminal_id'),
    name('action'),
    name('entity'),
    'entity_id TEXT',
    json('details', 'object'),
    `updated_at TEXT NOT NULL CHECK (length(updated_at) > 0)`,
    `origin TEXT NOT NULL CHECK (length(origin) > 0)`,
  ),
  index('audit_log', 'at'),
  index('audit_log', 'user_id'),
  index('audit_log', 'override_user_id'),
  index('audit_log', 'terminal_id'),
  index('audit_log', 'entity, entity_id'),
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END`,

  // A ticket or hold is for a seat of the session's hall. Not checked while a pull applies
  // rows (they may arrive before the session or seat they refer to).
  ...(['tickets', 'seat_holds'] as const).flatMap((t) =>
    ['INSERT', 'UPDATE OF session_id, seat_id'].map(
      (event) => `CREATE TRIGGER ${t}_seat_in_session_hall_${event.startsWith('INSERT') ? 'insert' : 'update'}
BEFORE ${event} ON ${t}
WHEN ${NOT_APPLYING}
  AND (SELECT hall_id FROM seats WHERE id = NEW.seat_id) IS NOT (SELECT hall_id FROM sessions WHERE id = NEW.session_id)
BEGIN
  SELECT RAISE(ABORT, 'the seat is not in the hall of this session');
END`,
    ),
  ),

  // Outbox: every local write of a synced row, unless a sync pull is applying it.
  ...SYNCED_TABLES.flatMap((t) => [
    `CREATE TRIGGER ${t}_outbox_insert AFTER INSERT ON ${t}
WHEN ${NOT_APPLYING}
BEGIN
  INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('${t}', NEW.id, 'UPSERT', NEW.updated_at);
END`,
    `CREATE TRIGGER ${t}_outbox_update AFTER UPDATE ON ${t}
WHEN ${NOT_APPLYING}
BEGIN
  INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('${t}', NEW.id, 'UPSERT', NEW.updated_at);
END`,
    `CREATE TRIGGER ${t}_outbox_delete AFTER DELETE ON ${t}
WHEN ${NOT_APPLYING}
BEGIN
  INSERT INTO outbox (table_name, row_id, op, hlc) VALUES ('${t}', OLD.id, 'DELETE', OLD.updated_at);
END`,
  ]),
];

/** Every table this migration creates, children before parents (the order `down` drops them). */
const DROP_ORDER = [
  'audit_log',
  'reports',
  'payments',
  'ticket_scans',
  'ticket_revocations',
  'tickets',
  'order_concession_lines',
  'concession_preorders',
  'bonus_transactions',
  'orders',
  'shifts',
  'concession_items',
  'promocode_films',
  'promocodes',
  'bonus_accounts',
  'customers',
  'seat_holds',
  'price_factors',
  'price_defaults',
  'sessions',
  'payment_history',
  'contract_week_overrides',
  'contract_splits',
  'rental_contracts',
  'films',
  'distributors',
  'users',
  'terminals',
  'seats',
  'halls',
  'cinemas',
  'login_attempts',
  'outbox',
  'sync_apply_flag',
  'local_meta',
];


export async function up(db: AnyDb): Promise<void> {
  await inOneTransaction(db, STATEMENTS);
}

export async function down(db: AnyDb): Promise<void> {
  await inOneTransaction(db, ['DROP VIEW IF EXISTS bonus_balances', ...DROP_ORDER.map((t) => `DROP TABLE IF EXISTS ${t}`)]);
}
