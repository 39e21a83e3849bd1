import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccountService, TokenService } from '@app/auth';
import { loadConfig } from '@app/config';
import { IngestService, InspectionService } from '@app/inspection';
import { DATABASE, migrate, type Database } from '@app/persistence';
import { ConsentWatch, ReauditFirm } from '@app/supervision';
import { createTempDir } from '@app/testing';
import {
  capture,
  FIXTURE_FIRM,
  inspectionFolder,
} from '../../../../libs/supervision/src/supervision-folders.testing';
import { createApiApp } from '../api-app';

const OTHER_NINGBO_FIRM = '91330201MA2GT0AB16';

/**
 * What supervision found at a firm, over HTTP: the consent watch's notices (the firm's own account reads them, as
 * do the officers of its region) and the re-audits' differences with the clue they opened (officers only).
 */
describe('GET /api/firms/{creditCode}/notices and /supervision', () => {
  const home = createTempDir();
  let app: INestApplication;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    app = await createApiApp(
      loadConfig({ BIOAUDIT_HOME: home.dir, BIOAUDIT_OPERATOR: 'supervision-api', LOG_LEVEL: 'warn' }),
    );
    await migrate(app.get<Database>(DATABASE));
    await app.init();
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const users: [string, string[], Record<string, string>][] = [
      ['nb-inspector', ['inspector'], { regionCode: '3302', certificateNumber: '33020019001' }],
      ['hz-inspector', ['inspector'], { regionCode: '3301', certificateNumber: '33010019001' }],
      ['admin', ['admin'], {}],
      ['the-firm', ['firm'], { firmCreditCode: FIXTURE_FIRM }],
      ['another-firm', ['firm'], { firmCreditCode: OTHER_NINGBO_FIRM }],
    ];
    for (const [username, roles, over] of users) {
      const { account } = await accounts.create(
        { username, roles, password: 'supervision password 1', ...over },
        'test',
      );
      token[username] = (await tokens.create(account.id, {}, 'test')).token;
    }
    // The firm's first inspection is the baseline; then two captures of strangers arrive and the nightly jobs run.
    await app
      .get(InspectionService)
      .inspect(inspectionFolder(home.dir, 'first'), { outDir: `${home.dir}/out` });
    await app
      .get(IngestService)
      .ingestFolder(
        inspectionFolder(home.dir, 'second', [
          capture('N1', 'P-stranger-1', '2025-05-02T09:00'),
          capture('N2', 'P-stranger-2', '2025-05-02T09:05'),
        ]),
        { operator: 'officer-test' },
      );
    await app.get(ReauditFirm).run({ creditCode: FIXTURE_FIRM });
    await app.get(ConsentWatch).run({ creditCode: FIXTURE_FIRM });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    home.remove();
  });

  const get = async (path: string, who: string) => {
    const res = await request(app.getHttpServer() as Server)
      .get(path)
      .auth(token[who], { type: 'bearer' });
    return { status: res.status, body: res.body as Record<string, unknown> & Record<string, unknown>[] };
  };

  it("gives the firm's own account its notices, and the officers of its region the same", async () => {
    const own = await get(`/api/firms/${FIXTURE_FIRM}/notices`, 'the-firm');
    expect(own.status).toBe(200);
    expect(own.body).toEqual([
      expect.objectContaining({
        kind: 'consent-ended',
        consentId: 'C4',
        period: '2025-04',
        ended: 'expired',
        captures: 1,
        message: expect.stringContaining('2025-04') as string,
      }),
      expect.objectContaining({ consentId: 'C3', period: '2025-04', ended: 'withdrawn', captures: 1 }),
    ]);
    const officer = await get(`/api/firms/${FIXTURE_FIRM}/notices`, 'nb-inspector');
    expect(officer.status).toBe(200);
    expect(officer.body).toEqual(own.body);
  });

  it("hides a firm's notices from another firm and from another region (404), and from an administrator (403)", async () => {
    expect((await get(`/api/firms/${FIXTURE_FIRM}/notices`, 'another-firm')).status).toBe(404);
    expect((await get(`/api/firms/${FIXTURE_FIRM}/notices`, 'hz-inspector')).status).toBe(404);
    expect((await get(`/api/firms/${FIXTURE_FIRM}/notices`, 'admin')).status).toBe(403);
  });

  it("shows the region's officers each re-audit's new findings by reason and the clue it opened", async () => {
    const res = await get(`/api/firms/${FIXTURE_FIRM}/supervision`, 'nb-inspector');
    expect(res.status).toBe(200);
    const body = res.body as unknown as {
      reaudits: Record<string, unknown>[];
      openClue: Record<string, unknown> | null;
    };
    expect(body.reaudits).toEqual([
      expect.objectContaining({
        newFindings: { NO_CONSENT: 2 },
        newTotal: 2,
        threshold: 1,
        caseNumber: expect.stringMatching(/^BA-/) as string,
        previousCaseNumber: expect.stringMatching(/^BA-/) as string,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      }),
    ]);
    expect(body.reaudits[0].caseNumber).not.toBe(body.reaudits[0].previousCaseNumber);
    expect(body.openClue).toEqual({
      caseId: expect.any(String) as string,
      caseNumber: `BA-${FIXTURE_FIRM}-M0001`,
      state: 'clue',
      openedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
  });

  it('keeps the supervision trail from the firm itself and administrators (403), and other regions (404)', async () => {
    expect((await get(`/api/firms/${FIXTURE_FIRM}/supervision`, 'the-firm')).status).toBe(403);
    expect((await get(`/api/firms/${FIXTURE_FIRM}/supervision`, 'admin')).status).toBe(403);
    expect((await get(`/api/firms/${FIXTURE_FIRM}/supervision`, 'hz-inspector')).status).toBe(404);
  });
});
