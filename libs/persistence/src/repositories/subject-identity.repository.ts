import type { Database } from '../data-source';

/** A pseudonym and its sealed clear reference (subject_identity). */
export interface SealedIdentity {
  pseudonym: string;
  sealedRef: string;
}

/**
 * The sealed references of subject pseudonyms. The application adds (a pseudonym already known keeps its
 * first row); only the owner role reads, through `bioaudit reidentify`.
 */
export class SubjectIdentityRepository {
  constructor(private readonly db: Database) {}

  /** Adds the pseudonyms not yet known, in one statement. INSERT privilege only is needed. */
  async record(rows: readonly SealedIdentity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.dataSource.query(
      `INSERT INTO subject_identity (pseudonym, sealed_ref)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.pseudonym), rows.map((r) => r.sealedRef)],
    );
  }

  /** The sealed reference of a pseudonym, or null when none is known. Needs SELECT: the owner role. */
  async sealedRefOf(pseudonym: string): Promise<string | null> {
    const [row] = await this.db.dataSource.query<{ sealed_ref: string }[]>(
      `SELECT sealed_ref FROM subject_identity WHERE pseudonym = $1`,
      [pseudonym],
    );
    return row?.sealed_ref ?? null;
  }
}
