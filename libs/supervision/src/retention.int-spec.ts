import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { creditCodeCheckChar } from '@app/common';
import { IngestService, InspectionService, VerifyService } from '@app/inspection';
import { grantApplicationRole, openDatabase, RetentionRepository } from '@app/persistence';
import { createTempDir, TEST_PG_ADMIN_URL } from '@app/testing';
import { IntegritySweep } from './integrity-sweep.service';
import { CaseRetention } from './retention.service';
import { RetentionSchedule } from './supervision.schedules';
import { capture, FIXTURE_FIRM, inspectionFolder } from './supervision-folders.testing';
import { startSupervisionApp, type SupervisionTestApp } from './supervision-app.testing';
import { SUPERVISION_ALERTS } from './supervision.errors';

const withCheck = (body: string) => body + (creditCodeCheckChar(body) ?? '');
/** Three firms of the same fixture: A's case closed long ago, B's recently, C's still open. */
const FIRM = { A: FIXTURE_FIRM, B: withCheck('91330201MA2GT0002'), C: withCheck('91330201MA2GT0003') };
/** Mobile numbers as the firms' subject references: stored as pseudonyms, each with a sealed identity. */
const SUBJECT = {
  onlyA: '13800000001',
  aAndB: '13800000002',
  aAndC: '13800000003',
  onlyB: '13800000004',
  onlyC: '13800000005',
};

describe.each(['embedded', 'postgres'] as const)('retention of closed cases on %s', (kind) => {
  const home = createTempDir();
  let t: SupervisionTestApp;
  let retention: CaseRetention;
  let sweep: IntegritySweep;
  const q = <T>(sql: string, params: unknown[] = []) => t.db.dataSource.query<T[]>(sql, params);
  const caseOf = async (firm: string) =>
    (
      await q<{ id: string; caseNumber: string }>(
        `SELECT c.id::text AS id, c.case_number AS "caseNumber" FROM "case" c JOIN firm f ON f.id = c.firm_id
         WHERE f.credit_code = $1`,
        [firm],
      )
    )[0];
  const capturesOf = async (firm: string) =>
    (
      await q<{ id: string; sha256: string; storagePath: string; fileName: string }>(
        `SELECT b.id::text AS id, b.sha256, b.storage_path AS "storagePath", b.file_name AS "fileName"
         FROM ingest_batch b JOIN firm f ON f.id = b.firm_id WHERE f.credit_code = $1 AND b.kind = 'captures'`,
        [firm],
      )
    )[0];
  const consentsOf = async (firm: string) =>
    (
      await q<{ id: string; storagePath: string }>(
        `SELECT b.id::text AS id, b.storage_path AS "storagePath"
         FROM ingest_batch b JOIN firm f ON f.id = b.firm_id WHERE f.credit_code = $1 AND b.kind = 'consents'`,
        [firm],
      )
    )[0];
  /** Pseudonym of each subject, as the firms' capture rows hold it. */
  const psn: Record<keyof typeof SUBJECT, string> = {} as never;
  const identities = async () =>
    (await q<{ pseudonym: string }>(`SELECT pseudonym FROM subject_identity ORDER BY pseudonym`)).map(
      (r) => r.pseudonym,
    );
  /** Closes a case as the procedure does: a step into a terminal state on `day`, and the case's state. */
  const close = async (caseId: string, day: string) => {
    await q(
      `INSERT INTO case_step (case_id, seq, action, actor_id, actor_roles, at, date, input, from_state, to_state)
       SELECT $1, COALESCE(max(seq), 0) + 1, 'withdraw', 'officer-test', '{head}', $2, $3, '{}', 'clue', 'withdrawn'
       FROM case_step WHERE case_id = $1`,
      [caseId, `${day}T02:00:00Z`, day],
    );
    await q(`UPDATE "case" SET state = 'withdrawn' WHERE id = $1`, [caseId]);
  };

  /** The fixture folder as firm `creditCode`, with captures of `subjects` nobody consented to. */
  const folderOf = (name: string, creditCode: string, subjects: [string, string][]) => {
    const folder = inspectionFolder(
      home.dir,
      name,
      subjects.map(([eventId, ref], i) => capture(eventId, ref, `2025-04-1${i}T09:00`)),
    );
    const firmFile = path.join(folder, 'firm.json');
    writeFileSync(firmFile, readFileSync(firmFile, 'utf8').replace(FIXTURE_FIRM, creditCode));
    return folder;
  };

  beforeAll(async () => {
    t = await startSupervisionApp(kind, home.dir, {
      now: '2026-06-01',
      env: { BIOAUDIT_RETENTION_DAYS: '365' },
    });
    retention = t.app.get(CaseRetention);
    sweep = t.app.get(IntegritySweep);
    const inspect = (folder: string) =>
      t.app.get(InspectionService).inspect(folder, { outDir: path.join(home.dir, 'out') });
    await inspect(
      folderOf('a', FIRM.A, [
        ['A1', SUBJECT.onlyA],
        ['A2', SUBJECT.aAndB],
        ['A3', SUBJECT.aAndC],
      ]),
    );
    await inspect(
      folderOf('b', FIRM.B, [
        ['B1', SUBJECT.aAndB],
        ['B2', SUBJECT.onlyB],
      ]),
    );
    await inspect(
      folderOf('c', FIRM.C, [
        ['C1', SUBJECT.aAndC],
        ['C2', SUBJECT.onlyC],
      ]),
    );
    for (const [key, eventKey] of [
      ['onlyA', 'A1'],
      ['aAndB', 'A2'],
      ['aAndC', 'A3'],
      ['onlyB', 'B2'],
      ['onlyC', 'C2'],
    ] as const) {
      const [row] = await q<{ subject_ref: string }>(
        `SELECT DISTINCT subject_ref FROM capture_event WHERE event_key = $1`,
        [eventKey],
      );
      psn[key] = row.subject_ref;
    }
    await close((await caseOf(FIRM.A)).id, '2025-03-01'); // 457 days before 2026-06-01
    await close((await caseOf(FIRM.B)).id, '2026-03-01'); // 92 days before
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    home.remove();
  });

  it('starts from pseudonymised evidence: every subject has a sealed identity, every raw file is stored', async () => {
    for (const p of Object.values(psn)) expect(p).toMatch(/^psn:[a-z2-7]{26}$/);
    expect(await identities()).toEqual(Object.values(psn).sort());
    for (const firm of Object.values(FIRM))
      expect(existsSync((await capturesOf(firm)).storagePath)).toBe(true);
  });

  it("removes the closed case's subjects that nothing live references and its own raw files, with a record", async () => {
    const a = await caseOf(FIRM.A);
    const captures = await capturesOf(FIRM.A);
    // As the bureau's schedule runs it: 03:30 in Beijing, the run's business key recorded as its job.
    const schedule = new RetentionSchedule(retention);
    const period = '2026-05-31T19:30:00.000Z';
    const result = await schedule.run((await schedule.targets())[0], {
      schedule,
      period,
      scheduledAt: new Date(period),
      signal: new AbortController().signal,
    });
    const [record] = await q<{
      id: string;
      case_id: string;
      job_id: string;
      removed_at: Date;
      pseudonyms: string[];
      pseudonyms_removed: number;
      files_removed: number;
    }>(`SELECT id::text AS id, case_id::text AS case_id, job_id, removed_at, pseudonyms, pseudonyms_removed,
               files_removed FROM retention_record`);
    expect(result).toEqual({
      summary: {
        today: '2026-06-01',
        retentionDays: 365,
        retiredCases: 1,
        pseudonymsRemoved: 1,
        filesRemoved: 1,
        removed: [{ case: a.caseNumber, retentionRecord: record.id, pseudonymsRemoved: 1, filesRemoved: 1 }],
      },
    });
    expect(record).toEqual({
      id: record.id,
      case_id: a.id,
      job_id: 'retention:once:2026-05-31T19:30:00.000Z',
      removed_at: t.clock.now(),
      pseudonyms: [psn.onlyA],
      pseudonyms_removed: 1,
      files_removed: 1,
    });
    expect(await q(`SELECT batch_id::text AS batch_id, sha256, storage_path FROM retention_file`)).toEqual([
      { batch_id: captures.id, sha256: captures.sha256, storage_path: captures.storagePath },
    ]);
    // The subject only A's case knew can no longer be re-identified; the pseudonym stays in the evidence.
    expect(await identities()).toEqual(
      [psn.aAndB, psn.aAndC, psn.onlyB, psn.onlyC].sort(), // shared with B (within retention) and C (open)
    );
    expect(await q(`SELECT count(*)::int AS n FROM finding WHERE subject_ref = $1`, [psn.onlyA])).toEqual([
      { n: 1 },
    ]);
    // A's raw capture file is gone; its batch row and SHA-256 stay. The consents file has the same bytes as B's
    // and C's (one content-addressed copy): kept.
    expect(existsSync(captures.storagePath)).toBe(false);
    expect(await capturesOf(FIRM.A)).toEqual(captures);
    expect(existsSync((await consentsOf(FIRM.A)).storagePath)).toBe(true);
    expect((await consentsOf(FIRM.A)).storagePath).toBe((await consentsOf(FIRM.B)).storagePath);
    for (const firm of [FIRM.B, FIRM.C]) expect(existsSync((await capturesOf(firm)).storagePath)).toBe(true);
    // The case's documents stay: its case file is where it was, with its hash.
    const [caseFile] = await q<{ storage_path: string }>(
      `SELECT storage_path FROM case_file WHERE case_id = $1`,
      [a.id],
    );
    expect(existsSync(caseFile.storage_path)).toBe(true);
    // The audit log has the removal, by the supervision actor, with ids and counts only.
    const log = await q<{ actor: string; entity_id: string; details: Record<string, unknown> }>(
      `SELECT actor, entity_id, details FROM audit_log WHERE action = 'retention.removed'`,
    );
    expect(log).toEqual([
      {
        actor: 'supervision',
        entity_id: a.id,
        details: {
          retentionRecord: record.id,
          jobId: 'retention:once:2026-05-31T19:30:00.000Z',
          pseudonymsRemoved: 1,
          files: [{ batchId: captures.id, sha256: captures.sha256 }],
        },
      },
    ]);
    expect(JSON.stringify(log)).not.toContain('psn:');
    expect(JSON.stringify(log)).not.toContain(SUBJECT.onlyA);
  }, 60_000);

  it('removes nothing and records nothing when run again', async () => {
    const before = await identities();
    const result = await retention.run({ jobId: 'retention:once:2026-06-01T19:30:00.000Z' });
    expect(result.summary).toMatchObject({
      retiredCases: 1,
      pseudonymsRemoved: 0,
      filesRemoved: 0,
      removed: [],
    });
    expect(await identities()).toEqual(before);
    expect(await q(`SELECT count(*)::int AS n FROM retention_record`)).toEqual([{ n: 1 }]);
    expect(await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.removed'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('stops between cases when the schedule times the run out, removing nothing more', async () => {
    const before = await identities();
    await expect(retention.run({ jobId: 'timed-out' }, AbortSignal.abort())).rejects.toThrow(/abort/i);
    expect(await identities()).toEqual(before);
    expect(await q(`SELECT count(*)::int AS n FROM retention_record`)).toEqual([{ n: 1 }]);
  });

  it('keeps the retention record append-only', async () => {
    await expect(q(`UPDATE retention_record SET files_removed = 0`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM retention_file`)).rejects.toThrow(/append-only/);
  });

  it('reports the removed raw file as retired with its record, and still flags a missing or altered live one', async () => {
    const a = await caseOf(FIRM.A);
    const retiredCaptures = await capturesOf(FIRM.A);
    const [{ id: recordId }] = await q<{ id: string }>(`SELECT id::text AS id FROM retention_record`);
    const retired = {
      object: `batch ${retiredCaptures.id} ${retiredCaptures.fileName}`,
      retentionRecord: recordId,
      case: a.caseNumber,
      removedAt: t.clock.now().toISOString(),
    };
    const clean = await sweep.run();
    expect(clean.alerts).toBeUndefined();
    expect(clean.summary).toEqual({
      rawFiles: 12,
      caseFiles: 3,
      caseDocuments: 0,
      intact: 14,
      altered: 0,
      missing: 0,
      retired: 1,
      retiredFiles: [retired],
    });

    const live = await capturesOf(FIRM.C);
    const liveObject = `batch ${live.id} ${live.fileName}`;
    renameSync(live.storagePath, `${live.storagePath}.away`);
    try {
      const result = await sweep.run();
      expect(result.alerts).toEqual([
        {
          code: SUPERVISION_ALERTS.EVIDENCE_MISSING,
          object: liveObject,
          message: expect.stringContaining('is missing') as string,
        },
      ]);
      expect(result.summary).toMatchObject({ missing: 1, retired: 1, retiredFiles: [retired] });
    } finally {
      renameSync(`${live.storagePath}.away`, live.storagePath);
    }

    const original = readFileSync(live.storagePath);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] ^= 0x01;
    chmodSync(live.storagePath, 0o600);
    writeFileSync(live.storagePath, tampered);
    try {
      const result = await sweep.run();
      expect(result.alerts).toEqual([
        {
          code: SUPERVISION_ALERTS.EVIDENCE_ALTERED,
          object: liveObject,
          message: expect.stringContaining('does not authenticate') as string,
        },
      ]);
      expect(result.summary).toMatchObject({ altered: 1, missing: 0, retired: 1 });
    } finally {
      writeFileSync(live.storagePath, original);
    }
  }, 120_000);

  it('keeps `bioaudit verify` intact over a retired raw file, and still breaks it on a missing live one', async () => {
    const verify = t.app.get(VerifyService);
    const a = await verify.verify({ firm: FIRM.A, operator: 'officer-test' });
    // Firm A's captures file is gone by rule: every other file of the firm, its rows and the chain are checked.
    expect(a.files).toBeGreaterThan(0);
    // One batch's check (`bioaudit ingest verify`, POST /api/batches/{id}/verify) says so too, with the record.
    const retiredCaptures = await capturesOf(FIRM.A);
    const [{ id: recordId }] = await q<{ id: string }>(`SELECT id::text AS id FROM retention_record`);
    expect(await t.app.get(IngestService).verify(retiredCaptures.id, 'officer-test')).toMatchObject({
      intact: false,
      actualSha256: null,
      retired: { retentionRecord: recordId, case: (await caseOf(FIRM.A)).caseNumber },
    });
    const live = await capturesOf(FIRM.C);
    renameSync(live.storagePath, `${live.storagePath}.away`);
    try {
      await expect(t.app.get(IngestService).verify(live.id, 'officer-test')).rejects.toMatchObject({
        code: 'INGEST.EVIDENCE_ALTERED',
      });
      await expect(verify.verify({ firm: FIRM.C, operator: 'officer-test' })).rejects.toMatchObject({
        code: 'VERIFY.CUSTODY_BROKEN',
        message: expect.stringContaining(`raw file of batch ${live.id} is missing`) as string,
      });
    } finally {
      renameSync(`${live.storagePath}.away`, live.storagePath);
    }
  }, 120_000);

  it('frees what a later-retired case shared, and keeps what an open case still references', async () => {
    t.clock.setBeijingDay('2027-03-05'); // B closed 2026-03-01: 369 days ago
    const b = await caseOf(FIRM.B);
    const bCaptures = await capturesOf(FIRM.B);
    let run: CaseRetention = retention;
    let cleanup = async () => {};
    if (kind === 'postgres') {
      // On PostgreSQL the job runs with the application role's rights only.
      const role = `bioaudit_app_${randomBytes(4).toString('hex')}`;
      const url = new URL(t.config.database.kind === 'postgres' ? t.config.database.url : '');
      url.username = role;
      await grantApplicationRole(t.db, url.toString());
      const appDb = await openDatabase({ kind: 'postgres', url: url.toString() });
      run = new CaseRetention(t.config, t.clock, new RetentionRepository(appDb));
      await expect(appDb.dataSource.query(`SELECT sealed_ref FROM subject_identity`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(appDb.dataSource.query(`UPDATE retention_record SET files_removed = 0`)).rejects.toThrow(
        /permission denied/,
      );
      cleanup = async () => {
        await appDb.close();
        await q(`DROP OWNED BY "${role}"`);
        const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
        await admin.connect();
        try {
          await admin.query(`REVOKE ALL ON DATABASE "${url.pathname.slice(1)}" FROM "${role}"`);
          await admin.query(`DROP ROLE IF EXISTS "${role}"`);
        } finally {
          await admin.end();
        }
      };
    }
    try {
      const result = await run.run({ jobId: 'retention:once:2027-03-04T19:30:00.000Z' });
      // A (first by id) frees the subject it shared with B; B its own subject and raw capture file.
      expect(result.summary).toMatchObject({
        today: '2027-03-05',
        retiredCases: 2,
        pseudonymsRemoved: 2,
        filesRemoved: 1,
      });
      expect((result.summary.removed as { case: string }[]).map((r) => r.case)).toEqual([
        (await caseOf(FIRM.A)).caseNumber,
        b.caseNumber,
      ]);
    } finally {
      await cleanup();
    }
    // Still referenced by C's open case: kept.
    expect(await identities()).toEqual([psn.aAndC, psn.onlyC].sort());
    expect(existsSync(bCaptures.storagePath)).toBe(false);
    expect(existsSync((await capturesOf(FIRM.C)).storagePath)).toBe(true);
    // B's, A's and C's consents share one stored copy, and C's case is open: kept.
    expect(existsSync((await consentsOf(FIRM.B)).storagePath)).toBe(true);
    const records = await q<{ case_id: string; pseudonyms: string[] }>(
      `SELECT case_id::text AS case_id, pseudonyms FROM retention_record ORDER BY id`,
    );
    expect(records).toEqual([
      { case_id: (await caseOf(FIRM.A)).id, pseudonyms: [psn.onlyA] },
      { case_id: (await caseOf(FIRM.A)).id, pseudonyms: [psn.aAndB] },
      { case_id: b.id, pseudonyms: [psn.onlyB] },
    ]);
    expect((await sweep.run()).summary).toMatchObject({ missing: 0, altered: 0, retired: 2 });
    // And once more: nothing left to do.
    expect((await retention.run({ jobId: 'again' })).summary).toMatchObject({ removed: [] });
  }, 120_000);
});
