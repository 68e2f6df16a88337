import type { Role } from '../../../shared/enums';

export type AreaId = 'counter' | 'door' | 'programme' | 'contracts' | 'prices' | 'setup' | 'users' | 'stand' | 'orders' | 'promocodes' | 'concessions' | 'sync' | 'dashboard' | 'reports' | 'settlements' | 'backups' | 'journal';

/** An area of the app; its name and one line on its purpose are in the catalogue (common:area.<id>). */
export interface Area {
  id: AreaId;
  roles: readonly Role[];
}

/** Every area of the app, in navigation order, with the roles that work in it. */
export const AREAS: readonly Area[] = [
  { id: 'counter', roles: ['ADMIN', 'CASHIER'] },
  { id: 'door', roles: ['ADMIN', 'USHER'] },
  { id: 'programme', roles: ['ADMIN', 'MANAGER'] },
  { id: 'dashboard', roles: ['ADMIN', 'MANAGER'] },
  { id: 'reports', roles: ['ADMIN', 'MANAGER'] },
  { id: 'settlements', roles: ['ADMIN', 'MANAGER'] },
  { id: 'contracts', roles: ['ADMIN', 'MANAGER'] },
  { id: 'prices', roles: ['ADMIN', 'MANAGER'] },
  { id: 'setup', roles: ['ADMIN', 'MANAGER'] },
  { id: 'promocodes', roles: ['ADMIN', 'MANAGER'] },
  { id: 'concessions', roles: ['ADMIN', 'MANAGER'] },
  { id: 'stand', roles: ['ADMIN', 'MANAGER', 'CASHIER'] },
  { id: 'orders', roles: ['ADMIN', 'MANAGER', 'CASHIER'] },
  { id: 'users', roles: ['ADMIN'] },
  { id: 'backups', roles: ['ADMIN'] },
  { id: 'journal', roles: ['ADMIN', 'MANAGER'] },
  { id: 'sync', roles: ['ADMIN', 'MANAGER'] },
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
