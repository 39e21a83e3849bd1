import { createHash } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import type { Principal } from '@app/auth';
import { isDomainError } from '@app/common';
import {
  AuditLogRepository,
  CaseProcedureRepository,
  CustodyChainRepository,
  type Database,
} from '@app/persistence';
import { createTempDir } from '@app/testing';
import { CaseViewService } from './case-view.service';
import { CaseWorkflowService, type ActionOutcome } from './case-workflow.service';
import { makeInspectedCase, makeUser, startCasesApp, type CasesTestApp } from './cases.testing';

const NINGBO = '91330200MA2H7K0P14';
const NINGBO_OTHER = '91330211MA2J3L5Q4K';

/** The error code a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

/**
 * The whole life of a case through CaseWorkflowService, on PostgreSQL and on the embedded engine: clue →
 * closed with every document frozen, the deadlines over the 2026 Spring Festival (holiday 15–23 Feb, make-up
 * working Saturdays 14 and 28 Feb) and the make-up working Sunday 4 Jan 2026 checked against hand-computed
 * dates, and each refusal.
 */
describe.each(['postgres', 'embedded'] as const)('case workflow on %s', (kind) => {
  let t: CasesTestApp;
  let tmp: { dir: string; remove: () => void };
  let workflow: CaseWorkflowService;
  let view: CaseViewService;
  let db: Database;
  let head: Principal;
  let inspectorHead: Principal; // inspector and head at once (a small bureau): four eyes still hold
  let inspector: Principal;
  let reviewer: Principal;
  let clerk: Principal; // an observer
  let firm: Principal;
  let otherFirm: Principal;
  let cantonHead: Principal;
  let caseId: string;
  const outcomes: ActionOutcome[] = [];

  const on = (date: string) => t.clock.setBeijingDay(date);
  const act = async (p: Principal, action: string, body: Record<string, unknown> = {}) => {
    const o = await workflow.act(p, caseId, action, body);
    outcomes.push(o);
    return o;
  };
  const deadline = async (id: string, p: Principal = head) =>
    (await view.detail(p, caseId)).deadlines.find((d) => d.id === id);

  beforeAll(async () => {
    tmp = createTempDir();
    t = await startCasesApp(kind, tmp.dir);
    db = t.db;
    workflow = t.app.get(CaseWorkflowService);
    view = t.app.get(CaseViewService);
    head = await makeUser(t.app, 'head', { roles: ['head'], regionCode: '3302' });
    inspectorHead = await makeUser(t.app, 'wang', {
      roles: ['inspector', 'head'],
      regionCode: '3302',
      certificateNumber: '33020001',
    });
    inspector = await makeUser(t.app, 'li', {
      roles: ['inspector'],
      regionCode: '3302',
      certificateNumber: '33020002',
    });
    reviewer = await makeUser(t.app, 'zhao', { roles: ['legal_reviewer'], regionCode: '3302' });
    clerk = await makeUser(t.app, 'obs', { roles: ['observer'], regionCode: '3302' });
    firm = await makeUser(t.app, 'firm', { roles: ['firm'], firmCreditCode: NINGBO });
    otherFirm = await makeUser(t.app, 'other-firm', { roles: ['firm'], firmCreditCode: NINGBO_OTHER });
    cantonHead = await makeUser(t.app, 'canton', { roles: ['head'], regionCode: '4401' });
    // The inspection opened the case on 2026-01-05; the clue was received (the conduct discovered) on Fri 2025-12-26.
    ({ caseId } = await makeInspectedCase(t.app, {
      creditCode: NINGBO,
      name: '宁波某某科技有限公司',
      openedAt: new Date('2026-01-05T01:00:00Z'),
      discoveryDate: '2025-12-26',
      conductEnd: '2025-11-30',
      suffix: 'A1',
    }));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    tmp?.remove();
  });

  it('makes every inspection case a clue of its firm’s region, dated by its discovery date', async () => {
    const d = await view.detail(head, caseId);
    expect(d).toMatchObject({
      state: 'clue',
      procedureId: 'cn-samr-general',
      clueDate: '2025-12-26',
      discoveryDate: '2025-12-26',
      docketNumber: null,
      firm: { creditCode: NINGBO, regionCode: '330200' },
    });
    expect(d.actions).toEqual(expect.arrayContaining(['file']));
    expect((await view.detail(inspector, caseId)).actions).toEqual([]);
    // Before the notice the firm does not see the rulebook's calculation.
    expect(await view.detail(firm, caseId)).toMatchObject({ assessment: null, precedents: [] });
    // 15 working days from Fri 26 Dec 2025: 29–31 Dec (3), 1–3 Jan holiday, Sun 4 Jan a make-up working day (4),
    // 5–9 Jan (9), 12–16 Jan (14), Mon 19 Jan (15). Without the make-up Sunday it would be 20 Jan.
    expect(await deadline('filing')).toMatchObject({ due: '2026-01-19', status: 'open', metBy: 'file' });
  });

  it('refuses what the state, the role or the scope do not allow', async () => {
    on('2026-01-05');
    expect(await codeOf(workflow.act(head, caseId, 'decide', { amount: '1.00' }))).toMatchObject({
      code: 'PROCEDURE.NOT_ALLOWED_IN_STATE',
    });
    expect(await codeOf(workflow.act(inspector, caseId, 'file', {}))).toMatchObject({
      code: 'PROCEDURE.ROLE_NOT_PERMITTED',
    });
    expect(await codeOf(workflow.act(clerk, caseId, 'file', {}))).toMatchObject({
      code: 'PROCEDURE.ROLE_NOT_PERMITTED',
    });
    // Out of scope: not found, whatever the role.
    for (const p of [otherFirm, cantonHead]) {
      expect(await codeOf(workflow.act(p, caseId, 'file', {}))).toMatchObject({
        code: 'CASE_WORKFLOW.CASE_NOT_FOUND',
      });
      expect(await codeOf(view.detail(p, caseId))).toMatchObject({ code: 'CASE_WORKFLOW.CASE_NOT_FOUND' });
    }
    expect(await codeOf(workflow.act(head, '999999', 'file', {}))).toMatchObject({
      code: 'CASE_WORKFLOW.CASE_NOT_FOUND',
    });
    expect(await codeOf(workflow.act(head, caseId, 'fly', {}))).toMatchObject({
      code: 'PROCEDURE.UNKNOWN_ACTION',
    });
    // Nothing of these refusals was stored.
    expect((await view.detail(head, caseId)).timeline).toEqual([]);
  });

  it('runs the whole life from clue to closed, each step on its day', async () => {
    on('2026-01-05');
    const filed = await act(head, 'file');
    expect(filed).toMatchObject({
      state: 'filed',
      date: '2026-01-05',
      document: { kind: 'filing-approval' },
    });
    const afterFiling = await view.detail(head, caseId);
    expect(afterFiling.docketNumber).toBe('330200立〔2026〕0001号');
    expect(afterFiling.deadlines.find((d) => d.id === 'filing')).toMatchObject({
      status: 'met',
      metOn: '2026-01-05',
    });
    // 90 calendar days from the filing on 5 Jan 2026.
    expect(afterFiling.deadlines.find((d) => d.id === 'decision')).toMatchObject({ due: '2026-04-05' });

    on('2026-01-06');
    expect(
      await codeOf(
        workflow.act(head, caseId, 'assign', { handlers: [inspectorHead.userId, reviewer.userId] }),
      ),
    ).toMatchObject({ code: 'CASE_WORKFLOW.UNKNOWN_USER', details: { field: 'handlers[1]' } });
    expect(
      await codeOf(workflow.act(head, caseId, 'assign', { handlers: [inspectorHead.userId] })),
    ).toMatchObject({
      code: 'PROCEDURE.INVALID_INPUT',
    });
    await act(head, 'assign', { handlers: [inspectorHead.userId, inspector.userId] });
    const assigned = await view.detail(head, caseId);
    expect(assigned.state).toBe('investigating');
    expect(assigned.handlers).toEqual([
      { userId: inspectorHead.userId, name: 'wang (display)', certificateNumber: '33020001' },
      { userId: inspector.userId, name: 'li (display)', certificateNumber: '33020002' },
    ]);

    on('2026-01-07');
    expect(
      await codeOf(workflow.act(inspectorHead, caseId, 'propose', { amount: '250000.001' })),
    ).toMatchObject({
      code: 'CASE_WORKFLOW.INVALID_AMOUNT',
    });
    expect(
      await codeOf(workflow.act(inspectorHead, caseId, 'propose', { amount: '6000000.00' })),
    ).toMatchObject({
      code: 'PROCEDURE.INVALID_INPUT',
      details: { field: 'amountMinor' },
    });
    expect(
      await codeOf(workflow.act(inspectorHead, caseId, 'propose', { amount: '200000.00' })),
    ).toMatchObject({
      code: 'PROCEDURE.INVALID_INPUT',
      details: { field: 'reason' },
    });
    await act(inspectorHead, 'propose', { amount: '250000.00', note: 'the rulebook amount' });
    const proposed = await view.detail(head, caseId);
    expect(proposed.timeline.at(-1)).toMatchObject({
      action: 'propose',
      actor: { userId: inspectorHead.userId, roles: ['inspector', 'head'] },
      input: { amountMinor: 25_000_000, amount: '250000.00', note: 'the rulebook amount' },
    });

    on('2026-01-08');
    expect(
      await codeOf(workflow.act(inspectorHead, caseId, 'review', { outcome: 'approved' })),
    ).toMatchObject({
      code: 'PROCEDURE.ROLE_NOT_PERMITTED',
    });
    await act(reviewer, 'review', { outcome: 'approved' });

    // The notice on Tue 10 Feb: five working days are 11, 12, 13 Feb, Sat 14 Feb (make-up), then 15–23 Feb are
    // the Spring Festival holiday, so the fifth is Tue 24 Feb (25 Feb without the make-up Saturday).
    on('2026-02-10');
    const notified = await act(head, 'notify');
    expect(notified).toMatchObject({ state: 'notified', document: { kind: 'penalty-notice' } });
    expect(await deadline('statement', firm)).toMatchObject({
      due: '2026-02-24',
      holder: 'party',
      status: 'open',
    });
    expect(await deadline('hearing-request', firm)).toMatchObject({ due: '2026-02-24', status: 'open' });

    on('2026-02-12');
    const seenByFirm = await view.detail(firm, caseId);
    expect(seenByFirm.actions.sort()).toEqual(['defend', 'request-hearing']);
    // The party is told the notice, not the officers' deliberations.
    expect(seenByFirm.timeline.find((x) => x.action === 'propose')!.input).toEqual({});
    expect(seenByFirm.timeline.find((x) => x.action === 'notify')!.input).toMatchObject({
      amountMinor: 25_000_000,
      amount: '250000.00',
      hearingOffered: true,
      statementLastDay: '2026-02-24',
    });
    expect(seenByFirm.assessment).not.toBeNull();
    expect(await codeOf(workflow.act(firm, caseId, 'decide', { amount: '1.00' }))).toMatchObject({
      code: 'PROCEDURE.ROLE_NOT_PERMITTED',
    });
    await act(firm, 'defend', { statement: '我司已整改，请求从轻处罚。' });
    on('2026-02-13');
    await act(firm, 'request-hearing', { note: '申请听证' });

    // Seven working days after the hearing notice of Tue 24 Feb: 25, 26, 27 Feb, Sat 28 Feb (make-up), 2, 3, 4 Mar.
    on('2026-02-24');
    expect(
      await codeOf(
        workflow.act(head, caseId, 'schedule-hearing', {
          hearingDate: '2026-03-03',
          place: '听证室',
          hostId: head.userId,
        }),
      ),
    ).toMatchObject({
      code: 'PROCEDURE.INVALID_INPUT',
      details: { field: 'hearingDate', earliest: '2026-03-04' },
    });
    expect(
      await codeOf(
        workflow.act(head, caseId, 'schedule-hearing', {
          hearingDate: '2026-03-04',
          place: '听证室',
          hostId: inspector.userId,
        }),
      ),
    ).toMatchObject({ code: 'PROCEDURE.INVALID_INPUT', details: { field: 'hostId' } });
    const scheduled = await act(head, 'schedule-hearing', {
      hearingDate: '2026-03-04',
      place: '宁波市市场监督管理局听证室',
      hostId: head.userId,
    });
    expect(scheduled.document?.kind).toBe('hearing-notice');
    expect(await deadline('decision')).toMatchObject({ suspended: true });

    on('2026-03-04');
    await act(head, 'record-hearing', { summary: '当事人到场陈述。' });
    // The hearing (13 Feb → 4 Mar, 19 days) is not counted: 5 Apr + 19 days.
    expect(await deadline('decision')).toMatchObject({ due: '2026-04-24', suspended: false });
    on('2026-03-05');
    await act(reviewer, 'review', { outcome: 'approved' });

    on('2026-03-06');
    // The proposer may not decide his own proposal, though he is a head too (four eyes).
    expect(
      await codeOf(workflow.act(inspectorHead, caseId, 'decide', { amount: '200000.00', reason: 'x' })),
    ).toMatchObject({ code: 'PROCEDURE.FOUR_EYES' });
    expect((await view.detail(inspectorHead, caseId)).actions).not.toContain('decide');
    expect(
      await codeOf(workflow.act(head, caseId, 'decide', { amount: '300000.00', reason: '加重' })),
    ).toMatchObject({
      code: 'PROCEDURE.PRECONDITION_FAILED',
    });
    expect(
      await codeOf(workflow.act(head, caseId, 'decide', { amount: '200000.00', reason: 'x' })),
    ).toMatchObject({
      code: 'CASE_WORKFLOW.INVALID_INPUT',
      details: { field: 'partyAddress' },
    });
    const decided = await act(head, 'decide', {
      amount: '200000.00',
      reason: '当事人积极整改，从轻处罚。',
      partyAddress: '浙江省宁波市鄞州区某某路1号',
    });
    expect(decided).toMatchObject({ state: 'decided', document: { kind: 'decision' } });
    // Service within seven working days of Fri 6 Mar: 9–13 Mar (5), 16, 17 Mar.
    expect(await deadline('service')).toMatchObject({ due: '2026-03-17', status: 'open' });

    on('2026-03-09');
    const served = await act(inspector, 'serve', {
      date: '2026-03-09',
      method: 'direct',
      recipient: '张三（法定代表人）',
    });
    expect(served).toMatchObject({ state: 'served', document: { kind: 'service-receipt' } });
    // Payment within 15 calendar days of service.
    expect(await deadline('payment', firm)).toMatchObject({ due: '2026-03-24', holder: 'party' });
    on('2026-03-10');
    await act(head, 'publish', { channel: '国家企业信用信息公示系统' });
    on('2026-03-12');
    expect(await codeOf(workflow.act(head, caseId, 'close', {}))).toMatchObject({
      code: 'PROCEDURE.PRECONDITION_FAILED',
    });
    await act(inspector, 'record-payment', { date: '2026-03-12', amount: '200000.00' });
    on('2026-03-13');
    const closed = await act(head, 'close');
    expect(closed).toMatchObject({ state: 'closed', document: { kind: 'closing-report' } });

    const d = await view.detail(head, caseId);
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
    expect(d.timeline.map((s) => s.date)).toEqual([
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-02-10',
      '2026-02-12',
      '2026-02-13',
      '2026-02-24',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
      '2026-03-12',
      '2026-03-13',
    ]);
    expect(d.documents.map((x) => x.kind)).toEqual([
      'filing-approval',
      'penalty-notice',
      'hearing-notice',
      'decision',
      'service-receipt',
      'closing-report',
    ]);
    expect(d.actions).toEqual([]);
    expect(d.deadlines.filter((x) => x.status !== 'met')).toEqual([]);
  }, 180_000);

  it('serves every document byte-identical to the SHA-256 recorded at issue, and never re-renders one', async () => {
    const docs = await view.documents(head, caseId);
    expect(docs).toHaveLength(6);
    for (const d of docs) {
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
      const got = await view.download(head, d.id);
      expect(got.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(createHash('sha256').update(got.pdf).digest('hex')).toBe(d.sha256);
      // The firm reads its own case's documents; another firm and another region do not find them.
      expect((await view.download(firm, d.id)).sha256).toBe(d.sha256);
      expect(await codeOf(view.download(otherFirm, d.id))).toMatchObject({
        code: 'CASE_WORKFLOW.DOCUMENT_NOT_FOUND',
      });
      expect(await codeOf(view.download(cantonHead, d.id))).toMatchObject({
        code: 'CASE_WORKFLOW.DOCUMENT_NOT_FOUND',
      });
    }
    // Each step's outcome named the document it issued; the ids and hashes are the stored ones.
    expect(outcomes.filter((o) => o.document).map((o) => o.document)).toEqual(
      docs.map((d) => ({ id: d.id, kind: d.kind, sha256: d.sha256, issuedAt: d.issuedAt })),
    );
    // Issued rows and steps can never change.
    await expect(db.dataSource.query(`UPDATE case_document SET sha256 = repeat('0', 64)`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query(`DELETE FROM case_step`)).rejects.toThrow(/append-only/);
  });

  it('serves the same bytes after a restart: documents are read back, never rendered again', async () => {
    const before = await view.documents(head, caseId);
    t = await t.reopen();
    db = t.db;
    workflow = t.app.get(CaseWorkflowService);
    view = t.app.get(CaseViewService);
    expect(await view.documents(head, caseId)).toEqual(before);
    for (const d of before) {
      const got = await view.download(head, d.id);
      expect(createHash('sha256').update(got.pdf).digest('hex')).toBe(d.sha256);
    }
  });

  it('refuses to serve a document whose stored bytes were altered', async () => {
    const [first] = await view.documents(head, caseId);
    const [row] = await db.dataSource.query<{ storage_path: string }[]>(
      `SELECT storage_path FROM case_document WHERE id = $1`,
      [first.id],
    );
    await chmod(row.storage_path, 0o600);
    await writeFile(row.storage_path, Buffer.from('not the sealed document'));
    expect(await codeOf(view.download(head, first.id))).toMatchObject({ code: 'EVIDENCE.DOCUMENT_TAMPERED' });
  });

  it('records every step in the audit log and the custody chain, in the same transaction', async () => {
    const entries = await t.app.get(AuditLogRepository).entries('case', caseId);
    const steps = entries.filter((e) => e.action.startsWith('case.') && e.action !== 'case.opened');
    expect(steps.map((e) => e.action)).toEqual(
      (await view.detail(head, caseId)).timeline.map((s) => `case.${s.action}`),
    );
    expect(steps[0]).toMatchObject({
      actor: 'head',
      details: { userId: head.userId, seq: 1, toState: 'filed' },
    });
    const [{ n }] = await db.dataSource.query<{ n: string }[]>(
      `SELECT count(*)::text AS n FROM custody_event WHERE entity IN ('case_step', 'case_document')`,
    );
    expect(Number(n)).toBe(15 + 6);
  });

  it('keeps the case, its steps and its documents in the custody chain: intact, and an altered step is named', async () => {
    const chain = t.app.get(CustodyChainRepository);
    for (const table of ['case', 'case_step', 'case_document'] as const) {
      expect(await chain.disagreements(table, null, 5)).toEqual([]);
    }
    // The owner (these specs connect as the owner) switches the append-only guard off and rewrites a step.
    const [{ id, input }] = await db.dataSource.query<{ id: string; input: unknown }[]>(
      `SELECT id::text AS id, input FROM case_step WHERE case_id = $1 AND seq = 1`,
      [caseId],
    );
    await db.dataSource.query(`ALTER TABLE case_step DISABLE TRIGGER trg_case_step_append_only`);
    await db.dataSource.query(`UPDATE case_step SET input = '{"note":"rewritten"}' WHERE id = $1`, [id]);
    await db.dataSource.query(`ALTER TABLE case_step ENABLE TRIGGER trg_case_step_append_only`);
    expect(await chain.disagreements('case_step', null, 5)).toEqual([
      expect.objectContaining({ table: 'case_step', id, problem: 'changed' }),
    ]);
    expect(await chain.disagreements('case_document', null, 5)).toEqual([]);
    // Put it back so the later specs run on an intact chain.
    await db.dataSource.query(`ALTER TABLE case_step DISABLE TRIGGER trg_case_step_append_only`);
    await db.dataSource.query(`UPDATE case_step SET input = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(input),
    ]);
    await db.dataSource.query(`ALTER TABLE case_step ENABLE TRIGGER trg_case_step_append_only`);
    expect(await chain.disagreements('case_step', null, 5)).toEqual([]);
  });

  it('refuses a hearing request after its window, naming the last day', async () => {
    const second = await makeInspectedCase(t.app, {
      creditCode: NINGBO,
      name: '宁波某某科技有限公司',
      openedAt: new Date('2026-01-05T01:00:00Z'),
      discoveryDate: '2025-12-26',
      conductEnd: '2025-11-30',
      suffix: 'B2',
    });
    const run = (p: Principal, action: string, body: Record<string, unknown> = {}) =>
      workflow.act(p, second.caseId, action, body);
    on('2026-01-05');
    await run(head, 'file');
    expect((await view.detail(head, second.caseId)).docketNumber).toBe('330200立〔2026〕0002号');
    await run(head, 'assign', { handlers: [inspector.userId, inspectorHead.userId] });
    await run(inspector, 'propose', { amount: '250000.00' });
    await run(reviewer, 'review', { outcome: 'approved' });
    on('2026-02-10');
    await run(head, 'notify');
    on('2026-02-25');
    const refusal = await codeOf(run(firm, 'request-hearing'));
    expect(refusal.code).toBe('PROCEDURE.WINDOW_CLOSED');
    expect(refusal.details.lastDay).toBe('2026-02-24');
    expect((await view.detail(firm, second.caseId)).actions).toEqual([]);
  });

  it('lets only one of two simultaneous actions on a case through (the case row is locked)', async () => {
    const third = await makeInspectedCase(t.app, {
      creditCode: NINGBO,
      name: '宁波某某科技有限公司',
      openedAt: new Date('2026-01-05T01:00:00Z'),
      discoveryDate: '2025-12-26',
      conductEnd: '2025-11-30',
      suffix: 'C3',
    });
    on('2026-01-05');
    const results = await Promise.allSettled([
      workflow.act(head, third.caseId, 'file', {}),
      workflow.act(inspectorHead, third.caseId, 'file', {}),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isDomainError(refused.reason) && refused.reason.code).toBe('PROCEDURE.NOT_ALLOWED_IN_STATE');
    const snap = await t.app.get(CaseProcedureRepository).snapshot(third.caseId);
    expect(snap!.steps).toHaveLength(1);
    expect(snap!.documents).toHaveLength(1);
  });

  it('reads the facts the head states at filing: limitation, collective discussion, a waived hearing', async () => {
    const late = await makeInspectedCase(t.app, {
      creditCode: NINGBO,
      name: '宁波某某科技有限公司',
      openedAt: new Date('2026-01-05T01:00:00Z'),
      discoveryDate: '2025-12-26',
      conductEnd: '2023-06-30',
      suffix: 'D4',
    });
    const run = (p: Principal, action: string, body: Record<string, unknown> = {}) =>
      workflow.act(p, late.caseId, action, body);
    on('2026-01-05');
    // Two years after the conduct ended on 30 Jun 2023 it can no longer be punished (APL art. 36(1))…
    expect(await codeOf(run(head, 'file'))).toMatchObject({ code: 'PROCEDURE.LIMITATION_EXPIRED' });
    expect(await codeOf(run(head, 'file', { flags: { heavy: 'yes' } }))).toMatchObject({
      code: 'CASE_WORKFLOW.INVALID_INPUT',
      details: { field: 'flags.heavy' },
    });
    // …unless it harmed life, health or financial security (five years).
    await run(head, 'file', {
      flags: { heavy: true, lifeHealthFinancial: true },
      partyAddress: '宁波市某路2号',
    });
    expect(await view.detail(head, late.caseId)).toMatchObject({
      state: 'filed',
      flags: { major: false, heavy: true, lifeHealthFinancial: true },
      partyKind: 'legal-person',
      partyAddress: '宁波市某路2号',
    });
    await run(head, 'assign', { handlers: [inspector.userId, inspectorHead.userId] });
    await run(inspector, 'propose', { amount: '250000.00' });
    await run(reviewer, 'review', { outcome: 'approved' });
    on('2026-01-09');
    await run(head, 'notify');
    on('2026-01-12');
    // The firm states its case and expressly waives the hearing (APL art. 62): the decision need not wait.
    await run(firm, 'defend', { statement: '无异议。', waiveHearing: true });
    // A heavy case is decided by collective discussion (APL art. 57(2)).
    expect(await codeOf(run(head, 'decide', { amount: '250000.00' }))).toMatchObject({
      code: 'PROCEDURE.PRECONDITION_FAILED',
      details: { field: 'collectiveDiscussion' },
    });
    const decided = await run(head, 'decide', { amount: '250000.00', collectiveDiscussion: true });
    expect(decided).toMatchObject({ state: 'decided', document: { kind: 'decision' } });
  });

  it('opens a clue by hand for a firm in scope, and lists cases in scope only', async () => {
    on('2026-01-20');
    expect(
      await codeOf(
        workflow.openClue(cantonHead, {
          firmCreditCode: NINGBO,
          description: 'x',
          discoveryDate: '2026-01-19',
        }),
      ),
    ).toMatchObject({ code: 'CASE_WORKFLOW.FIRM_NOT_FOUND' });
    const clue = await workflow.openClue(inspector, {
      firmCreditCode: NINGBO,
      description: '群众举报：门店人脸识别未经同意。',
      discoveryDate: '2026-01-19',
    });
    expect(clue.caseNumber).toBe(`BA-${NINGBO}-M0001`);
    const d = await view.detail(head, clue.id);
    expect(d).toMatchObject({
      state: 'clue',
      source: 'hand',
      clueDate: '2026-01-20',
      discoveryDate: '2026-01-19',
    });
    // No conduct end date: filing cannot check the limitation and is refused.
    expect(await codeOf(workflow.act(head, clue.id, 'file', {}))).toMatchObject({
      code: 'PROCEDURE.PRECONDITION_FAILED',
    });

    const mine = await view.list(head, { limit: 2 });
    expect(mine.items.map((c) => c.id)).toEqual([clue.id, String(Number(clue.id) - 1)]);
    const rest = await view.list(head, { limit: 50, cursor: mine.nextCursor! });
    expect(rest.items.every((c) => Number(c.id) < Number(clue.id) - 1)).toBe(true);
    expect((await view.list(head, { state: 'closed' })).items.map((c) => c.id)).toEqual([caseId]);
    expect((await view.list(cantonHead, {})).items).toEqual([]);
    expect((await view.list(otherFirm, {})).items).toEqual([]);
    expect((await view.list(firm, { firm: NINGBO, limit: 500 })).items).toHaveLength(5);
  });

  it('lists my tasks: near and overdue time limits of the cases that concern me', async () => {
    // The hand clue of 20 Jan is to be filed within 15 working days (by Tue 10 Feb): on 9 Feb that is near.
    on('2026-02-09');
    const tasks = await view.tasks(head);
    expect(tasks.map((x) => [x.deadline.id, x.deadline.due, x.deadline.status])).toContainEqual([
      'filing',
      '2026-02-10',
      'near',
    ]);
    // An inspector sees only cases he handles; a firm only its own windows.
    const mine = await view.tasks(inspector);
    expect(mine.every((x) => x.deadline.holder !== 'party')).toBe(true);
    expect((await view.tasks(firm)).every((x) => x.deadline.holder === 'party')).toBe(true);
  });
});
