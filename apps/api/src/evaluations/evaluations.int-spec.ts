import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccountService, TokenService } from '@app/auth';
import { loadConfig } from '@app/config';
import { DATABASE, migrate, type Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { createApiApp } from '../api-app';

const FIXTURES = path.join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'libs',
  'recognition',
  'src',
  'fixtures',
  'comparisons',
);

/**
 * POST /api/evaluations and POST /api/evaluations/report take the same multipart upload: the verdict as JSON, and
 * the PDF report of the same evaluation (not stored; the same upload gives it again).
 */
describe('evaluations over HTTP', () => {
  let app: INestApplication;
  let cleanup: () => void;
  let inspector: string;
  let observer: string;

  beforeAll(async () => {
    const tmp = createTempDir();
    cleanup = tmp.remove;
    app = await createApiApp(loadConfig({ BIOAUDIT_HOME: tmp.dir, BIOAUDIT_OPERATOR: 'evaluations' }));
    await migrate(app.get<Database>(DATABASE));
    await app.init();
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const make = async (username: string, role: 'inspector' | 'observer') => {
      const { account } = await accounts.create(
        {
          username,
          roles: [role],
          password: 'evaluation password 1',
          regionCode: '3302',
          ...(role === 'inspector' ? { certificateNumber: '33020019001' } : {}),
        },
        'evaluations',
      );
      return (await tokens.create(account.id, {}, 'evaluations')).token;
    };
    inspector = await make('inspector', 'inspector');
    observer = await make('observer', 'observer');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  const http = () => request(app.getHttpServer() as Server);
  const upload = (route: string, token: string) =>
    http()
      .post(route)
      .set('Authorization', `Bearer ${token}`)
      .attach('comparisons', readFileSync(path.join(FIXTURES, 'fmr-claim-refuted.csv')), 'vendor.csv')
      .field('threshold', '0.7')
      .field('claim', '{"metric":"FMR","max":0.01}');

  it('judges the claim: 20 false matches in 200 is not FMR ≤ 1 %', async () => {
    const res = await upload('/api/evaluations', inspector);
    expect(res.status).toBe(200);
    const body = res.body as {
      impostor: { n: number; errors: number };
      verdict: { result: string };
      det: unknown[];
    };
    expect(body.impostor).toMatchObject({ n: 200, errors: 20 });
    expect(body.verdict.result).toBe('REFUTED');
    expect(body.det.length).toBeGreaterThan(2);
  }, 60_000);

  it('renders the PDF report of the same upload', async () => {
    const res = await upload('/api/evaluations/report', inspector)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('evaluation-vendor.pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
  }, 60_000);

  it('names the missing file, and refuses a role that may not evaluate', async () => {
    const missing = await http()
      .post('/api/evaluations/report')
      .set('Authorization', `Bearer ${inspector}`)
      .field('threshold', '0.7');
    expect(missing.status).toBe(422);
    expect((missing.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      'comparisons',
    );
    const refused = await upload('/api/evaluations/report', observer);
    expect(refused.status).toBe(403);
  }, 60_000);
});
