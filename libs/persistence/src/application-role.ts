import { migrate, openDatabase, type Database } from './data-source';

/**
 * A batch's rows: read, add, and remove only while their batch is still receiving (how a batch fails or is
 * discarded; a trigger refuses the DELETE of any other row, and a completed batch never changes status).
 */
const BATCH_ROWS = ['capture_event', 'consent_record', 'quarantined_record'];
/** Evidence: the application may read and add rows, never change or remove them. */
const APPEND_ONLY = [
  'audit_log',
  'finding',
  'penalty_assessment',
  'case_file',
  'case_evidence',
  'case_step',
  'case_document',
  'retention_record',
  'retention_file',
  'evaluation_run',
];
/** Rows the application legitimately updates (a batch's status and counts, a case's status) but never deletes. */
const UPDATABLE = ['ingest_batch', 'case'];
/** Written only by the owner: migrations, and the custody chain (through its SECURITY DEFINER triggers). */
const READ_ONLY = ['schema_migration', 'custody_event'];
/**
 * Sealed clear references of subject pseudonyms: the application adds them, and the retention job deletes those of
 * closed cases past retention (crypto-shredding); only the owner reads a sealed reference (`reidentify`). DELETE
 * … WHERE pseudonym = … needs SELECT on the column it filters by, so the role may see which pseudonyms are known
 * (they are in the evidence rows anyway), never the `sealed_ref` column.
 */
const IDENTITY_TABLES = ['subject_identity'];
const IDENTITY_PRIVILEGES = 'INSERT, DELETE, SELECT ("pseudonym")';

/** The role and password of a PostgreSQL URL. */
export function roleOfUrl(url: string): { role: string; password: string | null } {
  const u = new URL(url);
  return {
    role: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : null,
  };
}

/**
 * Run as the owner after migrating: creates the application role if missing (LOGIN, with the password of its
 * URL) and grants it exactly what the application needs on every table of the schema: SELECT and INSERT on
 * evidence and retention records (DELETE of a still-receiving batch's rows), INSERT and DELETE on sealed subject
 * identities (never reading one), UPDATE too on ingest_batch and case (their custody columns are guarded by triggers), full DML on
 * the registry and work tables, nothing on TRUNCATE, REFERENCES or TRIGGER. Not owning the tables, the role
 * cannot disable their triggers. Re-run on every migrate, so tables added later are covered.
 */
export async function grantApplicationRole(
  db: Database,
  appUrl: string,
): Promise<{ role: string; created: boolean }> {
  const { role, password } = roleOfUrl(appUrl);
  const q = <T = Record<string, string>>(sql: string, params: unknown[] = []) =>
    db.dataSource.query<T[]>(sql, params);
  const [{ me }] = await q(`SELECT current_user AS me`);
  if (role === me) return { role, created: false }; // one role for both: nothing to separate
  const [exists] = await q(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  if (!exists) {
    const [{ sql }] = await q(
      password === null
        ? `SELECT format('CREATE ROLE %I LOGIN', $1::text) AS sql`
        : `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql`,
      password === null ? [role] : [role, password],
    );
    await q(sql);
  }
  const [{ r }] = await q(`SELECT quote_ident($1) AS r`, [role]);
  const tables = await q<{ t: string; tablename: string }>(
    `SELECT quote_ident(tablename) AS t, tablename FROM pg_tables WHERE schemaname = current_schema()`,
  );
  await q(`GRANT USAGE ON SCHEMA "${await currentSchema(db)}" TO ${r}`);
  for (const { t, tablename } of tables) {
    await q(`REVOKE ALL ON ${t} FROM ${r}`);
    const privileges = IDENTITY_TABLES.includes(tablename)
      ? IDENTITY_PRIVILEGES
      : READ_ONLY.includes(tablename)
        ? 'SELECT'
        : APPEND_ONLY.includes(tablename)
          ? 'SELECT, INSERT'
          : BATCH_ROWS.includes(tablename)
            ? 'SELECT, INSERT, DELETE'
            : UPDATABLE.includes(tablename)
              ? 'SELECT, INSERT, UPDATE'
              : 'SELECT, INSERT, UPDATE, DELETE';
    await q(`GRANT ${privileges} ON ${t} TO ${r}`);
  }
  await q(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${await currentSchema(db)}" TO ${r}`);
  return { role, created: !exists };
}

async function currentSchema(db: Database): Promise<string> {
  const [{ s }] = await db.dataSource.query<{ s: string }[]>(`SELECT current_schema() AS s`);
  return s;
}

/**
 * `migrate` with separate roles: applies pending migrations as the owner (`migrationUrl`), then grants the
 * application role (`url`'s) its rights. Returns the migrations applied and the role.
 */
export async function migrateAsOwner(config: {
  url: string;
  migrationUrl: string;
}): Promise<{ applied: string[]; role: string; created: boolean }> {
  const owner = await openDatabase({ kind: 'postgres', url: config.migrationUrl }, { poolSize: 1 });
  try {
    const applied = await migrate(owner);
    const { role, created } = await grantApplicationRole(owner, config.url);
    return { applied, role, created };
  } finally {
    await owner.close();
  }
}
