import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { FirmEntity } from './firm.entity';

/**
 * An enforcement case: the audit of one firm over a fixed set of evidence batches. Its number derives from
 * the firm and the evidence digest, so auditing the same evidence again finds the same case.
 */
@Entity('case')
@Unique('uq_case_number', ['caseNumber'])
export class CaseEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_case',
  })
  id!: string;

  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_case_firm' })
  firm?: FirmEntity;

  /** SHA-256 over the sorted SHA-256s of the evidence batches. */
  @Column({ name: 'evidence_digest', type: 'char', length: 64 })
  evidenceDigest!: string;

  /** The date the decision is drafted for; drives the rulebook version and the case file's dates. */
  @Column({ name: 'decision_date', type: 'date' })
  decisionDate!: string;

  /** audited | assessed | rendered */
  @Column({ type: 'text' })
  status!: string;

  /** Findings summary (counts by reason, affected subjects, site findings), as printed by `inspect --json`. */
  @Column({ type: 'jsonb' })
  summary!: Record<string, unknown>;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;
}
