import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { createTestPostgresDatabase, MovableClock } from '@app/testing';
import type { ScheduleDefinition, ScheduleTarget, ScheduleTargetResult } from './schedule-definition';
import { SchedulesModule } from './schedules.module';

export { MovableClock };

/** Counts the work actually done per target, so idempotency is measured, not assumed. */
export class WorkLog {
  readonly done = new Map<string, number>();
  record(key: string): void {
    this.done.set(key, (this.done.get(key) ?? 0) + 1);
  }
}
export const WORK_LOG = new WorkLog();

/** Nightly 02:00, two firms; each run takes a moment so two fires can overlap; firm B reports an alert. */
@Injectable()
export class CountingSchedule implements ScheduleDefinition {
  readonly name = 'counting';
  readonly description = 'counts its runs';
  readonly cron = '0 2 * * *';
  readonly fanOut = 'firm' as const;
  readonly timeoutMs = 10_000;
  readonly attempts = 2;
  readonly backoff = { type: 'exponential' as const, delay: 10 };
  readonly concurrency = 2;

  targets(): Promise<ScheduleTarget[]> {
    return Promise.resolve(
      ['91330201MA2GT00012', '91330201MA2GT0009X'].map((c) => ({ key: c, data: { creditCode: c } })),
    );
  }

  async run(target: ScheduleTarget, ctx: { period: string }): Promise<ScheduleTargetResult> {
    await sleep(150);
    WORK_LOG.record(`${this.name}|${target.key}|${ctx.period}`);
    return {
      summary: { firm: target.key },
      alerts:
        target.key === '91330201MA2GT0009X'
          ? [{ code: 'TEST.NOTICED', object: `firm:${target.key}`, message: 'something to look at' }]
          : [],
    };
  }
}

/** Always fails (its message carries a credential, which alerts must mask); three attempts, short backoff. */
@Injectable()
export class FailingSchedule implements ScheduleDefinition {
  readonly name = 'failing';
  readonly description = 'always fails';
  readonly cron = '30 3 * * *';
  readonly fanOut = 'once' as const;
  readonly timeoutMs = 10_000;
  readonly attempts = 3;
  readonly backoff = { type: 'exponential' as const, delay: 20 };
  readonly concurrency = 1;

  targets(): Promise<ScheduleTarget[]> {
    return Promise.resolve([{ key: 'once', data: {} }]);
  }

  run(): Promise<ScheduleTargetResult> {
    WORK_LOG.record(`${this.name}`);
    return Promise.reject(new Error('could not reach postgres://auditor:s3cret@db.internal/bioaudit'));
  }
}

/** Hangs until aborted: its attempt must end at the timeout. */
@Injectable()
export class HangingSchedule implements ScheduleDefinition {
  readonly name = 'hanging';
  readonly description = 'never finishes by itself';
  readonly cron = '0 4 * * *';
  readonly fanOut = 'once' as const;
  readonly timeoutMs = 100;
  readonly attempts = 1;
  readonly backoff = { type: 'exponential' as const, delay: 10 };
  readonly concurrency = 1;
  aborted = false;

  targets(): Promise<ScheduleTarget[]> {
    return Promise.resolve([{ key: 'once', data: {} }]);
  }

  run(_: ScheduleTarget, ctx: { signal: AbortSignal }): Promise<ScheduleTargetResult> {
    return new Promise((_resolve, reject) =>
      ctx.signal.addEventListener('abort', () => {
        this.aborted = true;
        reject(ctx.signal.reason as Error);
      }),
    );
  }
}

/** A loopback HTTP server that records the JSON bodies POSTed to it. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  bodies: Record<string, unknown>[];
  close: () => Promise<void>;
}> {
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(raw) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The schedules module over the test definitions, on the embedded engine or a fresh PostgreSQL database. */
export async function startSchedulesApp(
  kind: 'embedded' | 'postgres',
  home: string,
  clock: Clock,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; db: Database; close: () => Promise<void> }> {
  const vars: Record<string, string> = { BIOAUDIT_HOME: home, BIOAUDIT_OPERATOR: 'officer-test', ...env };
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    vars.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      PersistenceModule,
      SchedulesModule.register({
        imports: [],
        definitions: [CountingSchedule, FailingSchedule, HangingSchedule],
      }),
    ],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(loadConfig(vars))
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
    close: async () => {
      await app.close();
      await drop?.();
    },
  };
}
