import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An accuracy evaluation run through the API (issue 11): who ran it and when, the vendor's file (name, size,
 * SHA-256 and where its sealed copy is kept), the claim and threshold, the verdict and the whole report. The PDF
 * is rendered again from this row. Append-only: a run is evidence of what was judged, never edited.
 */
@Entity('evaluation_run')
@Index('idx_evaluation_run_region', ['regionCode', 'id'])
export class EvaluationRunEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_evaluation_run',
  })
  id!: string;

  /** comparisons | trial-log */
  @Column({ type: 'text' })
  kind!: string;

  /** The account's username. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  /** The region of the account that ran it (null: bureau-wide); regional officers see their region's runs. */
  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_bytes', type: 'bigint' })
  fileBytes!: string;

  @Column({ name: 'file_sha256', type: 'character', length: 64 })
  fileSha256!: string;

  /** The sealed, content-addressed copy in the evidence store. */
  @Column({ name: 'storage_path', type: 'text' })
  storagePath!: string;

  /** The other files of the run (a trial log's images): `{name, bytes, sha256}` each, sealed beside the file. */
  @Column({ type: 'jsonb' })
  attachments!: { name: string; bytes: number; sha256: string }[];

  /** The claim as sent (a JSON claim document or the vendor's words); null without one. */
  @Column({ type: 'jsonb', nullable: true })
  claim!: unknown;

  @Column({ type: 'double precision', nullable: true })
  threshold!: number | null;

  /** SUPPORTED | REFUTED | INCONCLUSIVE; null without a claim. */
  @Column({ type: 'text', nullable: true })
  verdict!: string | null;

  /** The vendor and device the claim document names, if it does. */
  @Column({ type: 'text', nullable: true })
  vendor!: string | null;

  @Column({ type: 'text', nullable: true })
  device!: string | null;

  /** The report `bioaudit evaluate … --json` prints. */
  @Column({ type: 'jsonb' })
  report!: Record<string, unknown>;
}
