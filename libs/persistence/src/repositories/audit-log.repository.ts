import type { Database } from '../data-source';

/** Appends to the audit log (who touched which record, when). There is no other operation. */
export class AuditLogRepository {
  constructor(private readonly db: Database) {}

  async append(
    actor: string,
    action: string,
    entity: string,
    entityId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5)`,
      [actor, action, entity, entityId, JSON.stringify(details)],
    );
  }

  async entries(
    entity: string,
    entityId: string,
  ): Promise<{ actor: string; action: string; occurredAt: Date; details: Record<string, unknown> }[]> {
    return this.db.dataSource.query(
      `SELECT actor, action, occurred_at AS "occurredAt", details FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
      [entity, entityId],
    );
  }
}
