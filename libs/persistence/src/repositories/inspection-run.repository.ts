import type { Database } from '../data-source';
import { InspectionRunEntity } from '../entities/inspection-run.entity';

export type InspectionRunStatus = 'queued' | 'running' | 'done' | 'failed';

/** What a client polling an inspection sees. */
export interface InspectionRunRow {
  id: string;
  firmCreditCode: string | null;
  status: InspectionRunStatus;
  progress: Record<string, unknown>;
  result: unknown;
  error: { code: string; message: string } | null;
  uploadPath: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Inspections started through the API and where each one stands. */
export class InspectionRunRepository {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.dataSource.getRepository(InspectionRunEntity);
  }

  async create(run: { id: string; uploadPath: string; createdBy: string }): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO inspection_run (id, status, progress, upload_path, created_by) VALUES ($1, 'queued', '{}', $2, $3)`,
      [run.id, run.uploadPath, run.createdBy],
    );
  }

  async findById(id: string): Promise<InspectionRunRow | null> {
    return (await this.repo.findOneBy({ id })) as InspectionRunRow | null;
  }

  /** Runs a restart left queued or running, oldest first (their uploads are still on disk). */
  async unfinished(): Promise<InspectionRunRow[]> {
    return (await this.repo.find({
      where: [{ status: 'queued' }, { status: 'running' }],
      order: { createdAt: 'ASC' },
    })) as InspectionRunRow[];
  }

  async running(id: string): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE inspection_run SET status = 'running', updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async progress(id: string, progress: Record<string, unknown>, firmCreditCode?: string): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE inspection_run SET progress = $2, firm_credit_code = COALESCE($3, firm_credit_code), updated_at = now()
       WHERE id = $1`,
      [id, JSON.stringify(progress), firmCreditCode ?? null],
    );
  }

  async done(id: string, result: unknown, firmCreditCode: string): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE inspection_run SET status = 'done', result = $2, firm_credit_code = $3, error = NULL, updated_at = now()
       WHERE id = $1`,
      [id, JSON.stringify(result), firmCreditCode],
    );
  }

  async failed(id: string, error: { code: string; message: string }): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE inspection_run SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(error)],
    );
  }
}
