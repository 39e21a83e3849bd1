import type { Database } from '../data-source';

/** One request to the API as the audit log records it. */
export interface RequestAuditEntry {
  actor: string;
  actorRoles: readonly string[];
  /** `<METHOD> <route pattern>`, e.g. `POST /api/cases/:id/actions/:action`. */
  action: string;
  /** The kind of object (the route's policy subject) and its id (the route's `id` parameter). */
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
  remoteAddress: string | null;
  /** `ok`, `refused:<status>` or `error:<status>`. */
  outcome: string;
}

/** A row of the audit log as the API lists it. */
export interface AuditLogRow {
  id: string;
  occurredAt: Date;
  actor: string;
  actorRoles: string[] | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
  remoteAddress: string | null;
  outcome: string | null;
  rowHash: string | null;
}

/** Filters of the audit-log listing; `before` is the cursor (an id: rows older than it). */
export interface AuditLogQuery {
  actor?: string;
  /** `Case` (a kind), `Case:12` (one object) or `12` (an id of any kind). */
  object?: string;
  /** A prefix of the action (`POST /api/cases`). */
  action?: string;
  /** The request's outcome: allowed, refused (4xx), failed (5xx), or `none` for rows written outside the API. */
  outcome?: 'ok' | 'refused' | 'error' | 'none';
  /** Rows at or after this instant. */
  from?: Date;
  /** Rows before this instant. */
  to?: Date;
  before?: string;
  limit: number;
  /**
   * Only rows whose actor is an account of this region (officers with a region under it, firms whose credit
   * code's division code starts with it); rows of actors without an account (the CLI) are bureau-wide.
   */
  regionPrefix?: string;
}

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

  /** Appends one API request with the caller's roles, address and the outcome. */
  async appendRequest(e: RequestAuditEntry): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, details, actor_roles, remote_address, outcome)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
      [
        e.actor,
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.details),
        e.actorRoles,
        e.remoteAddress,
        e.outcome,
      ],
    );
  }

  /** Rows matching `q`, newest first, at most `q.limit`; the next page starts `before` the last id. */
  async query(q: AuditLogQuery): Promise<AuditLogRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.actor !== undefined) where.push(`l.actor = ${param(q.actor)}`);
    if (q.object !== undefined) {
      const sep = q.object.indexOf(':');
      if (sep > 0) {
        where.push(
          `l.entity = ${param(q.object.slice(0, sep))} AND l.entity_id = ${param(q.object.slice(sep + 1))}`,
        );
      } else {
        const p = param(q.object);
        where.push(`(l.entity = ${p} OR l.entity_id = ${p})`);
      }
    }
    if (q.action !== undefined) where.push(`starts_with(l.action, ${param(q.action)})`);
    if (q.outcome === 'none') where.push('l.outcome IS NULL');
    else if (q.outcome !== undefined) where.push(`split_part(l.outcome, ':', 1) = ${param(q.outcome)}`);
    if (q.from !== undefined) where.push(`l.occurred_at >= ${param(q.from.toISOString())}::timestamptz`);
    if (q.to !== undefined) where.push(`l.occurred_at < ${param(q.to.toISOString())}::timestamptz`);
    if (q.before !== undefined) where.push(`l.id < ${param(q.before)}::bigint`);
    if (q.regionPrefix !== undefined) {
      const p = param(q.regionPrefix);
      where.push(
        `EXISTS (SELECT 1 FROM user_account u WHERE u.username = l.actor
           AND (u.region_code LIKE ${p} || '%' OR substr(u.firm_credit_code, 3, 6) LIKE ${p} || '%'))`,
      );
    }
    return this.db.dataSource.query<AuditLogRow[]>(
      `SELECT l.id::text AS id, l.occurred_at AS "occurredAt", l.actor, l.actor_roles AS "actorRoles", l.action,
              l.entity, l.entity_id AS "entityId", l.details, l.remote_address AS "remoteAddress", l.outcome,
              l.row_hash AS "rowHash"
       FROM audit_log l ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY l.id DESC LIMIT ${param(q.limit)}`,
      params,
    );
  }
}
