import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { FirmEntity } from './firm.entity';

@Entity('site')
@Unique('uq_site_firm_code', ['firmId', 'siteCode'])
export class SiteEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_site',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_site_firm' })
  firm?: FirmEntity;

  @Column({ name: 'site_code', type: 'text' })
  siteCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'site_type', type: 'text' })
  siteType!: string;

  @Index('idx_site_face_only', { where: 'face_only_access' })
  @Column({ name: 'face_only_access', type: 'boolean' })
  faceOnlyAccess!: boolean;
}
