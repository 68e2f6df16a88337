import type { Kysely, Transaction } from 'kysely';
import type { DB, Row } from '../db/tables';
import type { RequestContext } from '../context';
import { newId } from '../ids';
import { preparedQuery } from '../db/prepared-query';

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

// Most operations write one (db/prepared-query.ts: compiled once).
const insertAudit = preparedQuery((db, p: Row<'audit_log'>) =>
  db.insertInto('audit_log').values({
    id: p.id,
    at: p.at,
    user_id: p.user_id,
    override_user_id: p.override_user_id,
    terminal_id: p.terminal_id,
    action: p.action,
    entity: p.entity,
    entity_id: p.entity_id,
    details: p.details,
    updated_at: p.updated_at,
    origin: p.origin,
  }),
);

/** Appends to the audit log inside the caller's transaction, so the entry and the change land together. */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await insertAudit.run(db, {
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
  });
}
