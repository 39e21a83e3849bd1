import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IngestBatchEntity } from './ingest-batch.entity';
import { RetentionRecordEntity } from './retention-record.entity';

/**
 * A raw evidence file a retention record removed from the store: the batch (its row and SHA-256 stay), and where
 * the file was kept. The integrity sweep reports such a batch's file as retired, not missing. Append-only.
 */
@Entity('retention_file')
@Index('idx_retention_file_batch', ['batchId', 'id'])
export class RetentionFileEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_retention_file',
  })
  id!: string;

  @Column({ name: 'record_id', type: 'bigint' })
  recordId!: string;

  @ManyToOne(() => RetentionRecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_retention_file_record' })
  record?: RetentionRecordEntity;

  @Column({ name: 'batch_id', type: 'bigint' })
  batchId!: string;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_retention_file_batch' })
  batch?: IngestBatchEntity;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_path', type: 'text' })
  storagePath!: string;
}
