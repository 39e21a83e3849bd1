import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { FirmEntity } from './firm.entity';
import { IngestBatchEntity } from './ingest-batch.entity';

@Entity('consent_record')
@Unique('uq_consent_record_identity', ['firmId', 'consentId'])
@Index('idx_consent_record_subject', ['firmId', 'subjectRef'])
@Index('idx_consent_record_batch_line', ['batchId', 'lineNo'])
export class ConsentRecordEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_consent_record',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_consent_record_firm' })
  firm?: FirmEntity;

  @Column({ name: 'consent_id', type: 'text' })
  consentId!: string;

  @Column({ name: 'subject_ref', type: 'text' })
  subjectRef!: string;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt!: Date;

  @Column({ type: 'text', array: true })
  purposes!: string[];

  @Column({ type: 'text' })
  method!: string;

  @Column({ name: 'separate_consent', type: 'boolean' })
  separateConsent!: boolean;

  @Column({ name: 'guardian_consent', type: 'boolean' })
  guardianConsent!: boolean;

  @Column({ name: 'subject_birth_date', type: 'date', nullable: true })
  subjectBirthDate!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'notice_version', type: 'text', nullable: true })
  noticeVersion!: string | null;

  @Column({ name: 'batch_id', type: 'bigint' })
  batchId!: string;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_consent_record_batch' })
  batch?: IngestBatchEntity;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo!: number;
}
