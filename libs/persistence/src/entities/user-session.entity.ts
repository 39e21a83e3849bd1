import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserAccountEntity } from './user-account.entity';

/** A browser session: keyed by the SHA-256 of the cookie's random id (the id itself is never stored). */
@Entity('user_session')
@Index('idx_user_session_user', ['userId'])
export class UserSessionEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'char', length: 64, primaryKeyConstraintName: 'pk_user_session' })
  idHash!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_session_user' })
  user?: UserAccountEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'remote_address', type: 'text', nullable: true })
  remoteAddress!: string | null;
}
