import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One target of one scheduled fire: the business key (schedule, target, period) is unique, so a fire repeated,
 * overlapping or retried on another worker claims the same row and the work is done once. Failures keep their
 * reason and attempts; alerts raised for the run are kept with it (the job history shows them).
 */
@Entity('schedule_run')
@Unique('uq_schedule_run_key', ['schedule', 'targetKey', 'period'])
@Index('idx_schedule_run_started', ['startedAt'])
export class ScheduleRunEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_schedule_run',
  })
  id!: string;

  /** The definition's name (kebab-case). */
  @Column({ type: 'text' })
  schedule!: string;

  /** A firm's credit code, a device's key, or the one target of a `once` schedule. */
  @Column({ name: 'target_key', type: 'text' })
  targetKey!: string;

  /** The instant the fire was scheduled for. */
  @Column({ type: 'timestamptz' })
  period!: Date;

  /** running | completed | failed | skipped */
  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The target's summary when completed. */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  /** Alerts raised for this run, each with how its webhook delivery went. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  alerts!: unknown[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
