import { z } from 'zod';
import { ROLES, type Role } from '../enums';
import { operation } from './operation';
import { ADMIN_ONLY } from './roles';
import { id, newPassword, nonEmpty, username } from './fields';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  hasPin: boolean;
}

const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

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
};
