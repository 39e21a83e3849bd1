import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { FirmEntity } from './firm.entity';

/**
 * One received file: chain-of-custody evidence (who, when, from where, its SHA-256) and the reconciled
 * counts `read = accepted + duplicates + conflicts + skipped + rejected`. The same bytes received again for the same
 * firm and kind are the same batch, so re-ingesting adds nothing.
 */
@Entity('ingest_batch')
@Unique('uq_ingest_batch_content', ['firmId', 'kind', 'sha256', 'sourceEntry'])
export class IngestBatchEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_ingest_batch',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_ingest_batch_firm' })
  firm?: FirmEntity;

  /** firm | devices | captures | consents */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_size', type: 'bigint' })
  fileSize!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'text' })
  format!: string;

  /** The entry inside a received archive ('' for a plain file). */
  @Column({ name: 'source_entry', type: 'text', default: '' })
  sourceEntry!: string;

  /** The detected (or forced) export format of a capture file, e.g. `hikvision-acs-search`. */
  @Column({ name: 'capture_format', type: 'text', nullable: true })
  captureFormat!: string | null;

  @Column({ type: 'text' })
  encoding!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_from', type: 'text' })
  submittedFrom!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Where the immutable, content-addressed copy of the raw file is kept. */
  @Column({ name: 'storage_path', type: 'text' })
  storagePath!: string;

  /**
   * receiving -> completed | failed; failed (or an abandoned receiving) -> discarded. Only completed batches
   * are evidence: audits, findings, cases and case files read nothing else.
   */
  @Column({ type: 'text' })
  status!: string;

  /** Why the batch failed: a stable error code (e.g. INGEST.FILE_UNREADABLE); null unless failed or discarded. */
  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  /** When the batch failed (or was discarded). */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ name: 'read_count', type: 'integer', default: 0 })
  readCount!: number;

  @Column({ name: 'accepted_count', type: 'integer', default: 0 })
  acceptedCount!: number;

  @Column({ name: 'duplicate_count', type: 'integer', default: 0 })
  duplicateCount!: number;

  /** Records under an identity already stored with different content: kept in quarantine, flagged. */
  @Column({ name: 'conflict_count', type: 'integer', default: 0 })
  conflictCount!: number;

  @Column({ name: 'skipped_count', type: 'integer', default: 0 })
  skippedCount!: number;

  @Column({ name: 'rejected_count', type: 'integer', default: 0 })
  rejectedCount!: number;
}
