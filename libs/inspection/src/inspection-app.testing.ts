import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { createTestPostgresDatabase } from '@app/testing';
import { InspectionModule } from './inspection.module';

/** The instant the integration specs' clock shows (the Ningbo decision day, Beijing morning). */
export const TEST_NOW = new Date('2021-04-21T02:00:00Z');

/** The inspection module booted as the apps boot it, with a fixed clock, for integration specs. */
export interface InspectionTestApp {
  app: INestApplication;
  db: Database;
  config: AppConfig;
  /** Closes the app and drops the PostgreSQL database the helper created. */
  close(): Promise<void>;
}

/** Boots the inspection module on exactly `env` (the caller owns any database it names), migrated. */
export async function bootInspectionApp(
  env: Record<string, string>,
  options: { now?: Date } = {},
): Promise<Omit<InspectionTestApp, 'close'>> {
  const config = loadConfig(env);
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, InspectionModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(new FixedClock(options.now ?? TEST_NOW))
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  const db = app.get<Database>(DATABASE);
  await migrate(db);
  return { app, db, config };
}

/**
 * Boots the inspection module on the embedded engine in `home`, or on a fresh PostgreSQL database that
 * `close()` drops; `env` adds or overrides variables (operator `officer-test` by default).
 */
export async function startInspectionApp(
  kind: 'embedded' | 'postgres',
  home: string,
  options: { env?: Record<string, string>; now?: Date } = {},
): Promise<InspectionTestApp> {
  const env: Record<string, string> = {
    BIOAUDIT_HOME: home,
    BIOAUDIT_OPERATOR: 'officer-test',
    ...options.env,
  };
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    env.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  const booted = await bootInspectionApp(env, options);
  return {
    ...booted,
    close: async () => {
      await booted.app.close();
      await drop?.();
    },
  };
}
