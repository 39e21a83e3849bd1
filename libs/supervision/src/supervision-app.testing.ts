import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { createTestPostgresDatabase, MovableClock } from '@app/testing';
import { SupervisionModule } from './supervision.module';

export { MovableClock };

export interface SupervisionTestApp {
  app: INestApplication;
  db: Database;
  config: AppConfig;
  clock: MovableClock;
  close(): Promise<void>;
}

/** The supervision module booted as the apps boot it, on the embedded engine in `home` or a fresh PostgreSQL. */
export async function startSupervisionApp(
  kind: 'embedded' | 'postgres',
  home: string,
  options: { env?: Record<string, string>; now?: string } = {},
): Promise<SupervisionTestApp> {
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
  const config = loadConfig(env);
  const clock = new MovableClock(new Date(`${options.now ?? '2026-01-05'}T02:00:00Z`));
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, SupervisionModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  const db = app.get<Database>(DATABASE);
  await migrate(db);
  return {
    app,
    db,
    config,
    clock,
    close: async () => {
      await app.close();
      await drop?.();
    },
  };
}
