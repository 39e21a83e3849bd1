import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An inspection started through the API: its status survives a restart of the server, so a client polling
 * `GET /api/inspections/{id}` after one sees `failed` (interrupted) instead of a missing id.
 */
@Entity('inspection_run')
@Index('idx_inspection_run_created', ['createdAt'])
export class InspectionRunEntity {
  /** A random UUID: ids handed to clients are not guessable. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_inspection_run' })
  id!: string;

  /** The firm's credit code once the folder's firm.json is read (null while queued). */
  @Column({ name: 'firm_credit_code', type: 'varchar', length: 18, nullable: true })
  firmCreditCode!: string | null;

  /** queued | running | done | failed */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'jsonb' })
  progress!: Record<string, unknown>;

  /** The `bioaudit inspect --json` document when done. */
  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  /** `{code, message}` when failed. */
  @Column({ type: 'jsonb', nullable: true })
  error!: { code: string; message: string } | null;

  /** Where the uploaded folder was stored (under BIOAUDIT_HOME). */
  @Column({ name: 'upload_path', type: 'text' })
  uploadPath!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
