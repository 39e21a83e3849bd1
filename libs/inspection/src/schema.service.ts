import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { DATABASE, migrate, type Database } from '@app/persistence';

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
    if (await this.db.dataSource.showMigrations()) {
      throw new DomainError(
        'DB.NOT_MIGRATED',
        'The PostgreSQL database has pending migrations: run `bioaudit migrate` first',
      );
    }
  }

  get kind(): Database['kind'] {
    return this.db.kind;
  }
}
