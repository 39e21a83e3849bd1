import type { Database } from '../data-source';

/** This database's deployment identity (the `deployment` table's one row). */
export class DeploymentRepository {
  private cached: string | null = null;

  constructor(private readonly db: Database) {}

  /**
   * The deployment id: the row the migration made. Should it be missing (a table emptied by hand), the first
   * caller makes a new one; the oldest row wins, so concurrent first callers agree.
   */
  async id(): Promise<string> {
    if (this.cached) return this.cached;
    const oldest = () =>
      this.db.dataSource.query<{ id: string }[]>(
        `SELECT id::text AS id FROM deployment ORDER BY created_at, id LIMIT 1`,
      );
    let rows = await oldest();
    if (rows.length === 0) {
      await this.db.dataSource.query(
        `INSERT INTO deployment (id, created_at) SELECT gen_random_uuid(), now() WHERE NOT EXISTS (SELECT 1 FROM deployment)`,
      );
      rows = await oldest();
    }
    this.cached = rows[0].id;
    return this.cached;
  }
}
