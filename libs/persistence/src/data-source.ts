import { DataSource, type DataSourceOptions } from 'typeorm';
import { DomainError } from '@app/common';
import type { DatabaseConfig } from '@app/config';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
import { pgliteDriverModule, type PGlitePool } from './embedded/pglite-pool';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { DB_ERRORS } from './persistence.errors';

/** An initialised TypeORM DataSource and what it runs on. */
export interface Database {
  dataSource: DataSource;
  kind: DatabaseConfig['kind'];
  /** The embedded engine, when there is one (for its bulk path). */
  embedded: { database: EmbeddedDatabase; pool: () => PGlitePool | null } | null;
  close(): Promise<void>;
}

const common: DataSourceOptions = {
  type: 'postgres',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'schema_migration',
  synchronize: false,
  migrationsRun: false,
  logging: ['error'],
};

/** Opens the configured database: PostgreSQL by URL, or the embedded PGlite folder under an exclusive lock. */
export async function openDatabase(
  config: DatabaseConfig,
  options: { poolSize?: number } = {},
): Promise<Database> {
  if (config.kind === 'postgres') {
    const dataSource = new DataSource({
      ...common,
      url: config.url,
      poolSize: options.poolSize ?? 4,
      applicationName: 'bioaudit',
    } as DataSourceOptions);
    try {
      await dataSource.initialize();
    } catch (e) {
      throw new DomainError(
        DB_ERRORS.UNREACHABLE,
        `cannot connect to PostgreSQL at ${serverOf(config.url)}: ${(e as Error).message}`,
        { server: serverOf(config.url) },
        { cause: e },
      );
    }
    return { dataSource, kind: 'postgres', embedded: null, close: () => dataSource.destroy() };
  }
  const database = await openEmbeddedDatabase(config.dataDir, { sharedBuffersMb: config.sharedBuffersMb });
  const driver = pgliteDriverModule(database.db);
  const dataSource = new DataSource({ ...common, driver });
  try {
    await dataSource.initialize();
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    dataSource,
    kind: 'embedded',
    embedded: { database, pool: driver.pool },
    close: async () => {
      await dataSource.destroy();
      await database.close();
    },
  };
}

/** host:port/database of a PostgreSQL URL, without credentials (for messages). */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL server';
  }
}

/** Names of the migrations not yet applied, in order; applies nothing. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const [table] = await db.dataSource.query<{ t: string | null }[]>(
    `SELECT to_regclass('schema_migration')::text AS t`,
  );
  // No migrations table yet: an empty database, every migration pending.
  const rows = table.t
    ? await db.dataSource.query<{ name: string }[]>(`SELECT name FROM "schema_migration"`)
    : [];
  const applied = new Set(rows.map((r) => r.name));
  return MIGRATIONS.map((M) => new M().name ?? M.name).filter((n) => !applied.has(n));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Database): Promise<string[]> {
  const applied = await db.dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/**
 * The SQL that would still be needed to make the schema match the entities. Empty when entities and
 * migrations agree; CI fails otherwise.
 */
export async function pendingSchemaChanges(db: Database): Promise<string[]> {
  const sql = await db.dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
