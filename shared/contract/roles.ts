import type { Role } from '../enums';

/** Role lists as SPEC.md's table gives them; ADMIN may do everything. */
export const ADMIN_ONLY = ['ADMIN'] as const satisfies readonly Role[];
export const MANAGERS = ['ADMIN', 'MANAGER'] as const satisfies readonly Role[];
export const SELLERS = ['ADMIN', 'MANAGER', 'CASHIER'] as const satisfies readonly Role[];
export const DOOR = ['ADMIN', 'MANAGER', 'USHER'] as const satisfies readonly Role[];
export const STAFF = ['ADMIN', 'MANAGER', 'CASHIER', 'USHER'] as const satisfies readonly Role[];
