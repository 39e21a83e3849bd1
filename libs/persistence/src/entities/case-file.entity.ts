import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CaseEntity } from './case.entity';

/** A rendered PDF of a case: immutable, content-addressed by its SHA-256. */
@Entity('case_file')
@Unique('uq_case_file_content', ['caseId', 'sha256'])
export class CaseFileEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_case_file',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_file_case' })
  case?: CaseEntity;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'integer' })
  pages!: number;

  @Column({ type: 'bigint' })
  bytes!: string;

  @Column({ name: 'storage_path', type: 'text' })
  storagePath!: string;

  @Column({ name: 'rendered_by', type: 'text' })
  renderedBy!: string;

  @CreateDateColumn({ name: 'rendered_at', type: 'timestamptz' })
  renderedAt!: Date;
}
