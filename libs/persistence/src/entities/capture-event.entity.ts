import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DeviceEntity } from './device.entity';
import { IngestBatchEntity } from './ingest-batch.entity';

/**
 * A biometric capture as logged by a device. Evidence: written once by the bulk path, never updated.
 * Holds no image, only the snapshot's hash when the device gave one.
 */
@Entity('capture_event')
@Unique('uq_capture_event_identity', ['deviceId', 'eventKey'])
@Index('idx_capture_event_firm', ['firmId', 'id'])
// A block-range index on batch_id (migration 1764980000000), which TypeORM cannot declare.
@Index('idx_capture_event_batch', { synchronize: false })
export class CaptureEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_capture_event',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @Column({ name: 'device_id', type: 'bigint' })
  deviceId!: string;

  // No database foreign key on this bulk table: see migration 1764172800000.
  @ManyToOne(() => DeviceEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'fk_capture_event_device' })
  device?: DeviceEntity;

  /** `eventId` when the device gave one, else `sha256:` + the hash of the canonical record. */
  @Column({ name: 'event_key', type: 'text' })
  eventKey!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'subject_ref', type: 'text', nullable: true })
  subjectRef!: string | null;

  @Column({ name: 'match_score', type: 'double precision', nullable: true })
  matchScore!: number | null;

  @Column({ type: 'boolean', nullable: true })
  masked!: boolean | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ name: 'snapshot_sha256', type: 'char', length: 64, nullable: true })
  snapshotSha256!: string | null;

  @Column({ name: 'batch_id', type: 'bigint' })
  batchId!: string;

  @ManyToOne(() => IngestBatchEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_capture_event_batch' })
  batch?: IngestBatchEntity;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo!: number;
}
