import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { Clock, FixedClock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { SigningKey } from '@app/crypto';
import { DATABASE, migrateAsOwner, PersistenceModule, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase, TEST_PG_ADMIN_URL } from '@app/testing';
import { EvidenceStore } from './evidence-store';
import { IngestService } from './ingest.service';
import { InspectionModule } from './inspection.module';
import { InspectionService } from './inspection.service';
import type { InspectionReport } from './inspection.types';
import { anchorOf, signedAnchorOf } from './custody-anchor';
import { signingKeyOf, VerifyService } from './verify.service';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');

async function boot(env: Record<string, string>) {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, InspectionModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(loadConfig(env))
    .overrideProvider(Clock)
    .useValue(new FixedClock(new Date('2021-04-21T02:00:00Z')))
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  return app;
}

/**
 * Forgery on real PostgreSQL, by a hostile operator: the application runs as a role that may only
 * SELECT/INSERT evidence (created by `migrate` as the owner); the owner (superuser here) forges what the
 * database lets it, with triggers switched off; `verify` must name each forgery and pass on untouched evidence.
 */
describe('custody chain and roles on PostgreSQL', () => {
  const home = createTempDir();
  const appRole = `bioaudit_app_${randomBytes(4).toString('hex')}`;
  let dropPg: () => Promise<void>;
  let close: () => Promise<void>;
  let owner: Client; // the schema owner (superuser on this test server)
  let app: Client; // the application role, straight to SQL
  let verifier: VerifyService;
  let report: InspectionReport;
  let db: Database;
  let ingest: IngestService;
  let store: EvidenceStore;
  let config: AppConfig;

  /** Runs SQL as the owner with every trigger off (what an owner can do: ALTER TABLE … DISABLE TRIGGER). */
  async function forge(sql: string, params: unknown[] = []): Promise<void> {
    await owner.query('BEGIN');
    await owner.query('SET LOCAL session_replication_role = replica');
    await owner.query(sql, params);
    await owner.query('COMMIT');
  }
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    ((await owner.query(sql, params)).rows as T[])[0];
  const verify = (anchors: string[] = []) => verifier.verify({ anchors, operator: 'officer-test' });

  beforeAll(async () => {
    const pg = await createTestPostgresDatabase();
    dropPg = pg.drop;
    const appUrl = new URL(pg.url);
    appUrl.username = appRole;
    // migrate as the owner: creates the application role and grants it its rights.
    const migrated = await migrateAsOwner({ url: appUrl.toString(), migrationUrl: pg.url });
    expect(migrated).toMatchObject({ role: appRole, created: true });
    expect(migrated.applied).toContain('CustodyChain1764820000000');
    owner = new Client({ connectionString: pg.url });
    await owner.connect();
    app = new Client({ connectionString: appUrl.toString() });
    await app.connect();
    const nest = await boot({
      BIOAUDIT_HOME: home.dir,
      BIOAUDIT_OPERATOR: 'officer-test',
      DATABASE_URL: appUrl.toString(),
    });
    db = nest.get(DATABASE);
    verifier = nest.get(VerifyService);
    ingest = nest.get(IngestService);
    config = nest.get<AppConfig>(APP_CONFIG);
    store = EvidenceStore.forConfig(config);
    close = () => nest.close();
    // The whole pipeline runs as the application role.
    report = await nest
      .get(InspectionService)
      .inspect(FIXTURE, { outDir: path.join(home.dir, 'out'), decisionDate: '2021-04-21' });
  }, 180_000);

  afterAll(async () => {
    await close?.();
    await app?.end();
    await owner?.end();
    await dropPg?.();
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${appRole}"`);
    await admin.end();
    home.remove();
  });

  it('chains every custody event and audit_log row, and verifies untouched evidence', async () => {
    const [{ u }] = await db.dataSource.query<{ u: string }[]>(`SELECT current_user AS u`);
    expect(u).toBe(appRole);
    const kinds = (await owner.query(`SELECT DISTINCT kind FROM custody_event ORDER BY kind`)).rows.map(
      (r: { kind: string }) => r.kind,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'audit_log.insert',
        'ingest_batch.insert',
        'ingest_batch.update',
        'case.insert',
        'finding.insert',
        'penalty_assessment.insert',
        'case_file.insert',
      ]),
    );
    // Each audit_log row carries its entry and the previous entry's hash.
    const unlinked = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log l JOIN custody_event e ON e.seq = l.chain_seq
       WHERE e.row_hash <> l.row_hash OR e.prev_hash <> l.prev_hash OR e.entity_id <> l.id::text`,
    );
    expect(unlinked.n).toBe(0);
    const summary = await verify();
    expect(summary.entries).toBeGreaterThan(20);
    expect(summary.files).toBe(5); // firm, devices, captures, consents raw files + the case file
    expect(summary.batches).toBe(4);
    expect(summary.anchor).toMatch(/^bioaudit-custody-v2:\d+:[0-9a-f]{64}:[0-9a-f]{16}:[A-Za-z0-9_-]{86}$/);
  });

  it('prints the signed anchor of the stated assessment and its key in the case file, and verify proves it', async () => {
    const text = execFileSync('pdftotext', [report.caseFile!.path, '-'], { encoding: 'utf8' }).replace(
      /[\s-]+/g,
      '',
    );
    const a = await one<{ seq: string; row_hash: string }>(
      `SELECT seq::text, row_hash FROM custody_event WHERE kind = 'penalty_assessment.insert' ORDER BY seq DESC LIMIT 1`,
    );
    const key = signingKeyOf(config);
    const anchor = signedAnchorOf({ seq: a.seq, rowHash: a.row_hash }, key);
    expect(
      anchor.startsWith(`bioaudit-custody-v2:${a.seq}:${a.row_hash}:${key.fingerprint.slice(0, 16)}:`),
    ).toBe(true);
    expect(text).toContain(anchor.replace(/-/g, ''));
    expect(text).toContain(key.fingerprint);
    await expect(verify([anchor])).resolves.toMatchObject({ anchorsChecked: 1 });
    // An unsigned v1 anchor exported before signing is still proved.
    await expect(verify([anchorOf({ seq: a.seq, rowHash: a.row_hash })])).resolves.toMatchObject({
      anchorsChecked: 1,
    });
    // A third party holding only the public key.
    const third = await verifier.verify({
      anchors: [anchor],
      operator: 'officer-test',
      publicKeyPem: verifier.publicKey().pem,
    });
    expect(third.anchorsChecked).toBe(1);
    expect(third.anchor).toMatch(/^bioaudit-custody-v1:/); // no private key, so its own head unsigned
  });

  it('refuses a forged anchor naming its bad signature, and an anchor checked with another key', async () => {
    const real = (await verifier.anchor())!;
    const [prefix, seq, hash, kid, sig] = real.split(':');
    const other = `${prefix}:${seq}:${'0'.repeat(64)}`;
    // The hash of another (made-up) entry under our key id: the signature cannot be ours.
    const forged = verify([`${other}:${kid}:${sig}`]);
    await expect(forged).rejects.toMatchObject({ code: 'VERIFY.CUSTODY_BROKEN' });
    await expect(forged).rejects.toThrow(
      /has a bad signature \(key [0-9a-f]{16}\): it was forged or altered$/,
    );
    const forger = SigningKey.generate();
    await expect(
      verify([`${prefix}:${seq}:${hash}:${kid}:${forger.sign(`${prefix}:${seq}:${hash}`)}`]),
    ).rejects.toThrow(/has a bad signature/);
    await expect(
      verifier.verify({ anchors: [real], operator: 'officer-test', publicKeyPem: forger.publicKey.pem() }),
    ).rejects.toThrow(new RegExp(`was signed by key ${kid}, not by the key checking it`));
    await expect(verify([real])).resolves.toMatchObject({ anchorsChecked: 1 });
  });

  it('refuses the application role TRUNCATE, UPDATE, DELETE and disabling triggers on evidence', async () => {
    const refused = /permission denied|must be owner|append-only|cannot change/;
    for (const sql of [
      `TRUNCATE capture_event`,
      `TRUNCATE finding`,
      `TRUNCATE audit_log`,
      `UPDATE finding SET capture_count = capture_count + 1`,
      `DELETE FROM finding`,
      `UPDATE penalty_assessment SET version = version`,
      `DELETE FROM case_file`,
      `DELETE FROM capture_event`,
      `UPDATE consent_record SET consent_id = consent_id`,
      `DELETE FROM ingest_batch`,
      `UPDATE ingest_batch SET sha256 = repeat('0', 64)`,
      `UPDATE ingest_batch SET storage_path = '/tmp/forged'`,
      `INSERT INTO custody_event (seq, kind, entity, payload, prev_hash, row_hash) VALUES (999999, 'x', 'x', '{}', repeat('0', 64), repeat('0', 64))`,
      `SELECT custody_append('x', 'x', NULL, '{}')`,
      `ALTER TABLE finding DISABLE TRIGGER ALL`,
      `SET session_replication_role = replica`,
    ]) {
      await expect(app.query(sql)).rejects.toThrow(refused);
    }
    // What the application legitimately updates stays possible.
    await app.query(`UPDATE "case" SET status = status`);
    await app.query(`UPDATE ingest_batch SET status = status`);
    await expect(verify()).resolves.toBeDefined();
  });

  it('refuses even the owner UPDATE, DELETE and TRUNCATE on evidence while the triggers are on', async () => {
    for (const sql of [
      `TRUNCATE capture_event`,
      `TRUNCATE custody_event`,
      `TRUNCATE "case" CASCADE`,
      `UPDATE finding SET capture_count = 0`,
      `DELETE FROM penalty_assessment`,
      `UPDATE case_file SET sha256 = repeat('0', 64)`,
      `UPDATE custody_event SET payload = '{}'`,
      `UPDATE ingest_batch SET sha256 = repeat('0', 64)`,
    ]) {
      await expect(owner.query(sql)).rejects.toThrow(/append-only|cannot change/);
    }
  });

  it('detects an edited raw file (its recorded hash left alone)', async () => {
    const { id, storage_path: p } = await one<{ id: string; storage_path: string }>(
      `SELECT id::text, storage_path FROM ingest_batch WHERE kind = 'captures'`,
    );
    const original = readFileSync(p);
    chmodSync(p, 0o644);
    writeFileSync(p, Buffer.concat([original, Buffer.from('\n')]));
    await expect(verify()).rejects.toMatchObject({
      code: 'VERIFY.CUSTODY_BROKEN',
      message: expect.stringMatching(new RegExp(`raw file of batch ${id} was altered`)) as string,
    });
    writeFileSync(p, original);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects a replaced raw file whose hash was edited in ingest_batch to match', async () => {
    const b = await one<{ id: string; sha256: string; storage_path: string }>(
      `SELECT id::text, sha256, storage_path FROM ingest_batch WHERE kind = 'consents'`,
    );
    // The forger holds the master key: the replacement is a properly sealed file in the store.
    const plain = path.join(home.dir, 'forged-consents.csv');
    writeFileSync(plain, 'consentId,subjectRef\nC1,forged\n');
    const { createHash } = await import('node:crypto');
    const forgedSha = createHash('sha256').update(readFileSync(plain)).digest('hex');
    const forged = await store.keep(plain, forgedSha);
    await expect(ingest.verify(b.id)).resolves.toMatchObject({ intact: true });
    // Hash only, then hash and path: both named, by `verify` and by `ingest verify` (which reads the chain).
    await forge(`UPDATE ingest_batch SET sha256 = $1 WHERE id = $2`, [forgedSha, b.id]);
    await expect(verify()).rejects.toThrow(
      new RegExp(`ingest_batch ${b.id} .*changed since it was recorded`),
    );
    await expect(ingest.verify(b.id)).rejects.toMatchObject({ code: 'INGEST.EVIDENCE_ALTERED' });
    await forge(`UPDATE ingest_batch SET storage_path = $1 WHERE id = $2`, [forged, b.id]);
    await expect(verify()).rejects.toThrow(
      new RegExp(`ingest_batch ${b.id} .*changed since it was recorded`),
    );
    await expect(ingest.verify(b.id)).rejects.toMatchObject({
      code: 'INGEST.EVIDENCE_ALTERED',
      details: expect.objectContaining({ recordedSha256: b.sha256, actualSha256: b.sha256 }) as object,
    });
    await forge(`UPDATE ingest_batch SET sha256 = $1, storage_path = $2 WHERE id = $3`, [
      b.sha256,
      b.storage_path,
      b.id,
    ]);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects a deleted and an edited capture row', async () => {
    const c = await one<{ id: string; batch_id: string }>(
      `SELECT id::text, batch_id::text FROM capture_event ORDER BY id LIMIT 1 OFFSET 3`,
    );
    await owner.query(`CREATE TABLE saved_capture AS SELECT * FROM capture_event WHERE id = $1`, [c.id]);
    await forge(`DELETE FROM capture_event WHERE id = $1`, [c.id]);
    await expect(verify()).rejects.toThrow(new RegExp(`batch ${c.batch_id} held 12 captures rows, now 11`));
    await forge(`INSERT INTO capture_event OVERRIDING SYSTEM VALUE SELECT * FROM saved_capture`);
    await expect(verify()).resolves.toBeDefined();
    await forge(`UPDATE capture_event SET line_no = line_no + 100 WHERE id = $1`, [c.id]);
    await expect(verify()).rejects.toThrow(new RegExp(`batch ${c.batch_id}: a captures row was altered`));
    await forge(`UPDATE capture_event SET line_no = line_no - 100 WHERE id = $1`, [c.id]);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects an edited, a deleted and an inserted finding', async () => {
    const f = await one<{ id: string }>(`SELECT id::text FROM finding ORDER BY id LIMIT 1`);
    await forge(`UPDATE finding SET capture_count = capture_count + 1 WHERE id = $1`, [f.id]);
    await expect(verify()).rejects.toThrow(
      new RegExp(`finding ${f.id} \\(entry #\\d+\\) changed since it was recorded`),
    );
    await forge(`UPDATE finding SET capture_count = capture_count - 1 WHERE id = $1`, [f.id]);
    await owner.query(`CREATE TABLE saved_finding AS SELECT * FROM finding WHERE id = $1`, [f.id]);
    await forge(`DELETE FROM finding WHERE id = $1`, [f.id]);
    await expect(verify()).rejects.toThrow(new RegExp(`finding ${f.id} \\(entry #\\d+\\) was deleted`));
    await forge(`INSERT INTO finding OVERRIDING SYSTEM VALUE SELECT * FROM saved_finding`);
    await expect(verify()).resolves.toBeDefined();
    const { id } = await one<{ id: string }>(
      `INSERT INTO finding (case_id, kind, reason, subject_ref, device_id, site_id, purpose, capture_count, first_at,
         last_at, capture_ids, consent_ids)
       SELECT case_id, kind, reason, 'forged', device_id, site_id, purpose, capture_count, first_at, last_at, capture_ids,
         consent_ids FROM saved_finding RETURNING id::text`,
    ).catch(() => ({ id: '' }));
    expect(id).not.toBe(''); // with triggers on, the owner's insert is chained like any other ...
    await expect(verify()).resolves.toBeDefined();
    const forged = await one<{ id: string }>(`SELECT max(id)::text AS id FROM finding`);
    await owner.query('BEGIN');
    await owner.query('SET LOCAL session_replication_role = replica');
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO finding (case_id, kind, reason, subject_ref, device_id, site_id, purpose, capture_count, first_at,
         last_at, capture_ids, consent_ids)
       SELECT case_id, kind, reason, 'forged-2', device_id, site_id, purpose, capture_count, first_at, last_at,
         capture_ids, consent_ids FROM saved_finding RETURNING id::text`,
    );
    await owner.query('COMMIT');
    expect(Number(rows[0].id)).toBeGreaterThan(Number(forged.id));
    // ... one slipped in behind the chain's back is not.
    await expect(verify()).rejects.toThrow(new RegExp(`finding ${rows[0].id} is not in the chain`));
    await forge(`DELETE FROM finding WHERE id = $1`, [rows[0].id]);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects an edited assessment and an edited case row', async () => {
    const a = await one<{ id: string }>(`SELECT id::text FROM penalty_assessment ORDER BY id LIMIT 1`);
    await forge(`UPDATE penalty_assessment SET version = version + 100 WHERE id = $1`, [a.id]);
    await expect(verify()).rejects.toThrow(
      new RegExp(`penalty_assessment ${a.id} .*changed since it was recorded`),
    );
    await forge(`UPDATE penalty_assessment SET version = version - 100 WHERE id = $1`, [a.id]);
    const c = await one<{ id: string; summary: unknown }>(`SELECT id::text, summary FROM "case" LIMIT 1`);
    await forge(`UPDATE "case" SET summary = '{}' WHERE id = $1`, [c.id]);
    await expect(verify()).rejects.toThrow(new RegExp(`case ${c.id} .*changed since it was recorded`));
    await forge(`UPDATE "case" SET summary = $1 WHERE id = $2`, [JSON.stringify(c.summary), c.id]);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects an edited case-file PDF', async () => {
    const f = await one<{ id: string; storage_path: string }>(`SELECT id::text, storage_path FROM case_file`);
    const original = readFileSync(f.storage_path);
    chmodSync(f.storage_path, 0o644);
    const edited = Buffer.from(original);
    edited[Math.floor(edited.length / 2)] ^= 1;
    writeFileSync(f.storage_path, edited);
    await expect(verify()).rejects.toThrow(new RegExp(`case file ${f.id} was altered`));
    writeFileSync(f.storage_path, original);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects an edited chain entry', async () => {
    const e = await one<{ seq: string; payload: unknown }>(
      `SELECT seq::text, payload FROM custody_event WHERE kind = 'finding.insert' ORDER BY seq LIMIT 1`,
    );
    await forge(
      `UPDATE custody_event SET payload = jsonb_set(payload, '{rows,0,rowHash}', '"forged"') WHERE seq = $1`,
      [e.seq],
    );
    await expect(verify()).rejects.toThrow(new RegExp(`entry #${e.seq} \\(finding.insert\\) was altered`));
    await forge(`UPDATE custody_event SET payload = $1 WHERE seq = $2`, [JSON.stringify(e.payload), e.seq]);
    await expect(verify()).resolves.toBeDefined();
  });

  it('detects a cut chain against an anchor exported earlier (last: it leaves the chain cut)', async () => {
    const anchor = (await verifier.anchor())!;
    await expect(verify([anchor])).resolves.toMatchObject({ anchorsChecked: 1 });
    const head = anchor.split(':')[1];
    await forge(`DELETE FROM custody_event WHERE seq > $1 - 2`, [head]);
    await expect(verify([anchor])).rejects.toThrow(
      /no longer matches entry #\d+ \(the chain was rewritten\)/,
    );
  });
});

/** The embedded engine (one role, as today): the same chain, the same verify. */
describe('custody chain on the embedded engine', () => {
  const home = createTempDir();
  let close: () => Promise<void>;
  let db: Database;
  let verifier: VerifyService;

  async function forge(sql: string, params: unknown[] = []): Promise<void> {
    await db.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(sql, params);
    });
  }

  beforeAll(async () => {
    const nest = await boot({ BIOAUDIT_HOME: home.dir, BIOAUDIT_OPERATOR: 'officer-test' });
    db = nest.get(DATABASE);
    verifier = nest.get(VerifyService);
    close = () => nest.close();
    await nest
      .get(InspectionService)
      .inspect(FIXTURE, { outDir: path.join(home.dir, 'out'), decisionDate: '2021-04-21' });
  }, 180_000);

  afterAll(async () => {
    await close?.();
    home.remove();
  });

  it('verifies untouched evidence, then names an edited finding and an edited case file', async () => {
    await expect(verifier.verify()).resolves.toMatchObject({ files: 5, batches: 4 });
    await expect(db.dataSource.query(`UPDATE finding SET capture_count = 0`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`TRUNCATE capture_event`)).rejects.toThrow(/append-only/);

    const [f] = await db.dataSource.query<{ id: string }[]>(
      `SELECT id::text FROM finding ORDER BY id LIMIT 1`,
    );
    await forge(`UPDATE finding SET capture_count = capture_count + 1 WHERE id = $1`, [f.id]);
    await expect(verifier.verify()).rejects.toThrow(
      new RegExp(`finding ${f.id} .*changed since it was recorded`),
    );
    await forge(`UPDATE finding SET capture_count = capture_count - 1 WHERE id = $1`, [f.id]);

    const [cf] = await db.dataSource.query<{ id: string; storage_path: string }[]>(
      `SELECT id::text, storage_path FROM case_file`,
    );
    const original = readFileSync(cf.storage_path);
    chmodSync(cf.storage_path, 0o644);
    writeFileSync(cf.storage_path, Buffer.concat([original, Buffer.from('%forged')]));
    await expect(verifier.verify()).rejects.toThrow(new RegExp(`case file ${cf.id} was altered`));
    writeFileSync(cf.storage_path, original);
    await expect(verifier.verify()).resolves.toBeDefined();
  });
});
