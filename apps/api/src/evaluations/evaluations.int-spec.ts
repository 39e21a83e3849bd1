import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccountService, TokenService } from '@app/auth';
import { loadConfig } from '@app/config';
import { DATABASE, migrate, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { createApiApp } from '../api-app';

const RECOGNITION = path.join(__dirname, '..', '..', '..', '..', 'libs', 'recognition', 'src', 'fixtures');
const COMPARISONS = path.join(RECOGNITION, 'comparisons', 'fmr-claim-refuted.csv');
const FACES = path.join(RECOGNITION, 'faces');
const TRIAL_LOG = Buffer.from(
  [
    'probeImage,referenceImage,probeSubject,referenceSubject,decision,score',
    'astronaut.jpg,astronaut.jpg,collins,collins,accept,0.91',
    'grace-hopper.jpg,grace-hopper.jpg,hopper,hopper,reject,0.42',
    'astronaut.jpg,grace-hopper.jpg,collins,hopper,reject,0.12',
    'grace-hopper.jpg,astronaut.jpg,hopper,collins,accept,0.77',
  ].join('\n'),
);
const MASTER_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

interface Run {
  id: string;
  kind: string;
  createdBy: string;
  file: { name: string; bytes: number; sha256: string };
  verdict: string | null;
  vendor: string | null;
  device: string | null;
  attachments: { name: string; sha256: string }[];
  report: Record<string, unknown>;
}

const binary = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/**
 * Evaluation runs over HTTP on both engines: a comparisons CSV and a vendor trial log (with its images) are
 * evaluated, stored (append-only, the files sealed in the evidence store), listed newest first in the caller's
 * region, read back, and rendered as the same PDF each time.
 */
describe.each(['postgres', 'embedded'] as const)('evaluation runs over HTTP (%s)', (engine) => {
  let app: INestApplication;
  let db: Database;
  let cleanup: () => void;
  let drop: (() => Promise<void>) | undefined;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    const tmp = createTempDir();
    cleanup = tmp.remove;
    const pg = engine === 'postgres' ? await createTestPostgresDatabase() : null;
    drop = pg?.drop;
    app = await createApiApp(
      loadConfig({
        BIOAUDIT_HOME: tmp.dir,
        BIOAUDIT_OPERATOR: 'evaluations',
        LOG_LEVEL: 'warn',
        BIOAUDIT_MASTER_KEY: MASTER_KEY,
        ...(pg ? { DATABASE_URL: pg.url } : {}),
      }),
    );
    db = app.get<Database>(DATABASE);
    await migrate(db);
    await app.init();
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const users: [string, string[], Record<string, string>][] = [
      ['nb-inspector', ['inspector'], { regionCode: '3302', certificateNumber: '33020019001' }],
      ['nb-observer', ['observer'], { regionCode: '3302' }],
      ['hz-reviewer', ['legal_reviewer'], { regionCode: '3301' }],
      ['bureau-observer', ['observer'], {}],
      ['nb-firm', ['firm'], { firmCreditCode: '91330201MA2GT0AB16' }],
    ];
    for (const [username, roles, over] of users) {
      const { account } = await accounts.create(
        { username, roles, password: 'evaluation password 1', ...over },
        'evaluations',
      );
      token[username] = (await tokens.create(account.id, {}, 'evaluations')).token;
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await drop?.();
    cleanup?.();
  });

  const http = () => request(app.getHttpServer() as Server);
  const get = (url: string, who: string) => http().get(url).auth(token[who], { type: 'bearer' });
  const uploadComparisons = (who = 'nb-inspector') =>
    http()
      .post('/api/evaluations')
      .auth(token[who], { type: 'bearer' })
      .attach('comparisons', readFileSync(COMPARISONS), 'vendor.csv')
      .field('threshold', '0.7')
      .field('claim', '{"metric":"FMR","max":0.01,"vendor":"Acme","device":"Gate X1"}');
  const uploadTrialLog = (images = ['astronaut.jpg', 'grace-hopper.jpg']) => {
    let r = http()
      .post('/api/evaluations')
      .auth(token['nb-inspector'], { type: 'bearer' })
      .attach('trialLog', TRIAL_LOG, 'trial-2026-03.csv')
      .field('claim', 'accuracy ≥ 99 %');
    for (const image of images) r = r.attach('images', readFileSync(path.join(FACES, image)), image);
    return r;
  };

  let comparisons: Run;
  let trial: Run;

  it('stores a comparisons run: the verdict, the numbers, the vendor the claim names, the file sealed', async () => {
    const res = await uploadComparisons();
    expect(res.status).toBe(201);
    comparisons = res.body as Run;
    expect(comparisons).toMatchObject({
      kind: 'comparisons',
      createdBy: 'nb-inspector',
      verdict: 'REFUTED',
      vendor: 'Acme',
      device: 'Gate X1',
      file: { name: 'vendor.csv', bytes: readFileSync(COMPARISONS).length },
    });
    expect(comparisons.report).toMatchObject({ impostor: { n: 200, errors: 20 } });
    const [row] = await db.dataSource.query<{ storage_path: string; file_sha256: string }[]>(
      `SELECT storage_path, file_sha256 FROM evaluation_run WHERE id = $1`,
      [comparisons.id],
    );
    expect(row.file_sha256).toBe(comparisons.file.sha256);
    // Sealed at rest: the kept copy is not the CSV's bytes.
    const kept = await readFile(row.storage_path);
    expect(kept.includes(Buffer.from('probeSubject'))).toBe(false);
    expect(kept.length).toBeGreaterThan(0);
  }, 120_000);

  it('stores a trial log run with its images: the verdict on the device’s decisions', async () => {
    const res = await uploadTrialLog();
    expect(res.status).toBe(201);
    trial = res.body as Run;
    expect(trial).toMatchObject({ kind: 'trial-log', verdict: 'REFUTED', vendor: null });
    expect(trial.attachments.map((a) => a.name).sort()).toEqual(['astronaut.jpg', 'grace-hopper.jpg']);
    expect(trial.report).toMatchObject({ pairs: 4, images: 2, device: { genuine: { n: 2, errors: 1 } } });
  }, 180_000);

  it('refuses a trial log whose image is missing, naming the file by the name sent and no server path', async () => {
    const res = await uploadTrialLog(['astronaut.jpg']);
    expect(res.status).toBe(422);
    const body = res.body as { code: string; detail: string };
    expect(body.code).toBe('RECOGNITION.IMAGE_UNREADABLE');
    expect(body.detail).toContain('grace-hopper.jpg');
    expect(JSON.stringify(body)).not.toMatch(/uploads|\/tmp\//);
  }, 60_000);

  it('names the missing file, and refuses a role that may not evaluate', async () => {
    const missing = await http()
      .post('/api/evaluations')
      .auth(token['nb-inspector'], { type: 'bearer' })
      .field('threshold', '0.7');
    expect(missing.status).toBe(422);
    expect((missing.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      'comparisons',
    );
    expect((await uploadComparisons('nb-observer')).status).toBe(403);
  }, 60_000);

  it('lists runs newest first in pages, in the caller’s region; reads one back', async () => {
    const first = await get('/api/evaluations?limit=1', 'nb-observer');
    expect(first.status).toBe(200);
    const page = first.body as { items: Run[]; nextCursor: string | null };
    expect(page.items.map((r) => r.id)).toEqual([trial.id]);
    const second = await get(`/api/evaluations?limit=1&cursor=${page.nextCursor}`, 'nb-observer');
    expect((second.body as { items: Run[] }).items.map((r) => r.id)).toEqual([comparisons.id]);
    expect((await get('/api/evaluations', 'bureau-observer')).body).toMatchObject({
      items: [{ id: trial.id }, { id: comparisons.id }],
      nextCursor: null,
    });
    // Another region's officer sees none of them and cannot open one.
    expect((await get('/api/evaluations', 'hz-reviewer')).body).toEqual({ items: [], nextCursor: null });
    expect((await get(`/api/evaluations/${comparisons.id}`, 'hz-reviewer')).status).toBe(404);
    expect((await get('/api/evaluations', 'nb-firm')).status).toBe(403);
    expect((await get(`/api/evaluations/${comparisons.id}`, 'nb-firm')).status).toBe(403);
    expect((await get('/api/evaluations/not-an-id', 'nb-observer')).status).toBe(404);
    const one = await get(`/api/evaluations/${comparisons.id}`, 'nb-observer');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(comparisons);
  }, 60_000);

  it('renders the PDF from the stored run, the same bytes each time, for either kind', async () => {
    for (const run of [comparisons, trial]) {
      const a = await binary(get(`/api/evaluations/${run.id}/report.pdf`, 'nb-observer'));
      expect(a.status).toBe(200);
      expect(a.headers['content-type']).toBe('application/pdf');
      expect((a.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const b = await binary(get(`/api/evaluations/${run.id}/report.pdf`, 'nb-observer'));
      expect(b.headers.etag).toBe(a.headers.etag);
      expect(Buffer.compare(a.body as Buffer, b.body as Buffer)).toBe(0);
    }
  }, 120_000);

  it('keeps runs append-only and writes each call to the audit log', async () => {
    await expect(db.dataSource.query(`UPDATE evaluation_run SET verdict = 'SUPPORTED'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query(`DELETE FROM evaluation_run`)).rejects.toThrow(/append-only/);
    const rows = await db.dataSource.query<{ action: string; actor: string; outcome: string }[]>(
      `SELECT action, actor, outcome FROM audit_log WHERE entity = 'Evaluation' ORDER BY id`,
    );
    const actions = rows.map((r) => `${r.actor} ${r.action} ${r.outcome}`);
    expect(actions).toContain('nb-inspector POST /api/evaluations ok');
    expect(actions).toContain('nb-observer GET /api/evaluations/:id ok');
    expect(actions).toContain('nb-observer GET /api/evaluations/:id/report.pdf ok');
  }, 60_000);
});
