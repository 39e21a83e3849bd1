import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { DATABASE, openDatabase, type Database } from '@app/persistence';
import { MigrateCommand } from './commands/migrate.command';

/**
 * The root of `bioaudit migrate`: the one command that connects as the schema owner (MIGRATION_DATABASE_URL)
 * when one is configured. It must not open DATABASE_URL first: on a new server its role does not exist until
 * this command creates it.
 */
@Module({
  imports: [ConfigModule],
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: ({ database }: AppConfig) =>
        openDatabase(
          database.kind === 'postgres' && database.migrationUrl
            ? { kind: 'postgres', url: database.migrationUrl }
            : database,
        ),
    },
    { provide: SchemaService, inject: [DATABASE], useFactory: (db: Database) => new SchemaService(db) },
    MigrateCommand,
  ],
})
export class MigrateCliModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
