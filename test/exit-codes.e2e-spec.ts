import { appendFileSync, chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { bioaudit, bioauditInBackground, oneLineFailure, ROOT } from './cli-runner';

const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const FIRM = '91330201MA2GT00012';
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** A TCP port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Tables of a database's public schema. */
async function tables(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    return r.rows.map((x) => x.t);
  } finally {
    await c.end();
  }
}

/** Every exit code README documents, produced by the built CLI, each failure as one line naming its code. */
describe('bioaudit exit codes (built CLI)', () => {
  const tmp = createTempDir();
  const env = { BIOAUDIT_HOME: path.join(tmp.dir, 'home'), BIOAUDIT_OPERATOR: 'e2e' };
  afterAll(() => tmp.remove());

  it('0: --version prints the package version without opening a database', async () => {
    const r = await bioaudit(['--version'], env);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(existsSync(path.join(env.BIOAUDIT_HOME, 'db'))).toBe(false);
  }, 60_000);

  it('64: usage errors — unknown option, unknown command, missing argument or option, bad date or number', async () => {
    const cases: [string[], RegExp][] = [
      [['inspect', FIXTURE, '--bogus'], /^bioaudit: CLI\.USAGE: unknown option '--bogus'/],
      [['nosuch'], /^bioaudit: CLI\.USAGE: unknown command 'nosuch'/],
      [['inspect'], /^bioaudit: CLI\.USAGE: missing required argument 'folder'/],
      [['audit'], /^bioaudit: CLI\.USAGE: required option '--firm <creditCode>' not specified/],
      [['inspect', FIXTURE, '--date', '2021-02-30'], /^bioaudit: CLI\.BAD_DATE: --date must be/],
      [
        ['audit', '--firm', FIRM, '--discovery-date', '10/12/2020'],
        /^bioaudit: CLI\.BAD_DATE: --discovery-date/,
      ],
      [['demo', '--captures', 'many'], /^bioaudit: CLI\.BAD_NUMBER: --captures/],
      [['fine'], /^bioaudit: CLI\.USAGE: required option '--facts <file.json>' not specified/],
    ];
    for (const [args, expected] of cases) {
      const r = await bioaudit(args, env);
      expect({ args, code: r.code }).toEqual({ args, code: 64 });
      expect(oneLineFailure(r)).toMatch(expected);
      expect(r.stdout).toBe('');
    }
  }, 120_000);

  it('65: a facts document reports all its errors at once', async () => {
    const facts = path.join(
      ROOT,
      'libs',
      'penalties',
      'src',
      'fixtures',
      'cn',
      'ningbo-poly-2021.facts.json',
    );
    const bad = path.join(tmp.dir, 'bad-facts.json');
    const doc = JSON.parse(readFileSync(facts, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      bad,
      JSON.stringify({ ...doc, surprise: 1, affectedPersons: -3, decisionDate: '2021-13-01' }),
    );
    const r = await bioaudit(['fine', '--facts', bad], {});
    expect(r.code).toBe(65);
    const line = oneLineFailure(r);
    expect(line).toMatch(/^bioaudit: PENALTY\.INVALID_FACTS: /);
    for (const field of ['surprise', 'affectedPersons', 'decisionDate']) expect(line).toContain(field);
  }, 60_000);

  it('66: a missing folder or file, an unknown firm', async () => {
    const folder = await bioaudit(['inspect', path.join(tmp.dir, 'no-such-folder'), '--json'], env);
    expect(folder.code).toBe(66);
    expect(oneLineFailure(folder)).toContain('INGEST.FOLDER_NOT_FOUND');
    expect(folder.stdout).toBe('');

    const file = await bioaudit(['fine', '--facts', path.join(tmp.dir, 'none.json')], {});
    expect(file.code).toBe(66);
    expect(oneLineFailure(file)).toContain('CLI.FILE_NOT_FOUND');

    const firm = await bioaudit(['audit', '--firm', '91330201MA2GT99999'], env);
    expect(firm.code).toBe(66);
    expect(oneLineFailure(firm)).toContain('AUDIT.FIRM_NOT_FOUND');
  }, 120_000);

  it('4: a stored evidence file that no longer matches its recorded SHA-256', async () => {
    const ingest = await bioaudit(['ingest', FIXTURE, '--json'], env);
    expect(ingest.code).toBe(0);
    const [captures] = (JSON.parse(ingest.stdout) as { captureFiles: { batch: string }[] }).captureFiles;
    const ok = await bioaudit(['ingest', 'verify', captures.batch], env);
    expect(ok.code).toBe(0);
    const proof = JSON.parse(ok.stdout) as { storagePath: string };
    chmodSync(proof.storagePath, 0o644);
    appendFileSync(proof.storagePath, '{"eventId":"forged"}\n');
    const altered = await bioaudit(['ingest', 'verify', captures.batch], env);
    expect(altered.code).toBe(4);
    expect(oneLineFailure(altered)).toContain('INGEST.EVIDENCE_ALTERED');
  }, 120_000);

  it('75: the embedded database while another bioaudit process holds it, as one line', async () => {
    // A folder big enough that its ingest holds the database for several seconds.
    const big = path.join(tmp.dir, 'big-inspection');
    cpSync(FIXTURE, big, { recursive: true });
    writeFileSync(
      path.join(big, 'firm.json'),
      JSON.stringify({
        name: '忙碌置业有限公司 (fictional)',
        creditCode: '91330201MA2GT00038',
        region: '浙江省宁波市',
        timezone: 'Asia/Shanghai',
      }),
    );
    const t0 = Date.parse('2020-04-01T02:00:00Z');
    const lines: string[] = [];
    for (let i = 0; i < 400_000; i++) {
      const at = new Date(t0 + i * 60_000).toISOString();
      lines.push(
        `{"eventId":"B${i}","deviceId":"CAM-01","occurredAt":"${at}","eventType":"face_match","subjectRef":"P-${i % 997}"}`,
      );
    }
    writeFileSync(path.join(big, 'captures.jsonl'), `${lines.join('\n')}\n`);

    const busyEnv = { ...env, BIOAUDIT_HOME: path.join(tmp.dir, 'busy-home') };
    const holder = bioauditInBackground(['ingest', big], busyEnv);
    const lock = path.join(busyEnv.BIOAUDIT_HOME, 'db.lock');
    const deadline = Date.now() + 60_000;
    while (!existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(lock)).toBe(true);

    const busy = await bioaudit(['audit', '--firm', '91330201MA2GT00038'], busyEnv);
    const stillRunning = holder.child.exitCode === null;
    expect(busy.code).toBe(75);
    expect(oneLineFailure(busy)).toMatch(/^bioaudit: DB\.EMBEDDED_LOCKED: /);
    expect(stillRunning).toBe(true);
    const held = await holder.done;
    expect(held.code).toBe(0);
  }, 240_000);

  it('78: an unreachable server, an un-migrated one, and `migrate --check` that applies nothing', async () => {
    const port = await closedPort();
    const closed = await bioaudit(['audit', '--firm', FIRM], {
      ...env,
      DATABASE_URL: `postgres://bioaudit@127.0.0.1:${port}/bioaudit`,
    });
    expect(closed.code).toBe(78);
    expect(oneLineFailure(closed)).toMatch(
      /^bioaudit: DB\.UNREACHABLE: cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/bioaudit/,
    );

    const pg = await createTestPostgresDatabase();
    try {
      const pgEnv = { ...env, DATABASE_URL: pg.url };
      const check = await bioaudit(['migrate', '--check'], pgEnv);
      expect(check.code).toBe(78);
      expect(oneLineFailure(check)).toMatch(
        /^bioaudit: DB\.NOT_MIGRATED: .*InitialSchema1764158400000.*AssessmentVersionsAndCaseDates1764600000000/,
      );
      expect(await tables(pg.url)).toEqual([]); // --check applied nothing, not even the migrations table

      const notMigrated = await bioaudit(['audit', '--firm', FIRM], pgEnv);
      expect(notMigrated.code).toBe(78);
      expect(oneLineFailure(notMigrated)).toContain('DB.NOT_MIGRATED');
      expect(await tables(pg.url)).toEqual([]);

      const config = await bioaudit(['audit', '--firm', FIRM], { ...pgEnv, DATABASE_URL: 'not a url' });
      expect(config.code).toBe(78);
      expect(oneLineFailure(config)).toContain('CONFIG.INVALID');
    } finally {
      await pg.drop();
    }
  }, 120_000);

  it('70: entities and migrations that disagree (a migration missing from the code) are a bug', async () => {
    const pg = await createTestPostgresDatabase();
    try {
      const pgEnv = { ...env, DATABASE_URL: pg.url };
      expect((await bioaudit(['migrate'], pgEnv)).code).toBe(0);
      const agree = await bioaudit(['migrate', '--check'], pgEnv);
      expect(agree.code).toBe(0);
      expect(agree.stdout).toContain('entities and migrations agree');
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      await c.query(`ALTER TABLE penalty_assessment DROP COLUMN filing_date`);
      await c.end();
      const drift = await bioaudit(['migrate', '--check'], pgEnv);
      expect(drift.code).toBe(70);
      expect(oneLineFailure(drift)).toMatch(/^bioaudit: DB\.SCHEMA_DRIFT: .*filing_date/);
    } finally {
      await pg.drop();
    }
  }, 120_000);
});
