import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { IngestBatchEntity } from './ingest-batch.entity';

/** An input line that could not be stored, with the reason: nothing is dropped silently. */
@Entity('quarantined_record')
@Unique('uq_quarantined_record_line', ['batchId', 'lineNo'])
export class QuarantinedRecordEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_quarantined_record',
  })
  id!: string;

  @Column({ name: 'batch_id', type: 'bigint' })
  batchId!: string;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_quarantined_record_batch' })
  batch?: IngestBatchEntity;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo!: number;

  @Column({ type: 'text', nullable: true })
  field!: string | null;

  @Column({ name: 'reason_code', type: 'text' })
  reasonCode!: string;

  @Column({ type: 'text' })
  message!: string;

  /** The line as received (truncated past 64 KiB; `raw_sha256` is of the whole line). */
  @Column({ name: 'raw_text', type: 'text' })
  rawText!: string;

  @Column({ name: 'raw_sha256', type: 'char', length: 64 })
  rawSha256!: string;
}
