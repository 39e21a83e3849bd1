import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import AdmZip from 'adm-zip';
import { AccountService, TokenService } from '@app/auth';
import { Clock } from '@app/common';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { AuditLogRepository } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApiApp } from '../apps/api/src/api-app';
import { SteppingClock } from '../libs/cases/src/cases.testing';
import { recentInspectionFolder } from './inspection-folders';

/** The fixture firm (Ningbo, division code 330201). */
const FIRM = '91330201MA2GT00012';
const OTHER_FIRM = '91330211MA2J3L5Q4K';
const YEAR_MS = 365 * 86_400_000;

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string }[];
}

/**
 * The whole life of a case through the HTTP API, as the issue's "Done when" describes, on PostgreSQL and on the
 * embedded default: an inspector uploads an inspection folder, its findings open a clue, a head files it, two
 * inspectors investigate and propose, a legal reviewer reviews, the head issues the notice, the firm's account
 * defends and asks for a hearing, the hearing is held, the head decides (the proposing inspector, a head too, is
 * refused), service, publication and payment are recorded, the case closes. Every document downloads
 * byte-identical to its SHA-256, every step is in the audit log, and the deadlines are the hand-computed days over
 * the 2026 Spring Festival (holiday 15–23 Feb; make-up working Saturdays 14 and 28 Feb) and the make-up working
 * Sunday 4 Jan 2026. "Today" is a clock the test moves from step to step.
 */
describe.each(['postgres', 'embedded'] as const)('the life of a case through the API on %s', (kind) => {
  let tmp: { dir: string; remove: () => void };
  let app: INestApplication;
  let url: string;
  let drop: (() => Promise<void>) | null = null;
  const clock = new SteppingClock(new Date('2026-01-05T02:00:00Z'));
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  let caseId: string;

  const on = (date: string) => clock.setBeijingDay(date);
  const call = async (who: string, method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    const json = type.includes('json') ? ((await res.json()) as Record<string, unknown>) : null;
    return { status: res.status, type, json, res };
  };
  const act = (who: string, action: string, body: Record<string, unknown> = {}) =>
    call(who, 'POST', `/api/cases/${caseId}/actions/${action}`, body);
  const ok = async (who: string, action: string, body: Record<string, unknown> = {}) => {
    const r = await act(who, action, body);
    if (r.status !== 200) throw new Error(`${who} ${action}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as { state: string; document: { id: string; kind: string; sha256: string } | null };
  };
  const refused = async (who: string, action: string, body: Record<string, unknown>, status: number) => {
    const r = await act(who, action, body);
    expect(r.status).toBe(status);
    expect(r.type).toContain('application/problem+json');
    return r.json as unknown as Problem;
  };
  const detail = async (who = 'head') => {
    const r = await call(who, 'GET', `/api/cases/${caseId}`);
    expect(r.status).toBe(200);
    return r.json as {
      state: string;
      clueDate: string;
      docketNumber: string | null;
      actions: string[];
      handlers: { userId: string; certificateNumber: string }[];
      deadlines: { id: string; due: string; status: string; suspended?: boolean }[];
      timeline: { action: string; date: string }[];
      assessment: { amount: string; min: string; max: string | null } | null;
      documents: { id: string; kind: string; sha256: string }[];
    };
  };
  const due = async (id: string, who = 'head') => (await detail(who)).deadlines.find((d) => d.id === id);

  beforeAll(async () => {
    tmp = createTempDir();
    const vars: Record<string, string> = {
      BIOAUDIT_HOME: tmp.dir,
      BIOAUDIT_MASTER_KEY: 'YmlvYXVkaXQtZTJlLXRlc3Qta2V5LW5vdC1hLXNlY3I=',
      BIOAUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIJIIvoaMmhVt6Z4uIhptK+A1gUzGTyMTXVzm3eWTE4uf',
      LOG_LEVEL: 'error',
    };
    if (kind === 'postgres') {
      const pg = await createTestPostgresDatabase();
      vars.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
    // The app of createApiApp with the clock injected (a FixedClock-like clock the test moves).
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.withConfig(loadConfig(vars))],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'], bodyParser: false });
    configureApiApp(app);
    await app.get(SchemaService).migrate();
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer() as { address(): { port: number } }).address().port}`;

    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const people: Record<string, Parameters<AccountService['create']>[0]> = {
      inspector: { username: 'li', roles: ['inspector'], regionCode: '3302', certificateNumber: '33020002' },
      // A section head who also handles cases: four eyes must still hold for him.
      inspectorHead: {
        username: 'wang',
        roles: ['inspector', 'head'],
        regionCode: '3302',
        certificateNumber: '33020001',
      },
      head: { username: 'chen', roles: ['head'], regionCode: '3302' },
      reviewer: { username: 'zhao', roles: ['legal_reviewer'], regionCode: '3302' },
      firm: { username: 'firm-key', roles: ['firm'], firmCreditCode: FIRM },
      otherFirm: { username: 'other-firm', roles: ['firm'], firmCreditCode: OTHER_FIRM },
      canton: { username: 'canton', roles: ['head'], regionCode: '4401' },
      observer: { username: 'supervisor', roles: ['observer'], regionCode: '3302' },
    };
    for (const [key, p] of Object.entries(people)) {
      const { account } = await accounts.create(
        { ...p, password: `correct horse battery staple ${key.length}` },
        'e2e',
      );
      userId[key] = account.id;
      token[key] = (await tokens.create(account.id, { name: 'e2e', lifetimeMs: YEAR_MS }, 'e2e')).token;
    }
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await drop?.();
    tmp?.remove();
  });

  it('opens a clue from an uploaded inspection folder', async () => {
    on('2026-01-05');
    const zip = new AdmZip();
    zip.addLocalFolder(recentInspectionFolder(tmp.dir), 'recent-inspection');
    const up = await fetch(`${url}/api/inspections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.inspector}`, 'content-type': 'application/zip' },
      body: zip.toBuffer(),
    });
    expect(up.status).toBe(202);
    const { id } = (await up.json()) as { id: string };
    let status = '';
    for (let i = 0; i < 600 && status !== 'done' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = ((await call('inspector', 'GET', `/api/inspections/${id}`)).json as { status: string }).status;
    }
    expect(status).toBe('done');
    const list = await call('head', 'GET', `/api/cases?firm=${FIRM}&state=clue`);
    expect(list.status).toBe(200);
    const items = (list.json as { items: { id: string; state: string }[] }).items;
    expect(items).toHaveLength(1);
    caseId = items[0].id;
    const d = await detail();
    expect(d).toMatchObject({ state: 'clue', clueDate: '2025-12-26', docketNumber: null });
    expect(d.actions).toContain('file');
    expect(d.assessment).not.toBeNull();
    // 15 working days from Fri 26 Dec 2025, counting Sun 4 Jan 2026 (a make-up working day): Mon 19 Jan.
    expect(await due('filing')).toMatchObject({ due: '2026-01-19', status: 'open' });
  }, 120_000);

  it('runs the case from clue to closed, refusing what the law and the roles do not allow', async () => {
    on('2026-01-05');
    // Outside the scope: 404, never a hint that the case exists.
    expect((await call('otherFirm', 'GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await call('canton', 'GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await refused('canton', 'file', {}, 404)).code).toBe('CASE_WORKFLOW.CASE_NOT_FOUND');
    // Out of order, wrong role, bad body.
    expect((await refused('head', 'decide', { amount: '1.00' }, 409)).code).toBe(
      'PROCEDURE.NOT_ALLOWED_IN_STATE',
    );
    expect((await refused('inspector', 'file', {}, 403)).code).toBe('PROCEDURE.ROLE_NOT_PERMITTED');
    expect((await refused('head', 'file', { date: '5 Jan' }, 422)).errors?.[0].field).toBe('date');
    expect((await refused('head', 'fly', {}, 404)).code).toBe('PROCEDURE.UNKNOWN_ACTION');

    expect((await ok('head', 'file')).document?.kind).toBe('filing-approval');
    expect((await detail()).docketNumber).toBe('330201立〔2026〕0001号');
    expect(await due('decision')).toMatchObject({ due: '2026-04-05' });

    on('2026-01-06');
    await ok('head', 'assign', { handlers: [userId.inspectorHead, userId.inspector] });
    expect((await detail()).handlers.map((h) => h.certificateNumber).sort()).toEqual([
      '33020001',
      '33020002',
    ]);

    on('2026-01-07');
    const a = (await detail()).assessment!;
    // A hearing is offered from CNY 100,000 (legal persons): propose at least that, inside the legal range.
    const proposal = Number(a.amount) >= 100_000 ? a.amount : '100000.00';
    expect(Number(proposal)).toBeGreaterThanOrEqual(Number(a.min));
    await ok('inspectorHead', 'propose', {
      amount: proposal,
      ...(proposal === a.amount ? {} : { reason: '情节较重，从重处罚。' }),
    });
    on('2026-01-08');
    await ok('reviewer', 'review', { outcome: 'approved' });

    on('2026-02-10');
    expect((await ok('head', 'notify')).document?.kind).toBe('penalty-notice');
    // 11, 12, 13 Feb, Sat 14 Feb (make-up), the Spring Festival 15–23 Feb, Tue 24 Feb.
    expect(await due('statement', 'firm')).toMatchObject({ due: '2026-02-24' });
    expect(await due('hearing-request', 'firm')).toMatchObject({ due: '2026-02-24' });

    on('2026-02-12');
    expect((await detail('firm')).actions.sort()).toEqual(['defend', 'request-hearing']);
    expect((await refused('firm', 'decide', { amount: '1.00' }, 403)).code).toBe(
      'PROCEDURE.ROLE_NOT_PERMITTED',
    );
    expect((await refused('firm', 'defend', {}, 422)).errors?.[0].field).toBe('statement');
    await ok('firm', 'defend', { statement: '我司已整改完毕，请求从轻处罚。' });
    on('2026-02-13');
    await ok('firm', 'request-hearing');

    on('2026-02-24');
    // Seven working days after the notice of 24 Feb: 25, 26, 27 Feb, Sat 28 Feb (make-up), 2, 3, 4 Mar.
    const early = await refused(
      'head',
      'schedule-hearing',
      { hearingDate: '2026-03-03', place: '听证室', hostId: userId.head },
      422,
    );
    expect(early.code).toBe('PROCEDURE.INVALID_INPUT');
    expect(early.detail).toContain('2026-03-04');
    const hearing = await ok('head', 'schedule-hearing', {
      hearingDate: '2026-03-04',
      place: '宁波市市场监督管理局听证室',
      hostId: userId.head,
    });
    expect(hearing.document?.kind).toBe('hearing-notice');

    on('2026-03-04');
    await ok('head', 'record-hearing', { summary: '当事人到场陈述申辩。' });
    // The hearing (13 Feb – 4 Mar, 19 days) is not counted in the 90 days.
    expect(await due('decision')).toMatchObject({ due: '2026-04-24' });
    on('2026-03-05');
    await ok('reviewer', 'review', { outcome: 'approved' });

    on('2026-03-06');
    const amount = '100000.00';
    const fourEyes = await refused('inspectorHead', 'decide', { amount, reason: '从轻' }, 403);
    expect(fourEyes.code).toBe('PROCEDURE.FOUR_EYES');
    expect((await detail('inspectorHead')).actions).not.toContain('decide');
    const decided = await ok('head', 'decide', {
      amount,
      reason: '当事人积极整改，依法从轻处罚。',
      partyAddress: '浙江省宁波市海曙区某某路8号',
    });
    expect(decided).toMatchObject({ state: 'decided', document: { kind: 'decision' } });
    // Seven working days after Fri 6 Mar.
    expect(await due('service')).toMatchObject({ due: '2026-03-17' });

    on('2026-03-09');
    await ok('inspector', 'serve', { date: '2026-03-09', method: 'direct', recipient: '法定代表人' });
    expect(await due('payment', 'firm')).toMatchObject({ due: '2026-03-24' });
    on('2026-03-10');
    await ok('head', 'publish', { channel: '国家企业信用信息公示系统' });
    on('2026-03-12');
    expect((await refused('head', 'close', {}, 409)).code).toBe('PROCEDURE.PRECONDITION_FAILED');
    await ok('inspector', 'record-payment', { date: '2026-03-12', amount });
    on('2026-03-13');
    expect(await ok('head', 'close')).toMatchObject({
      state: 'closed',
      document: { kind: 'closing-report' },
    });

    const d = await detail();
    expect(d.timeline.map((s) => s.action)).toEqual([
      'file',
      'assign',
      'propose',
      'review',
      'notify',
      'defend',
      'request-hearing',
      'schedule-hearing',
      'record-hearing',
      'review',
      'decide',
      'serve',
      'publish',
      'record-payment',
      'close',
    ]);
    expect(d.actions).toEqual([]);
    expect(d.deadlines.filter((x) => x.status !== 'met')).toEqual([]);
  }, 240_000);

  it('serves every document byte-identical to its recorded SHA-256', async () => {
    const list = await call('head', 'GET', `/api/cases/${caseId}/documents`);
    expect(list.status).toBe(200);
    const docs = list.json as unknown as { id: string; kind: string; sha256: string; issuedAt: string }[];
    expect(docs.map((x) => x.kind)).toEqual([
      'filing-approval',
      'penalty-notice',
      'hearing-notice',
      'decision',
      'service-receipt',
      'closing-report',
    ]);
    for (const doc of docs) {
      for (const who of ['head', 'firm']) {
        const res = await fetch(`${url}/api/documents/${doc.id}`, {
          headers: { authorization: `Bearer ${token[who]}` },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('etag')).toBe(`"${doc.sha256}"`);
        const pdf = Buffer.from(await res.arrayBuffer());
        expect(createHash('sha256').update(pdf).digest('hex')).toBe(doc.sha256);
      }
      expect((await call('otherFirm', 'GET', `/api/documents/${doc.id}`)).status).toBe(404);
    }
  });

  it('has every step in the audit log', async () => {
    const entries = await app.get(AuditLogRepository).entries('case', caseId);
    const steps = entries.filter((e) => /^case\.[a-z-]+$/.test(e.action) && e.action !== 'case.opened');
    expect(steps.map((e) => e.action)).toEqual((await detail()).timeline.map((s) => `case.${s.action}`));
    expect(steps.find((e) => e.action === 'case.decide')).toMatchObject({
      actor: 'chen',
      details: { userId: userId.head, toState: 'decided' },
    });
    // The request log, read through the API: one `ok` row per step taken, and the refusals too.
    const log = await call(
      'observer',
      'GET',
      `/api/audit-log?object=${encodeURIComponent(`Case:${caseId}`)}&action=${encodeURIComponent('POST /api/cases/:id/actions/')}&limit=500`,
    );
    expect(log.status).toBe(200);
    const rows = (
      log.json as { items: { action: string; outcome: string | null; actor: string }[] }
    ).items.reverse();
    expect(rows.filter((r) => r.outcome === 'ok').map((r) => r.action)).toEqual(
      (await detail()).timeline.map((s) => `POST /api/cases/:id/actions/${s.action}`),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        action: 'POST /api/cases/:id/actions/decide',
        outcome: 'refused:403',
        actor: 'wang',
      }),
    );
  });

  it('refuses a hearing request after its window: 409 naming the last day', async () => {
    // More evidence of the same firm: a new inspection, a new clue (the case rests on every batch of the firm).
    on('2026-01-05');
    const folder = recentInspectionFolder(path.join(tmp.dir, 'more'));
    const captures = path.join(folder, 'captures.jsonl');
    writeFileSync(
      captures,
      readFileSync(captures, 'utf8').trimEnd() +
        '\n{"eventId":"E-MORE-1","deviceId":"CAM-01","occurredAt":"2025-04-02T10:00:00+08:00","eventType":"face_match","subjectRef":"P-more"}\n',
    );
    const zip = new AdmZip();
    zip.addLocalFolder(folder, 'more-inspection');
    const up = await fetch(`${url}/api/inspections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.inspector}`, 'content-type': 'application/zip' },
      body: zip.toBuffer(),
    });
    expect(up.status).toBe(202);
    const { id } = (await up.json()) as { id: string };
    let status = '';
    for (let i = 0; i < 600 && status !== 'done' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = ((await call('inspector', 'GET', `/api/inspections/${id}`)).json as { status: string }).status;
    }
    expect(status).toBe('done');
    const clues = (await call('head', 'GET', `/api/cases?firm=${FIRM}&state=clue`)).json as {
      items: { id: string }[];
    };
    const second = clues.items.find((c) => c.id !== caseId)!.id;
    const step = async (who: string, action: string, body: Record<string, unknown> = {}) => {
      const r = await call(who, 'POST', `/api/cases/${second}/actions/${action}`, body);
      if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.json)}`);
    };
    await step('head', 'file');
    await step('head', 'assign', { handlers: [userId.inspector, userId.inspectorHead] });
    await step('inspector', 'propose', { amount: '100000.00', reason: '情节较重。' });
    await step('reviewer', 'review', { outcome: 'approved' });
    on('2026-02-10');
    await step('head', 'notify');
    // The window's last day is Tue 24 Feb (over the Spring Festival); on the 25th the request is refused.
    on('2026-02-25');
    const late = await call('firm', 'POST', `/api/cases/${second}/actions/request-hearing`, {});
    expect(late.status).toBe(409);
    expect(late.type).toContain('application/problem+json');
    expect(late.json).toMatchObject({ code: 'PROCEDURE.WINDOW_CLOSED' });
    expect((late.json as unknown as Problem).detail).toContain('2026-02-24');
    // The firm's own lapsed windows are in its tasks; the officers' tasks hold none of the party's windows.
    const firmTasks = (await call('firm', 'GET', '/api/tasks')).json as unknown as {
      caseId: string;
      deadline: { id: string; due: string; status: string; holder: string };
    }[];
    expect(
      firmTasks
        .filter((x) => x.caseId === second)
        .map((x) => [x.deadline.id, x.deadline.due, x.deadline.status]),
    ).toEqual([
      ['statement', '2026-02-24', 'overdue'],
      ['hearing-request', '2026-02-24', 'overdue'],
    ]);
    expect((await call('otherFirm', 'GET', '/api/tasks')).json).toEqual([]);
    const headTasks = (await call('head', 'GET', '/api/tasks')).json as unknown as {
      deadline: { holder: string };
    }[];
    expect(headTasks.every((x) => x.deadline.holder === 'authority')).toBe(true);
  }, 120_000);

  it('opens a clue by hand, files and staffs it, and refuses a proposal without an assessment (409)', async () => {
    on('2026-01-05');
    const opened = await call('inspector', 'POST', '/api/cases', {
      firmCreditCode: FIRM,
      description: '群众举报：售楼处人脸识别未经同意。',
      discoveryDate: '2026-01-02',
      conductEndDate: '2025-12-31',
    });
    expect(opened.status).toBe(201);
    const second = (opened.json as { id: string }).id;
    const step = async (who: string, action: string, body: Record<string, unknown> = {}) => {
      const r = await call(who, 'POST', `/api/cases/${second}/actions/${action}`, body);
      if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.json)}`);
    };
    await step('head', 'file');
    await step('head', 'assign', { handlers: [userId.inspector, userId.inspectorHead] });
    // A clue entered by hand has no rulebook assessment: nothing to propose against yet.
    const r = await call('inspector', 'POST', `/api/cases/${second}/actions/propose`, {
      amount: '100000.00',
    });
    expect(r.status).toBe(409);
    expect((r.json as unknown as Problem).code).toBe('PROCEDURE.PRECONDITION_FAILED');
  });
});
