import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { IngestBatchEntity } from './ingest-batch.entity';

/** Which ingest batches a case rests on: its evidence manifest. */
@Entity('case_evidence')
export class CaseEvidenceEntity {
  @PrimaryColumn({ name: 'case_id', type: 'bigint', primaryKeyConstraintName: 'pk_case_evidence' })
  caseId!: string;

  @PrimaryColumn({ name: 'batch_id', type: 'bigint', primaryKeyConstraintName: 'pk_case_evidence' })
  batchId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_evidence_case' })
  case?: CaseEntity;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_case_evidence_batch' })
  batch?: IngestBatchEntity;
}
