import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the custody chain, written only by the database's triggers (migration 1764820000000): a
 * custody event or an audit_log row, with the previous entry's hash and its own over
 * `seq \n kind \n entity \n entity_id \n payload::text \n prev_hash`. Append-only.
 */
@Entity('custody_event')
@Index('idx_custody_event_entity', ['entity', 'entityId'])
export class CustodyEventEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_custody_event' })
  seq!: string;

  /** `<table>.insert` or `<table>.update` */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  /** `{ row, rowHash, at }`, and for a batch changing status `evidence` (counts and digests of its rows). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ name: 'row_hash', type: 'char', length: 64 })
  rowHash!: string;
}
