import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A subject pseudonym and its clear reference, sealed (AES-256-GCM under the master key, the pseudonym as
 * associated data). Written at ingest; read only by `bioaudit reidentify`, which logs who asked and why.
 */
@Entity('subject_identity')
export class SubjectIdentityEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_subject_identity' })
  pseudonym!: string;

  @Column({ name: 'sealed_ref', type: 'text' })
  sealedRef!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
