import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { newId } from '../ids';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
  /** The manager whose PIN authorised this, when it was an override. */
  overrideUserId?: string | null;
  /** Who acted, when nobody is signed in yet (first run, failed logins). */
  userId?: string | null;
}

/** Appends to the audit log inside the caller's transaction, so the entry and the change land together. */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: ctx.clock.now().toISOString(),
      user_id: entry.userId !== undefined ? entry.userId : (ctx.user?.id ?? null),
      override_user_id: entry.overrideUserId ?? null,
      terminal_id: ctx.terminal.id,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      details: JSON.stringify(entry.details ?? {}),
      ...ctx.stamp(),
    })
    .execute();
}
