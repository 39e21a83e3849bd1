import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * This database's identity: one row, a random UUID made by the migration that creates the table. Queue keys
 * and every job payload carry it, so workers of another deployment sharing the Redis never take this one's
 * jobs, and a worker refuses a job that names another database (docs/operations.md, "Jobs").
 */
@Entity('deployment')
export class DeploymentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_deployment' })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
