import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ConsentRecordEntity } from './consent-record.entity';
import { FirmEntity } from './firm.entity';

/**
 * A notice to a firm, shown to its account and on its page: a consent that expired or was withdrawn while the
 * firm's terminals kept capturing the same subject. Once per consent and month of capture.
 */
@Entity('firm_notice')
@Unique('uq_firm_notice_consent_period', ['consentRecordId', 'period'])
@Index('idx_firm_notice_firm', ['firmId', 'id'])
export class FirmNoticeEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_firm_notice',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_firm_notice_firm' })
  firm?: FirmEntity;

  /** `consent-ended` (the only kind so far). */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'consent_record_id', type: 'bigint' })
  consentRecordId!: string;

  @ManyToOne(() => ConsentRecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_record_id', foreignKeyConstraintName: 'fk_firm_notice_consent_record' })
  consentRecord?: ConsentRecordEntity;

  /** The month of the captures (YYYY-MM in the firm's time zone). */
  @Column({ type: 'text' })
  period!: string;

  /** withdrawn | expired */
  @Column({ type: 'text' })
  ended!: string;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  @Column({ type: 'integer' })
  captures!: number;

  @Column({ name: 'first_capture_at', type: 'timestamptz' })
  firstCaptureAt!: Date;

  @Column({ name: 'last_capture_at', type: 'timestamptz' })
  lastCaptureAt!: Date;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
