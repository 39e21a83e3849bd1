import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { FirmEntity } from './firm.entity';

/**
 * A clue the re-audit opened for a firm. The partial unique index allows one unreleased row per firm, so two
 * runners racing on the same firm open one clue; the row is released once the clue's case reaches a terminal
 * state, and only then may new findings open another.
 */
@Entity('supervision_clue')
@Index('uq_supervision_clue_open', ['firmId'], { unique: true, where: 'released_at IS NULL' })
export class SupervisionClueEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_supervision_clue',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_supervision_clue_firm' })
  firm?: FirmEntity;

  /** The clue opened in the case system. */
  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_supervision_clue_case' })
  case?: CaseEntity;

  /** The audit case whose new findings crossed the threshold. */
  @Column({ name: 'audit_case_id', type: 'bigint' })
  auditCaseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_case_id', foreignKeyConstraintName: 'fk_supervision_clue_audit_case' })
  auditCase?: CaseEntity;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}
