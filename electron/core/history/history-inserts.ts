import type Database from 'better-sqlite3';

/** The history generator's insert statements, prepared once per run: one per table it fills. */
export function prepareHistoryInserts(sqlite: Database.Database) {
  const insert = (table: string, columns: readonly string[]) =>
    sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const SYNC = ['created_at', 'updated_at', 'origin'] as const;
  // The million-row tables bind by position (better-sqlite3 looks every named parameter up in the
  // object it is given; an argument list is bound as it comes), with their columns in this order.
  const insertByPosition = (table: string, columns: readonly string[]) =>
    sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  return {
    hall: insert('halls', ['id', 'cinema_id', 'name', 'type', 'cleaning_minutes', ...SYNC]),
    seat: insert('seats', ['id', 'hall_id', 'row_label', 'number', 'grid_x', 'grid_y', 'kind', ...SYNC]),
    user: insert('users', ['id', 'username', 'display_name', 'role', 'password_hash', 'cinema_id', ...SYNC]),
    distributor: insert('distributors', ['id', 'legal_name', 'tax_id', 'contact_name', 'email', ...SYNC]),
    film: insert('films', ['id', 'title', 'duration_minutes', 'age_rating', 'genres', 'release_date', 'distributor_id', ...SYNC]),
    contract: insert('rental_contracts', ['id', 'film_id', 'distributor_id', 'cinema_id', 'start_date', 'end_date', 'deal_type', 'minimum_guarantee', 'house_allowance', 'status', ...SYNC]),
    split: insert('contract_splits', ['id', 'contract_id', 'week_number', 'percent_bp', ...SYNC]),
    item: insert('concession_items', ['id', 'cinema_id', 'name', 'category', 'price', 'vat_bp', 'stock', ...SYNC]),
    promocode: insert('promocodes', ['id', 'cinema_id', 'code', 'kind', 'value', 'valid_from', 'valid_to', 'applies_to', ...SYNC]),
    customer: insert('customers', ['id', 'name', 'phone', 'card_number', 'cinema_id', ...SYNC]),
    account: insert('bonus_accounts', ['id', 'customer_id', 'card_number', ...SYNC]),
    session: insert('sessions', ['id', 'film_id', 'hall_id', 'starts_at', 'ends_at', 'ads_minutes', 'base_price', 'format', 'language', 'status', ...SYNC]),
    shift: insert('shifts', ['id', 'cinema_id', 'terminal_id', 'cashier_id', 'opened_at', 'opening_float', 'closed_at', 'counted_cash', 'expected_cash', 'difference', 'status', ...SYNC]),
    order: insertByPosition('orders', ['id', 'number', 'cinema_id', 'terminal_id', 'cashier_id', 'shift_id', 'customer_id', 'promocode_id', 'subtotal', 'discount', 'total', 'bonus_redeemed', 'bonus_earned', 'status', 'paid_at', ...SYNC]),
    ticket: insertByPosition('tickets', ['id', 'session_id', 'seat_id', 'order_id', 'ticket_type', 'price', 'discount', 'status', 'qr_payload', 'sold_by', 'terminal_id', 'sold_at', ...SYNC]),
    revocation: insert('ticket_revocations', ['id', 'ticket_id', 'reason', 'revoked_at', ...SYNC]),
    line: insertByPosition('order_concession_lines', ['id', 'order_id', 'item_id', 'quantity', 'unit_price', 'discount', 'total', 'vat_bp', 'refunded_quantity', ...SYNC]),
    payment: insertByPosition('payments', ['id', 'order_id', 'shift_id', 'method', 'kind', 'amount', 'cash_tendered', 'change_given', 'card_approval_code', 'card_last4', 'refunds_payment_id', ...SYNC]),
    bonus: insert('bonus_transactions', ['id', 'account_id', 'kind', 'amount', 'order_id', 'note', ...SYNC]),
  };
}

export type HistoryInserts = ReturnType<typeof prepareHistoryInserts>;
