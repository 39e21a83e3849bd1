import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { FirmEntity } from './firm.entity';
import { SiteEntity } from './site.entity';

@Entity('device')
@Unique('uq_device_firm_code', ['firmId', 'deviceCode'])
export class DeviceEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_device',
  })
  id!: string;

  @Column({ name: 'firm_id', type: 'bigint' })
  firmId!: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_device_firm' })
  firm?: FirmEntity;

  @Column({ name: 'site_id', type: 'bigint' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_device_site' })
  site?: SiteEntity;

  /** The firm's own device id, as in its exports. */
  @Column({ name: 'device_code', type: 'text' })
  deviceCode!: string;

  @Column({ type: 'text' })
  vendor!: string;

  @Column({ type: 'text' })
  model!: string;

  @Column({ name: 'declared_purpose', type: 'text', nullable: true })
  declaredPurpose!: string | null;

  @Column({ type: 'text' })
  timezone!: string;
}
