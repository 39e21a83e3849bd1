import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A proposed fine with its full calculation trace, one version per set of case dates (1, 2, …): a new
 * decision, discovery or filing date is a new version, and the earlier ones are kept. An officer's override
 * is recorded beside the original proposal, which is never changed.
 */
@Entity('penalty_assessment')
@Unique('uq_penalty_assessment_case_version', ['caseId', 'version'])
export class PenaltyAssessmentEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_penalty_assessment',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_penalty_assessment_case' })
  case?: CaseEntity;

  /** 1 for the case's first assessment, then 2, 3, … for each new set of dates. */
  @Column({ type: 'integer' })
  version!: number;

  /** The date of the decision the fine is proposed for (YYYY-MM-DD): picks the law and rulebook version. */
  @Column({ name: 'decision_date', type: 'date' })
  decisionDate!: string;

  /** True when no decision date was stated and the machine's date was used (the case file is a DRAFT). */
  @Column({ name: 'decision_date_from_clock', type: 'boolean', default: false })
  decisionDateFromClock!: boolean;

  /** The date the clue was received or the conduct discovered (limitation period); null when unknown. */
  @Column({ name: 'discovery_date', type: 'date', nullable: true })
  discoveryDate!: string | null;

  /** The date the case was filed (立案); null when unknown. */
  @Column({ name: 'filing_date', type: 'date', nullable: true })
  filingDate!: string | null;

  @Column({ type: 'text' })
  rulebook!: string;

  @Column({ name: 'rulebook_version', type: 'text' })
  rulebookVersion!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount!: string;

  @Column({ name: 'min_amount', type: 'numeric', precision: 20, scale: 2 })
  minAmount!: string;

  @Column({ name: 'max_amount', type: 'numeric', precision: 20, scale: 2, nullable: true })
  maxAmount!: string | null;

  @Column({ type: 'text' })
  tier!: string;

  /** The facts document the calculator was given. */
  @Column({ type: 'jsonb' })
  facts!: Record<string, unknown>;

  /** The whole assessment: steps with citations, trace tree, assumptions, precedents. */
  @Column({ type: 'jsonb' })
  trace!: Record<string, unknown>;

  @Column({ name: 'assessed_by', type: 'text' })
  assessedBy!: string;

  @CreateDateColumn({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;

  @Column({ name: 'override_amount', type: 'numeric', precision: 20, scale: 2, nullable: true })
  overrideAmount!: string | null;

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason!: string | null;

  @Column({ name: 'overridden_by', type: 'text', nullable: true })
  overriddenBy!: string | null;

  @Column({ name: 'overridden_at', type: 'timestamptz', nullable: true })
  overriddenAt!: Date | null;
}
