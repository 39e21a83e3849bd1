import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseDocumentEntity } from './case-document.entity';
import { CaseEntity } from './case.entity';

/** A procedure step taken in a case (立案, 告知, 决定 …): append-only, chained into the custody chain. */
@Entity('case_step')
@Unique('uq_case_step_seq', ['caseId', 'seq'])
export class CaseStepEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_case_step',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_step_case' })
  case?: CaseEntity;

  /** 1, 2, … within the case. */
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles!: string[];

  /** When it was recorded. */
  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The Beijing date it takes effect (service date, hearing date …). */
  @Column({ type: 'date' })
  date!: string;

  /** The engine's input of the step (amounts in fen, handlers resolved). */
  @Column({ type: 'jsonb' })
  input!: Record<string, unknown>;

  @Column({ name: 'from_state', type: 'text' })
  fromState!: string;

  @Column({ name: 'to_state', type: 'text' })
  toState!: string;

  @Column({ name: 'document_kind', type: 'text', nullable: true })
  documentKind!: string | null;

  @Column({ name: 'document_id', type: 'bigint', nullable: true })
  documentId!: string | null;

  @ManyToOne(() => CaseDocumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_case_step_document' })
  document?: CaseDocumentEntity;
}
