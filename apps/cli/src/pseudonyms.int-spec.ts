import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { Clock, DomainError, FixedClock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { derivePseudonymKey, Keyring, SubjectPseudonymiser } from '@app/crypto';
import { InspectionModule, InspectionService, type InspectionReport } from '@app/inspection';
import {
  DATABASE,
  grantApplicationRole,
  migrate,
  openDatabase,
  PersistenceModule,
  SubjectIdentityRepository,
  type Database,
} from '@app/persistence';
import { createTempDir, createTestPostgresDatabase, TEST_PG_ADMIN_URL } from '@app/testing';
import { reidentify } from './commands/reidentify.command';

const FIXTURE = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'libs',
  'inspection',
  'src',
  'fixtures',
  'small-inspection',
);

/** The fixture's opaque references, each replaced by a personal identifier of every kind the detector knows. */
const IDENTIFIERS: Record<string, string> = {
  'P-valid': '330204199001011234',
  'P-late': '13812345678',
  'P-withdrawn': 'zhang.san@example.com',
  'P-expired': '张三',
  'P-purpose': 'name:李四',
  'P-notice': '+8613912345678',
  'P-minor': '欧阳娜娜',
  'P-nobody': '110101200001011237',
  'P-bad': 'wang.wu@example.cn',
};

/** The fixture with every subject reference (captures and consents) replaced by its identifier. */
function identifierFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(FIXTURE)) {
    let text = fs.readFileSync(path.join(FIXTURE, f), 'utf8');
    if (f === 'captures.jsonl') {
      text = text.replace(/"subjectRef":"(P-[a-z]+)"/g, (m, ref: string) =>
        IDENTIFIERS[ref] ? `"subjectRef":${JSON.stringify(IDENTIFIERS[ref])}` : m,
      );
    } else if (f === 'consents.csv') {
      text = text.replace(/^(C\d+),(P-[a-z]+),/gm, (m, id: string, ref: string) =>
        IDENTIFIERS[ref] ? `${id},${IDENTIFIERS[ref]},` : m,
      );
    }
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

/** Where a text shows up in any column of any row of any table (each row cast to text whole). */
async function rowsHolding(db: Database, needles: readonly string[]): Promise<string[]> {
  const tables = await db.dataSource.query<{ t: string }[]>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()`,
  );
  const hits: string[] = [];
  for (const { t } of tables) {
    const rows = await db.dataSource.query<{ r: string }[]>(`SELECT x::text AS r FROM "${t}" x`);
    for (const { r } of rows) for (const n of needles) if (r.includes(n)) hits.push(`${t}: ${n}`);
  }
  return hits;
}

interface Run {
  config: AppConfig;
  db: Database;
  report: InspectionReport;
  findings: { reason: string; n: number }[];
  close: () => Promise<void>;
}

async function inspectIn(home: string, folder: string, env: Record<string, string>): Promise<Run> {
  const config = loadConfig({ BIOAUDIT_HOME: home, BIOAUDIT_OPERATOR: 'officer-test', ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, InspectionModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(new FixedClock(new Date('2021-04-21T02:00:00Z')))
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  const db = app.get<Database>(DATABASE);
  await migrate(db);
  const report = await app
    .get(InspectionService)
    .inspect(folder, { outDir: path.join(home, 'out'), decisionDate: '2021-04-21' });
  const findings = await db.dataSource.query<{ reason: string; n: number }[]>(
    `SELECT reason, count(*)::int AS n FROM finding GROUP BY reason ORDER BY reason`,
  );
  return { config, db, report, findings, close: () => app.close() };
}

/**
 * Issue 9, failure 9 ("Minimise"): subject references that are personal identifiers (ID numbers, mobile
 * numbers, e-mail addresses, names) are stored as keyed pseudonyms — in captures, consents, findings,
 * quarantine and case files alike — and only `reidentify`, logged, and with separate roles only the owner,
 * brings one back.
 */
describe.each(['embedded', 'postgres'] as const)('subject pseudonyms on %s', (kind) => {
  const tmp = createTempDir();
  const masterKey = randomBytes(32).toString('base64');
  const drops: (() => Promise<void>)[] = [];
  let opaque: Run;
  let named: Run;

  beforeAll(async () => {
    const envFor = async (): Promise<Record<string, string>> => {
      const env: Record<string, string> = { BIOAUDIT_MASTER_KEY: masterKey };
      if (kind === 'postgres') {
        const pg = await createTestPostgresDatabase();
        env.DATABASE_URL = pg.url;
        drops.push(pg.drop);
      }
      return env;
    };
    opaque = await inspectIn(path.join(tmp.dir, 'opaque'), FIXTURE, await envFor());
    const folder = identifierFolder(path.join(tmp.dir, 'named-folder'));
    named = await inspectIn(path.join(tmp.dir, 'named'), folder, await envFor());
  }, 180_000);

  afterAll(async () => {
    await opaque?.close();
    await named?.close();
    for (const drop of drops) await drop();
    tmp.remove();
  });

  it('audits identifier references with the same findings as opaque ones (consents still cover their captures)', () => {
    expect(named.report.findings).toEqual(opaque.report.findings);
    expect(named.findings).toEqual(opaque.findings);
    expect(named.findings.length).toBeGreaterThan(1);
    expect(named.report.caseFile).not.toBeNull();
  });

  it('keeps no clear identifier in any row of any table, nor in the case file', async () => {
    const clear = Object.values(IDENTIFIERS);
    expect(
      await rowsHolding(named.db, [...clear, '3302041990', '13812345678', '张三', '李四', '欧阳']),
    ).toEqual([]);
    const stored = await named.db.dataSource.query<{ s: string }[]>(
      `SELECT DISTINCT subject_ref AS s FROM capture_event WHERE subject_ref <> '' UNION
       SELECT DISTINCT subject_ref FROM consent_record ORDER BY 1`,
    );
    // Every reference but P-bad's, whose consent is quarantined (a bad givenAt).
    expect(stored.length).toBe(Object.keys(IDENTIFIERS).length - 1);
    for (const { s } of stored) expect(s).toMatch(/^psn:[a-z2-7]{26}$/);

    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', named.report.caseFile!.path, '-'], {
      encoding: 'utf8',
    });
    const flat = text.replace(/[\s-]+/g, '');
    expect(flat).toContain('psn:');
    for (const c of [...clear, '3302041990', '张三', '欧阳娜娜'])
      expect(flat).not.toContain(c.replace(/[\s-]+/g, ''));
  });

  it('pseudonymises with the configured key: the same reference one pseudonym, another key other pseudonyms', async () => {
    const mine = new SubjectPseudonymiser(derivePseudonymKey(Buffer.from(masterKey, 'base64')));
    const other = new SubjectPseudonymiser(derivePseudonymKey(randomBytes(32)));
    const [row] = await named.db.dataSource.query<{ c: string; k: string }[]>(
      `SELECT c.subject_ref AS c, k.subject_ref AS k FROM capture_event c
       JOIN consent_record k ON k.subject_ref = c.subject_ref AND k.consent_id = 'C1' LIMIT 1`,
    );
    expect(row.c).toBe(mine.pseudonymise(IDENTIFIERS['P-valid']));
    expect(row.c).not.toBe(other.pseudonymise(IDENTIFIERS['P-valid']));
  });

  it('re-identifies a pseudonym only through reidentify, which logs who and why first', async () => {
    const keys = Keyring.fromBase64(masterKey);
    const psn = new SubjectPseudonymiser(derivePseudonymKey(Buffer.from(masterKey, 'base64'))).pseudonymise(
      IDENTIFIERS['P-minor'],
    );
    await expect(reidentify(named.db, keys, 'officer-wang', psn, 'case 2021-17, hearing')).resolves.toBe(
      IDENTIFIERS['P-minor'],
    );
    const [log] = await named.db.dataSource.query<{ actor: string; details: { reason: string } }[]>(
      `SELECT actor, details FROM audit_log WHERE action = 'reidentify' AND entity_id = $1`,
      [psn],
    );
    expect(log).toEqual({ actor: 'officer-wang', details: { reason: 'case 2021-17, hearing' } });
    await expect(
      reidentify(named.db, keys, 'officer-wang', 'psn:aaaaaaaaaaaaaaaaaaaaaaaaaa', 'x'),
    ).rejects.toMatchObject({
      code: 'CLI.UNKNOWN_PSEUDONYM',
    });
    await expect(reidentify(named.db, Keyring.generate(), 'officer-wang', psn, 'x')).rejects.toMatchObject({
      code: 'KEYS.UNKNOWN_KEY',
    });
  });

  if (kind === 'postgres') {
    it('lets the application role add subject identities but not read them; the owner reads', async () => {
      const role = `bioaudit_app_${randomBytes(4).toString('hex')}`;
      const url = new URL(named.config.database.kind === 'postgres' ? named.config.database.url : '');
      url.username = role;
      await grantApplicationRole(named.db, url.toString());
      const app = await openDatabase({ kind: 'postgres', url: url.toString() });
      try {
        const repo = new SubjectIdentityRepository(app);
        await repo.record([{ pseudonym: 'psn:role-test', sealedRef: 'v1.x' }]);
        await repo.record([{ pseudonym: 'psn:role-test', sealedRef: 'v1.y' }]); // known: kept, no error
        const psn = new SubjectPseudonymiser(
          derivePseudonymKey(Buffer.from(masterKey, 'base64')),
        ).pseudonymise(IDENTIFIERS['P-valid']);
        const err = await reidentify(app, Keyring.fromBase64(masterKey), 'intruder', psn, 'curious').catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(DomainError);
        expect(err).toMatchObject({ code: 'CLI.NOT_AUTHORISED' });
        await expect(new SubjectIdentityRepository(named.db).sealedRefOf('psn:role-test')).resolves.toBe(
          'v1.x',
        );
      } finally {
        await app.close();
        await named.db.dataSource.query(`DROP OWNED BY "${role}"`);
        const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
        await admin.connect();
        await admin
          .query(`REVOKE ALL ON DATABASE "${url.pathname.slice(1)}" FROM "${role}"`)
          .catch(() => undefined);
        await admin.end();
        drops.push(async () => {
          const c = new Client({ connectionString: TEST_PG_ADMIN_URL });
          await c.connect();
          await c.query(`DROP ROLE IF EXISTS "${role}"`).catch(() => undefined);
          await c.end();
        });
      }
    });
  }
});
