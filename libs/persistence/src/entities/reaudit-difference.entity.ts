import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from './case.entity';
import { FirmEntity } from './firm.entity';

/**
 * What a supervision re-audit found beyond the firm's previous audit: new captures without valid consent by
 * reason (and new site findings by rule). One row per audit case, so the same evidence re-audited adds nothing.
 */
@Entity('reaudit_difference')
@Unique('uq_reaudit_difference_case', ['caseId'])
@Index('idx_reaudit_difference_firm', ['firmId', 'id'])
export class ReauditDifferenceEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_reaudit_difference',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_reaudit_difference_firm' })
  firm?: FirmEntity;

  /** The case the re-audit's evidence made (AuditService: one case per evidence digest). */
  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_reaudit_difference_case' })
  case?: CaseEntity;

  /** The firm's audit before it (null for a first audit: everything is new). */
  @Column({ name: 'previous_case_id', type: 'bigint', nullable: true })
  previousCaseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_case_id', foreignKeyConstraintName: 'fk_reaudit_difference_previous_case' })
  previousCase?: CaseEntity;

  /** `{ reason: count }` of what is new (only reasons that grew). */
  @Column({ name: 'new_findings', type: 'jsonb' })
  newFindings!: Record<string, number>;

  @Column({ name: 'new_total', type: 'integer' })
  newTotal!: number;

  /** BIOAUDIT_CLUE_THRESHOLD when the difference was taken. */
  @Column({ type: 'integer' })
  threshold!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
