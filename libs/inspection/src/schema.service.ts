import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { DATABASE, DB_ERRORS, migrate, pendingMigrations, type Database } from '@app/persistence';

/**
 * Brings the schema up to date. The embedded database is private to this process, so it is migrated on
 * first use; a PostgreSQL server is shared, so it is migrated only by an explicit `bioaudit migrate`.
 */
@Injectable()
export class SchemaService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Applies every pending migration; returns their names. */
  migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  /** Ensures the schema is current before work: migrates the embedded database, checks a server. */
  async ready(): Promise<void> {
    if (this.db.kind === 'embedded') {
      await migrate(this.db);
      return;
    }
    // Read-only: TypeORM's showMigrations() would create the migrations table on an empty server.
    const pending = await pendingMigrations(this.db);
    if (pending.length > 0) throw notMigrated(pending);
  }

  /** The migrations not yet applied (applies nothing). */
  pending(): Promise<string[]> {
    return pendingMigrations(this.db);
  }

  get kind(): Database['kind'] {
    return this.db.kind;
  }
}

/** DB.NOT_MIGRATED naming the pending migrations. */
export function notMigrated(pending: readonly string[]): DomainError {
  return new DomainError(
    DB_ERRORS.NOT_MIGRATED,
    `The PostgreSQL database has ${pending.length} pending migration(s) (${pending.join(', ')}): run \`bioaudit migrate\` first`,
    { pending },
  );
}
