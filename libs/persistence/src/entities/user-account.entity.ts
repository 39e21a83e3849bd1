import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A person (or a supervised firm) who signs in to the API: roles, the scope they see (a region, or one firm's
 * credit code), and the argon2id hash of their password. The lockout fields count wrong passwords in a row.
 */
@Entity('user_account')
@Unique('uq_user_account_username', ['username'])
export class UserAccountEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_user_account',
  })
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** argon2id, PHC string (parameters inside); null for an account that has never had a password set. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode!: string | null;

  @Column({ name: 'firm_credit_code', type: 'varchar', length: 18, nullable: true })
  firmCreditCode!: string | null;

  @Column({ name: 'certificate_number', type: 'text', nullable: true })
  certificateNumber!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
