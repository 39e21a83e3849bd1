import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A document a procedure step issued (告知书, 决定书 …), frozen when issued: the SHA-256 of its PDF bytes and
 * where the sealed copy is kept. Append-only; a document is never rendered again.
 */
@Entity('case_document')
@Unique('uq_case_document_step', ['caseId', 'stepSeq'])
export class CaseDocumentEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_case_document',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_document_case' })
  case?: CaseEntity;

  /** The step that issued it. */
  @Column({ name: 'step_seq', type: 'integer' })
  stepSeq!: number;

  /** A ProcedureDocumentKind (`penalty-notice`, `decision`, …). */
  @Column({ type: 'text' })
  kind!: string;

  /** The document's own number (文号). */
  @Column({ name: 'document_number', type: 'text' })
  documentNumber!: string;

  /** SHA-256 of the PDF bytes as issued. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint' })
  bytes!: string;

  /** The sealed copy (AES-256-GCM, @app/crypto's format). */
  @Column({ name: 'storage_path', type: 'text' })
  storagePath!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
