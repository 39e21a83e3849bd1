import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { principalOf, type Principal } from '@app/auth';
import {
  AccountRepository,
  CaseRepository,
  DATABASE,
  migrate,
  PersistenceModule,
  RegistryRepository,
  type Database,
} from '@app/persistence';
import { createTestPostgresDatabase } from '@app/testing';
import { CasesModule } from './cases.module';

/** A clock the specs move from step to step (each step of a case happens on its own day). */
export class SteppingClock extends Clock {
  private at: Date;
  constructor(at: Date) {
    super();
    this.at = at;
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
  /** Sets "now" to 10:00 in Beijing on `date` (YYYY-MM-DD). */
  setBeijingDay(date: string): void {
    this.at = new Date(`${date}T02:00:00Z`);
  }
  /** Sets "now" to an instant (to cross a midnight inside one signed-in session). */
  setInstant(at: string): void {
    this.at = new Date(at);
  }
}

export interface CasesTestApp {
  app: INestApplication;
  db: Database;
  config: AppConfig;
  clock: SteppingClock;
  /** Closes the app and boots a new one on the same database and home (a server restart). */
  reopen(): Promise<CasesTestApp>;
  close(): Promise<void>;
}

/** The cases module booted as the apps boot it, on the embedded engine in `home` or a fresh PostgreSQL database. */
export async function startCasesApp(kind: 'embedded' | 'postgres', home: string): Promise<CasesTestApp> {
  const env: Record<string, string> = { BIOAUDIT_HOME: home, BIOAUDIT_OPERATOR: 'officer-test' };
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    env.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  return boot(loadConfig(env), new SteppingClock(new Date('2026-01-05T02:00:00Z')), drop);
}

async function boot(
  config: AppConfig,
  clock: SteppingClock,
  drop: (() => Promise<void>) | null,
): Promise<CasesTestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, CasesModule],
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
    reopen: async () => {
      await app.close();
      return boot(config, clock, drop);
    },
    close: async () => {
      await app.close();
      await drop?.();
    },
  };
}

/** Creates an account (no password: the specs act as its principal directly) and returns its principal. */
export async function makeUser(
  app: INestApplication,
  username: string,
  a: {
    roles: string[];
    regionCode?: string | null;
    firmCreditCode?: string | null;
    certificateNumber?: string | null;
  },
): Promise<Principal> {
  const row = await app.get(AccountRepository).insert({
    username,
    displayName: `${username} (display)`,
    passwordHash: 'not-a-password',
    roles: a.roles,
    regionCode: a.regionCode ?? null,
    firmCreditCode: a.firmCreditCode ?? null,
    certificateNumber: a.certificateNumber ?? null,
  });
  if (!row) throw new Error(`user ${username} exists`);
  return principalOf(row, 'token', null);
}

/**
 * A firm with an inspection's case (a clue) and the rulebook's assessment (250,000.00 yuan in [50,000.00,
 * 5,000,000.00]), as the inspection stores them; the conduct ended and was discovered on the given days.
 */
export async function makeInspectedCase(
  app: INestApplication,
  o: {
    creditCode: string;
    name: string;
    openedAt: Date;
    discoveryDate: string;
    conductEnd: string;
    suffix: string;
  },
): Promise<{ caseId: string; caseNumber: string; firmId: string }> {
  const registry = app.get(RegistryRepository);
  const cases = app.get(CaseRepository);
  const firmId = await registry.upsertFirm({
    creditCode: o.creditCode,
    name: o.name,
    region: 'CN-ZJ',
    timezone: 'Asia/Shanghai',
  });
  const caseNumber = `BA-${o.creditCode}-${o.suffix}`;
  const summary = {
    capturesAudited: 1200,
    capturesWithoutValidConsent: 340,
    byReason: { NO_CONSENT: 340 },
    affectedSubjects: 41,
    unidentifiedCaptures: 0,
    siteFindings: [],
    byPeriod: [
      {
        period: 'cn-2025-frt',
        from: '2025-06-01T01:00:00.000Z',
        to: `${o.conductEnd}T08:00:00.000Z`,
        capturesWithoutValidConsent: 340,
        affectedSubjects: 41,
        byReason: { NO_CONSENT: 340 },
      },
    ],
    conduct: { from: '2025-06-01T01:00:00.000Z', to: `${o.conductEnd}T08:00:00.000Z` },
    minorsAffected: false,
  };
  const caseId = await cases.create(
    {
      caseNumber,
      firmId,
      evidenceDigest: o.suffix.toLowerCase().padEnd(64, '0'),
      decisionDate: o.discoveryDate,
      summary,
      openedBy: 'officer-test',
      openedAt: o.openedAt,
      batchIds: [],
    },
    [],
  );
  await cases.addAssessmentVersion({
    caseId,
    decisionDate: o.discoveryDate,
    decisionDateFromClock: false,
    discoveryDate: o.discoveryDate,
    filingDate: null,
    rulebook: 'cn-apl',
    rulebookVersion: 'test',
    currency: 'CNY',
    amount: '250000.00',
    minAmount: '50000.00',
    maxAmount: '5000000.00',
    tier: 'serious',
    facts: {},
    trace: {
      steps: [{ id: 'cn.base', description: 'base', citation: 'PIPL art. 66', value: '250000.00' }],
      precedents: [],
    },
    assessedBy: 'officer-test',
  });
  return { caseId, caseNumber, firmId };
}
