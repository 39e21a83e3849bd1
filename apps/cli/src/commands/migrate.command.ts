import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  DATABASE,
  DB_ERRORS,
  grantApplicationRole,
  pendingSchemaChanges,
  type Database,
} from '@app/persistence';
import { SchemaService, notMigrated } from '@app/inspection';

@Command({
  name: 'migrate',
  description:
    'Apply pending migrations; with --check, apply nothing: fail (78) listing pending migrations, or when entities and migrations disagree',
})
export class MigrateCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_: string[], flags: { check?: boolean }): Promise<void> {
    if (flags.check) {
      // A check never changes the database: not even TypeORM's migrations table is created.
      const pending = await this.schema.pending();
      if (pending.length > 0) throw notMigrated(pending);
      const drift = await pendingSchemaChanges(this.db);
      if (drift.length > 0) {
        throw new DomainError(
          DB_ERRORS.SCHEMA_DRIFT,
          `entities and migrations disagree; a migration is missing for: ${drift.join('; ')}`,
          { drift },
        );
      }
      process.stdout.write('schema is up to date; entities and migrations agree\n');
      return;
    }
    const applied = await this.schema.migrate();
    const { database } = this.config;
    if (database.kind === 'postgres' && database.migrationUrl) {
      // Separate roles: this ran as the owner (MigrateCliModule); the application role gets only what it needs.
      const { role, created } = await grantApplicationRole(this.db, database.url);
      process.stdout.write(
        `${applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date'}\n` +
          `application role ${role}${created ? ' created' : ''}: SELECT/INSERT on evidence, no UPDATE/DELETE/TRUNCATE\n`,
      );
      return;
    }
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
  }

  @Option({
    flags: '--check',
    description: 'apply nothing; fail when migrations are pending or entities and migrations disagree',
  })
  parseCheck(): boolean {
    return true;
  }
}
