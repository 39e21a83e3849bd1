import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A finding of a case. `capture` findings group the captures of one subject at one device for one purpose
 * that failed coverage for the same reason against the same consent records; `site` findings name a site
 * rule (FACE_ONLY_ACCESS). Both keep the ids of the records that decided them.
 */
@Entity('finding')
@Index('idx_finding_case', ['caseId', 'id'])
// The API's findings list filters by reason or device and pages by id (keyset): 1764920001000-finding-list-indexes.
@Index('idx_finding_reason', ['reason', 'id'])
@Index('idx_finding_device', ['deviceId', 'id'])
@Index('idx_finding_case_reason', ['caseId', 'reason', 'id'])
export class FindingEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_finding',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_finding_case' })
  case?: CaseEntity;

  /** capture | site */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'subject_ref', type: 'text', nullable: true })
  subjectRef!: string | null;

  @Column({ name: 'device_id', type: 'bigint', nullable: true })
  deviceId!: string | null;

  @Column({ name: 'site_id', type: 'bigint' })
  siteId!: string;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ name: 'capture_count', type: 'integer' })
  captureCount!: number;

  @Column({ name: 'first_at', type: 'timestamptz', nullable: true })
  firstAt!: Date | null;

  @Column({ name: 'last_at', type: 'timestamptz', nullable: true })
  lastAt!: Date | null;

  @Column({ name: 'capture_ids', type: 'bigint', array: true })
  captureIds!: string[];

  @Column({ name: 'consent_ids', type: 'bigint', array: true })
  consentIds!: string[];
}
