import type { SessionUser } from '../../../shared/contract';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { verifyManagerPin } from '../auth/manager-override';

/** Who may refund or exchange after a session started (rule 8): a manager, or a cashier with a manager's PIN. */
export interface Approval {
  /** The manager whose PIN was typed; null when the caller is a manager or none was typed. */
  manager: SessionUser | null;
  callerIsManager: boolean;
}

/** Checks a typed PIN BEFORE the transaction opens (scrypt is slow); a wrong PIN is refused at once. */
export async function approvalFor(ctx: SignedInContext, pin: string | undefined): Promise<Approval> {
  const callerIsManager = ctx.user.role === 'MANAGER' || ctx.user.role === 'ADMIN';
  if (!pin || callerIsManager) return { manager: null, callerIsManager };
  return { manager: await verifyManagerPin(ctx.db, pin, ctx), callerIsManager };
}

/**
 * Inside the transaction: refuses with OVERRIDE_REQUIRED when something needs a manager — a session
 * that started, a ticket already let in at the door, items already handed over — and no manager
 * approved. Returns the approving manager's id for the audit (null: none was needed or the caller is one).
 */
export function requireApproval(approval: Approval, why: readonly string[]): string | null {
  if (why.length === 0) return null;
  if (approval.callerIsManager) return null;
  if (approval.manager) return approval.manager.id;
  throw new DomainError('OVERRIDE_REQUIRED', { key: 'refusals:refunds.refundExchangeNeedsManager', values: { join: why.join('; ') } }, { why: [...why] });
}
