import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IngestBatchEntity } from './ingest-batch.entity';

/** A finished chunk of a batch's file: how many records it read and skipped. Written once per chunk. */
@Entity('ingest_chunk')
export class IngestChunkEntity {
  @PrimaryColumn({ name: 'batch_id', type: 'bigint', primaryKeyConstraintName: 'pk_ingest_chunk' })
  batchId!: string;

  @PrimaryColumn({ name: 'chunk_no', type: 'integer', primaryKeyConstraintName: 'pk_ingest_chunk' })
  chunkNo!: number;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_ingest_chunk_batch' })
  batch?: IngestBatchEntity;

  @Column({ name: 'first_line', type: 'integer' })
  firstLine!: number;

  @Column({ name: 'read_count', type: 'integer' })
  readCount!: number;

  @Column({ name: 'skipped_count', type: 'integer' })
  skippedCount!: number;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;
}
