import type { Role } from '../../../shared/enums';

export type AreaId = 'counter' | 'door' | 'programme' | 'contracts' | 'prices' | 'setup' | 'users' | 'stand' | 'orders' | 'promocodes' | 'concessions' | 'sync' | 'dashboard' | 'reports' | 'settlements' | 'backups' | 'journal';

export interface Area {
  id: AreaId;
  label: string;
  /** One line under the label, for the navigation's title. */
  purpose: string;
  roles: readonly Role[];
}

/** Every area of the app, in navigation order, with the roles that work in it. */
export const AREAS: readonly Area[] = [
  { id: 'counter', label: 'Counter', purpose: "Today's sessions and seats", roles: ['ADMIN', 'CASHIER'] },
  { id: 'door', label: 'Door', purpose: 'Sessions at the hall doors', roles: ['ADMIN', 'USHER'] },
  { id: 'programme', label: 'Programme', purpose: 'The week ahead, hall by hall', roles: ['ADMIN', 'MANAGER'] },
  { id: 'dashboard', label: 'Dashboard', purpose: 'Today and this week: revenue, tickets, occupancy', roles: ['ADMIN', 'MANAGER'] },
  { id: 'reports', label: 'Reports', purpose: 'Revenue, popularity, concessions, Z reports — PDF and Excel', roles: ['ADMIN', 'MANAGER'] },
  { id: 'settlements', label: 'Settlements', purpose: 'What each distributor is owed, and payments', roles: ['ADMIN', 'MANAGER'] },
  { id: 'contracts', label: 'Contracts', purpose: 'Rental contracts and weekly splits', roles: ['ADMIN', 'MANAGER'] },
  { id: 'prices', label: 'Prices', purpose: 'Base prices, factors and a price preview', roles: ['ADMIN', 'MANAGER'] },
  { id: 'setup', label: 'Setup', purpose: 'Halls and seat maps, films, distributors, cinema settings', roles: ['ADMIN', 'MANAGER'] },
  { id: 'promocodes', label: 'Promocodes', purpose: 'Discount codes and their uses', roles: ['ADMIN', 'MANAGER'] },
  { id: 'concessions', label: 'Concessions', purpose: 'Snack and drink items, prices, stock', roles: ['ADMIN', 'MANAGER'] },
  { id: 'stand', label: 'Stand', purpose: 'Concession preorders: pack and hand over', roles: ['ADMIN', 'MANAGER', 'CASHIER'] },
  { id: 'orders', label: 'Orders', purpose: "Today's orders: reprint, refund, exchange", roles: ['ADMIN', 'MANAGER', 'CASHIER'] },
  { id: 'users', label: 'Users', purpose: 'Staff accounts', roles: ['ADMIN'] },
  { id: 'backups', label: 'Backups', purpose: "This terminal's database backups, and one now", roles: ['ADMIN'] },
  { id: 'journal', label: 'Money trail', purpose: 'Signed journal of every sale and Z report; audit export', roles: ['ADMIN', 'MANAGER'] },
  { id: 'sync', label: 'Sync', purpose: 'Central database connection and conflicts between terminals', roles: ['ADMIN', 'MANAGER'] },
];

export function areasFor(role: Role): Area[] {
  return AREAS.filter((a) => a.roles.includes(role));
}

/** The area named by the address ("#/door"), if this role works there; else the role's first area. */
export function resolveArea(hash: string, role: Role): Area | null {
  const allowed = areasFor(role);
  const wanted = /^#\/?([a-z-]+)/.exec(hash)?.[1];
  return allowed.find((a) => a.id === wanted) ?? allowed[0] ?? null;
}

export function hrefOf(area: AreaId): string {
  return `#/${area}`;
}

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'Administrator',
  MANAGER: 'Manager',
  CASHIER: 'Cashier',
  USHER: 'Usher',
};
