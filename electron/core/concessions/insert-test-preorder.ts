import type { CoreServices } from '../context';
import type { PreorderStatus } from '../../../shared/enums';
import { newId } from '../ids';
import { stamp } from '../sync/stamp';
import { issuePickupCode } from './pickup-code';

/**
 * Tests only: a paid order with concession lines and their preorder, written straight into the
 * database as the sale would leave them (a shift for the terminal, the demo cashier, an order,
 * lines pointing at the preorder). Returns the preorder's id and pickup code.
 */
export async function insertTestPreorder(
  services: CoreServices,
  options: {
    items: { name: string; quantity: number }[];
    sessionId?: string | null;
    pickupCode?: string;
    status?: PreorderStatus;
    orderStatus?: 'PAID' | 'REFUNDED' | 'CANCELLED' | 'PARTIALLY_REFUNDED';
    promocodeId?: string | null;
    customerId?: string | null;
  },
): Promise<{ preorderId: string; pickupCode: string; orderId: string }> {
  const db = services.db;
  const terminal = services.terminal.get();
  const s = () => stamp(services.hlc, terminal.id);
  const now = services.clock.now().toISOString();
  const cinemaId = terminal.cinemaId!;
  const cashier = await db.selectFrom('users').select('id').where('role', '=', 'CASHIER').orderBy('created_at').executeTakeFirstOrThrow();
  return db.transaction().execute(async (trx) => {
    let shift = await trx.selectFrom('shifts').select('id').where('terminal_id', '=', terminal.id).where('status', '=', 'OPEN').executeTakeFirst();
    if (!shift) {
      shift = { id: newId() };
      await trx
        .insertInto('shifts')
        .values({ id: shift.id, cinema_id: cinemaId, terminal_id: terminal.id, cashier_id: cashier.id, opened_at: now, opening_float: 10000, ...s() })
        .execute();
    }
    const items = await Promise.all(
      options.items.map(async (i) => ({
        ...i,
        row: await trx.selectFrom('concession_items').selectAll().where('cinema_id', '=', cinemaId).where('name', '=', i.name).executeTakeFirstOrThrow(),
      })),
    );
    const subtotal = items.reduce((sum, i) => sum + i.quantity * i.row.price, 0);
    const orderId = newId();
    const status = options.orderStatus ?? 'PAID';
    await trx
      .insertInto('orders')
      .values({
        id: orderId,
        number: `T-${orderId.slice(-6).toUpperCase()}`,
        cinema_id: cinemaId,
        terminal_id: terminal.id,
        cashier_id: cashier.id,
        shift_id: shift.id,
        customer_id: options.customerId ?? null,
        promocode_id: options.promocodeId ?? null,
        subtotal,
        total: subtotal,
        status,
        paid_at: now,
        ...s(),
      })
      .execute();
    const pickupCode = options.pickupCode ?? (await issuePickupCode(trx, cinemaId));
    const preorderId = newId();
    await trx
      .insertInto('concession_preorders')
      .values({ id: preorderId, order_id: orderId, cinema_id: cinemaId, session_id: options.sessionId ?? null, pickup_code: pickupCode, status: options.status ?? 'PENDING', ...s() })
      .execute();
    for (const i of items) {
      await trx
        .insertInto('order_concession_lines')
        .values({
          id: newId(),
          order_id: orderId,
          item_id: i.row.id,
          quantity: i.quantity,
          unit_price: i.row.price,
          total: i.quantity * i.row.price,
          vat_bp: i.row.vat_bp,
          preorder_id: preorderId,
          ...s(),
        })
        .execute();
    }
    return { preorderId, pickupCode, orderId };
  });
}
