import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A statutory window of an open case that is near or past, raised for the case's handlers and the heads of its
 * region. Once per window (the deadline and its last day) and kind (`near`, `past`).
 */
@Entity('deadline_task')
@Unique('uq_deadline_task_window', ['caseId', 'deadlineId', 'due', 'kind'])
@Index('idx_deadline_task_due', ['due'])
export class DeadlineTaskEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_deadline_task',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_deadline_task_case' })
  case?: CaseEntity;

  /** The procedure's deadline id, e.g. `decision`. */
  @Column({ name: 'deadline_id', type: 'text' })
  deadlineId!: string;

  /** The window's last day. */
  @Column({ type: 'date' })
  due!: string;

  /** near | past */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  label!: { zh: string; en: string };

  @Column({ type: 'text' })
  basis!: string;

  /** authority | party */
  @Column({ type: 'text' })
  holder!: string;

  /** User ids: the case's handlers and the heads whose region covers the case. */
  @Column({ type: 'text', array: true })
  assignees!: string[];

  /** The Beijing day the task was raised. */
  @Column({ name: 'raised_on', type: 'date' })
  raisedOn!: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}
