import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/** A case's current handling officer (APL art. 42); the assign steps keep the history. */
@Entity('case_handler')
@Index('idx_case_handler_actor_id', ['actorId'])
export class CaseHandlerEntity {
  @PrimaryColumn({ name: 'case_id', type: 'bigint', primaryKeyConstraintName: 'pk_case_handler' })
  caseId!: string;

  @PrimaryColumn({ name: 'actor_id', type: 'text', primaryKeyConstraintName: 'pk_case_handler' })
  actorId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_handler_case' })
  case?: CaseEntity;

  /** The enforcement certificate number (执法证号) at assignment. */
  @Column({ name: 'certificate_number', type: 'text', nullable: true })
  certificateNumber!: string | null;

  /** The step that assigned the officer. */
  @Column({ name: 'assigned_seq', type: 'integer' })
  assignedSeq!: number;
}
