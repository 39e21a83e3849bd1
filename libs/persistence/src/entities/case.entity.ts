import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
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
@Unique('uq_case_docket_number', ['docketNumber'])
@Index('idx_case_state', ['state'])
@Index('idx_case_region_code', ['regionCode'])
@Index('idx_case_firm_id', ['firmId'])
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

  /** SHA-256 over the sorted SHA-256s of the evidence batches; null for a clue entered by hand. */
  @Column({ name: 'evidence_digest', type: 'char', length: 64, nullable: true })
  evidenceDigest!: string | null;

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

  /** The administrative-penalty procedure the case follows (@app/procedure), e.g. `cn-samr-general`. */
  @Column({ name: 'procedure_id', type: 'text', default: 'cn-samr-general' })
  procedureId!: string;

  /** The procedure state: `clue` until a head files it. */
  @Column({ type: 'text', default: 'clue' })
  state!: string;

  /** `inspection` (opened from an inspection's findings) or `hand` (a clue entered by an officer). */
  @Column({ type: 'text', default: 'inspection' })
  source!: string;

  /** The firm's administrative division code (credit code characters 3–8; set by a trigger when not given). */
  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  /** The docket number given at filing (立案号); null before. */
  @Column({ name: 'docket_number', type: 'text', nullable: true })
  docketNumber!: string | null;

  /** The day the clue was registered (Beijing); a trigger sets the opening day when not given. */
  @Column({ name: 'clue_date', type: 'date' })
  clueDate!: string;

  /** When the conduct was discovered and its last day (limitation, APL art. 36), when stated on the case. */
  @Column({ name: 'discovery_date', type: 'date', nullable: true })
  discoveryDate!: string | null;

  @Column({ name: 'conduct_end_date', type: 'date', nullable: true })
  conductEndDate!: string | null;

  /** What a clue entered by hand is about. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The party's address as the officers recorded it (a decision states it, APL art. 59(1)). */
  @Column({ name: 'party_address', type: 'text', nullable: true })
  partyAddress!: string | null;

  /** What the head found at filing: `major`, `heavy`, `lifeHealthFinancial` (see @app/procedure's CaseFlags). */
  @Column({ type: 'jsonb', default: {} })
  flags!: Record<string, boolean>;

  /** `legal-person` or `individual` (the hearing threshold differs). */
  @Column({ name: 'party_kind', type: 'text', default: 'legal-person' })
  partyKind!: string;
}
