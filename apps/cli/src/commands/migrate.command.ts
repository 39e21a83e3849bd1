import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import { DATABASE, pendingSchemaChanges, type Database } from '@app/persistence';
import { SchemaService } from '@app/inspection';

@Command({
  name: 'migrate',
  description: 'Apply pending migrations; with --check, fail when entities and migrations disagree',
})
export class MigrateCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    @Inject(DATABASE) private readonly db: Database,
  ) {
    super();
  }

  async run(_: string[], flags: { check?: boolean }): Promise<void> {
    const applied = await this.schema.migrate();
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    if (flags.check) {
      const drift = await pendingSchemaChanges(this.db);
      if (drift.length > 0) {
        throw new DomainError(
          'DB.SCHEMA_DRIFT',
          `entities and migrations disagree; a migration is missing for:\n${drift.join(';\n')}`,
        );
      }
      process.stdout.write('entities and migrations agree\n');
    }
  }

  @Option({ flags: '--check', description: 'also verify that the entities match the migrated schema' })
  parseCheck(): boolean {
    return true;
  }
}
