import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which record, and when. Append-only: a trigger in the migration rejects UPDATE and DELETE,
 * so not even the application can rewrite history.
 */
@Entity('audit_log')
@Index('idx_audit_log_entity', ['entity', 'entityId'])
@Index('idx_audit_log_actor', ['actor', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_audit_log',
  })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /**
   * The API's request columns (migration 1764900000000): the caller's roles, address and the outcome (`ok`,
   * `refused:<status>`, `error:<status>`). Null on rows written outside the API (the CLI, workers) and on rows
   * older than the API, whose chain hashes were taken without these columns.
   */
  @Column({ name: 'actor_roles', type: 'text', array: true, nullable: true })
  actorRoles!: string[] | null;

  @Column({ name: 'remote_address', type: 'text', nullable: true })
  remoteAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** This row's entry in the custody chain, and that entry's link and hash (set by a trigger). */
  @Column({ name: 'chain_seq', type: 'bigint', nullable: true })
  chainSeq!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ name: 'row_hash', type: 'char', length: 64, nullable: true })
  rowHash!: string | null;
}
