import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * What one retention run removed for one closed case past retention: the pseudonyms whose sealed clear reference
 * was deleted (the pseudonyms stay in the evidence, no longer re-identifiable) and how many raw files went (each in
 * `retention_file`). Append-only; written only when something was removed.
 */
@Entity('retention_record')
@Index('idx_retention_record_case', ['caseId', 'id'])
export class RetentionRecordEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_retention_record',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_retention_record_case' })
  case?: CaseEntity;

  /** The schedule run's business key (`retention:once:<period>`), or who ran it by hand. */
  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ name: 'removed_at', type: 'timestamptz' })
  removedAt!: Date;

  @Column({ type: 'text', array: true })
  pseudonyms!: string[];

  @Column({ name: 'pseudonyms_removed', type: 'integer' })
  pseudonymsRemoved!: number;

  @Column({ name: 'files_removed', type: 'integer' })
  filesRemoved!: number;
}
