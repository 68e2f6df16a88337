import { z } from 'zod';
import { ROLES, type Role } from '../enums';
import { operation } from './operation';
import { ADMIN_ONLY } from './roles';
import { id, newPassword, nonEmpty, text, username } from './fields';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  hasPin: boolean;
}

const role = z.enum(ROLES, { message: 'enums:role' });

/** A manager override PIN: 4 to 8 digits, typed on the cashier's keypad. */
export const managerPin = text().regex(/^\d{4,8}$/, { message: 'schema:predicate.pinDigits' });

/** Roles that authorise overrides with a PIN (SPEC: manager overrides). */
export const PIN_ROLES: readonly Role[] = ['ADMIN', 'MANAGER'];

export const userOperations = {
  'users.list': operation<UserSummary[]>()({
    input: z.object({}).strict(),
    access: ADMIN_ONLY,
    summary: 'All staff accounts, active and deactivated.',
  }),
  'users.create': operation<UserSummary>()({
    input: z.object({ username, displayName: nonEmpty(80), role, password: newPassword }).strict(),
    access: ADMIN_ONLY,
    summary: 'Creates a staff account.',
  }),
  'users.setActive': operation<UserSummary>()({
    input: z.object({ userId: id, active: z.boolean() }).strict(),
    access: ADMIN_ONLY,
    summary: 'Deactivates (or reactivates) a staff account; a deactivated user is signed out at once.',
  }),
  'users.resetPassword': operation<null>()({
    input: z.object({ userId: id, password: newPassword }).strict(),
    access: ADMIN_ONLY,
    summary: "Sets a new password for a member of staff and ends that user's sessions.",
  }),
  'users.update': operation<UserSummary>()({
    input: z.object({ userId: id, displayName: nonEmpty(80), role }).strict(),
    access: ADMIN_ONLY,
    summary: "Changes a member of staff's display name and role (a role without overrides loses its PIN).",
  }),
  'users.setPin': operation<UserSummary>()({
    input: z.object({ userId: id, pin: managerPin }).strict(),
    access: ADMIN_ONLY,
    summary: "Sets or resets a manager's override PIN (managers and administrators only).",
  }),
  'users.clearPin': operation<UserSummary>()({
    input: z.object({ userId: id }).strict(),
    access: ADMIN_ONLY,
    summary: "Removes a manager's override PIN: they can no longer authorise overrides.",
  }),
};
