import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('firm')
// An expression index (the division code inside the credit code, for scoped reads) made by migration
// 1764930000000; TypeORM cannot describe it, so it is declared and left out of the schema comparison.
@Index('idx_firm_division_code', { synchronize: false })
@Unique('uq_firm_credit_code', ['creditCode'])
export class FirmEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_firm',
  })
  id!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'text' })
  timezone!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
