import type { z } from 'zod';
import type { Role } from '../enums';

/**
 * Who may call an operation: nobody logged in ('public'), anyone logged in ('signed-in'),
 * or exactly the listed roles. The dispatcher enforces it on every call.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface OperationDef<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  access: Access;
  /** One line for the published contract and the docs. */
  summary: string;
  /** Phantom: carries the result type; never set at run time. */
  readonly __result?: R;
}

/** Declares an operation: `operation<Result>()({ input, access, summary })`. */
export function operation<R>() {
  return <I extends z.ZodType>(def: { input: I; access: Access; summary: string }): OperationDef<I, R> => def;
}

export function mayCall(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed-in') return true;
  return access.includes(role);
}
