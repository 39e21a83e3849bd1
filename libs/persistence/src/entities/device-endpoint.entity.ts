import { Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DeviceEntity } from './device.entity';

/**
 * How to reach a registered face terminal to collect its event log: protocol, base URL, the account and
 * its password sealed (AES-256-GCM under the master key `password_key_id`, bound to the device and URL),
 * and the collection cursor (events up to it are stored). One endpoint per device.
 */
@Entity('device_endpoint')
@Unique('uq_device_endpoint_device', ['deviceId'])
export class DeviceEndpointEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_device_endpoint',
  })
  id!: string;

  @Column({ name: 'device_id', type: 'bigint' })
  deviceId!: string;

  @OneToOne(() => DeviceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'fk_device_endpoint_device' })
  device?: DeviceEntity;

  /** `hikvision-isapi`. */
  @Column({ type: 'text' })
  protocol!: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ type: 'text' })
  username!: string;

  /** `dc1.<keyId>.<iv>.<ciphertext>.<tag>`; never printed, logged or returned. */
  @Column({ name: 'password_sealed', type: 'text' })
  passwordSealed!: string;

  @Column({ name: 'password_key_id', type: 'text' })
  passwordKeyId!: string;

  @Column({ name: 'since_at', type: 'timestamptz', nullable: true })
  sinceAt!: Date | null;

  @Column({ name: 'cursor_at', type: 'timestamptz', nullable: true })
  cursorAt!: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'last_collected_at', type: 'timestamptz', nullable: true })
  lastCollectedAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
