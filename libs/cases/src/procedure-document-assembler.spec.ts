import type { CaseRecord, Deadline, StepRecord } from '@app/procedure';
import type { ProcedureSnapshot } from '@app/persistence';
import { assembleProcedureDocument, type DocumentContext } from './procedure-document-assembler';
import { procedureDocumentIssues } from '@app/case-files';

const FIRM = {
  id: '1',
  creditCode: '91330200MA2H7K0P14',
  name: '宁波某某科技有限公司',
  region: 'CN-ZJ',
  timezone: 'Asia/Shanghai',
};

function snapshot(over: Partial<ProcedureSnapshot['case']> = {}): ProcedureSnapshot {
  return {
    case: {
      id: '7',
      caseNumber: 'BA-X-1',
      procedureId: 'cn-samr-general',
      state: 'heard',
      source: 'inspection',
      regionCode: '330200',
      docketNumber: '330200立〔2026〕0001号',
      clueDate: '2025-12-26',
      discoveryDate: '2025-12-26',
      conductEndDate: null,
      description: null,
      partyAddress: '浙江省宁波市某路1号',
      flags: {},
      partyKind: 'legal-person',
      decisionDate: '2026-01-05',
      summary: {
        capturesAudited: 1200,
        capturesWithoutValidConsent: 340,
        affectedSubjects: 41,
        byReason: { NO_CONSENT: 300, CONSENT_EXPIRED: 40 },
        siteFindings: [],
        byPeriod: [{ period: 'cn-2025-frt', byReason: { NO_CONSENT: 300, CONSENT_EXPIRED: 40 } }],
        conduct: { from: '2025-06-01T01:00:00.000Z', to: '2025-11-30T08:00:00.000Z' },
      },
      openedBy: 'officer',
      openedAt: '2026-01-05T01:00:00.000Z',
      firm: FIRM,
      ...over,
    },
    steps: [],
    handlers: [],
    assessment: null,
    documents: [],
  };
}

const step = (
  seq: number,
  action: string,
  date: string,
  input: Record<string, unknown> = {},
): StepRecord => ({
  seq,
  action,
  actorId: seq % 2 ? '1' : '2',
  actorRoles: ['head'],
  at: `${date}T02:00:00.000Z`,
  date,
  input,
  fromState: 'x',
  toState: 'y',
  document: null,
});

function context(kind: DocumentContext['kind'], steps: StepRecord[], snap = snapshot()): DocumentContext {
  const after: CaseRecord = {
    procedureId: 'cn-samr-general',
    state: 'decided',
    clueDate: '2025-12-26',
    discoveryDate: '2025-12-26',
    conductEndDate: '2025-11-30',
    regionCode: '330200',
    firmCreditCode: FIRM.creditCode,
    steps,
    handlers: [
      { actorId: '3', certificateNumber: '33020001' },
      { actorId: '4', certificateNumber: '33020002' },
    ],
    assessment: { minMinor: 5_000_000, maxMinor: 500_000_000, proposedMinor: 25_000_000, currency: 'CNY' },
  };
  return {
    kind,
    snapshot: snap,
    after,
    step: steps[steps.length - 1],
    docketNumber: snap.case.docketNumber,
    documentNumber: `${snap.case.docketNumber}-${steps.length}`,
    names: new Map([
      ['1', '陈局长'],
      ['2', '张副局长'],
      ['3', '王某'],
      ['4', '李某'],
    ]),
    authority: {
      name: { zh: '宁波市市场监督管理局', en: 'Ningbo AMR' },
      region: { code: '330200', zh: '宁波市', en: 'Ningbo' },
      address: null,
      officers: {
        handling: [
          { name: 'a', certificate: '1' },
          { name: 'b', certificate: '2' },
        ],
        legalReviewer: 'c',
        head: 'd',
      },
      unset: [],
    },
    languages: ['zh'],
    placeholder: false,
    evidence: [{ labelZh: '采集记录 captures.jsonl', sha256: 'a'.repeat(64), records: 12 }],
    deadlines: [],
  };
}

describe('assembleProcedureDocument', () => {
  const life = [
    step(1, 'file', '2026-01-05'),
    step(2, 'propose', '2026-01-07', { amountMinor: 25_000_000 }),
    step(3, 'notify', '2026-02-10', { amountMinor: 25_000_000 }),
    step(4, 'schedule-hearing', '2026-02-24', { hearingDate: '2026-03-04', place: '听证室', hostId: '1' }),
    step(5, 'record-hearing', '2026-03-04', { summary: 's' }),
    step(6, 'decide', '2026-03-06', { amountMinor: 20_000_000, reason: '从轻处罚' }),
  ];

  it('states the decided penalty, the range, the party and both routes of appeal in force on the day', () => {
    const d = assembleProcedureDocument(context('decision', life));
    expect(d.penalty).toEqual({
      amountMinor: 20_000_000,
      currency: 'CNY',
      rangeMinMinor: 5_000_000,
      rangeMaxMinor: 500_000_000,
      reasonZh: '从轻处罚',
    });
    expect(d.firm).toEqual({ name: FIRM.name, creditCode: FIRM.creditCode, address: '浙江省宁波市某路1号' });
    expect(d.approver).toEqual({ name: '张副局长', roleZh: '负责人' }); // step 6 was taken by user 2
    expect(d.handlers).toEqual([
      { name: '王某', certificateNumber: '33020001' },
      { name: '李某', certificateNumber: '33020002' },
    ]);
    expect(d.rights.appeal.map((a) => [a.routeZh, a.articleZh, a.months ?? null])).toEqual([
      ['行政复议', '《中华人民共和国行政复议法》第二十条', null],
      ['行政诉讼', '《中华人民共和国行政诉讼法》第四十六条', 6],
    ]);
    // The hearing is announced by the hearing notice; a decision lists it in its timeline only.
    expect(d.hearing).toBeNull();
    expect(d.timeline.map((t) => t.actionZh)).toEqual([
      '立案',
      '拟处罚意见',
      '行政处罚告知',
      '听证通知',
      '举行听证',
      '作出行政处罚决定',
    ]);
  });

  it('tells the party the day it will still be heard: past the last holiday notice, the safe bound', () => {
    const window = (id: string, metBy: string, due: string, extra: Partial<Deadline> = {}): Deadline => ({
      id,
      label: { zh: id, en: id },
      due,
      counting: 'working-days',
      basis: 'APL (2021) art. 64(1) with art. 85',
      status: 'open',
      metBy,
      ...extra,
    });
    const ctx = context('penalty-notice', life.slice(0, 3));
    // Notified Mon 2026-12-28: the 5 working days run into 2027, whose holiday notice is not published yet.
    ctx.deadlines = [
      window('statement', 'defend', '2027-01-05', { provisional: true, acceptedUntil: '2027-01-06' }),
      window('hearing-request', 'request-hearing', '2027-01-05', {
        provisional: true,
        acceptedUntil: '2027-01-06',
      }),
    ];
    expect(assembleProcedureDocument(ctx).rights).toMatchObject({
      statementDue: '2027-01-06',
      hearingDue: '2027-01-06',
    });
    // A confirmed window prints its own last day.
    ctx.deadlines = [
      window('statement', 'defend', '2026-02-24'),
      window('hearing-request', 'request-hearing', '2026-02-24'),
    ];
    expect(assembleProcedureDocument(ctx).rights).toMatchObject({
      statementDue: '2026-02-24',
      hearingDue: '2026-02-24',
    });
  });

  it("leaves the notice's windows off a decision made after they closed unused (no statement, no hearing)", () => {
    const window = (id: string, metBy: string, due: string): Deadline => ({
      id,
      label: { zh: id, en: id },
      due,
      counting: 'working-days',
      basis: 'APL (2021) art. 64(1) with art. 85',
      status: 'overdue',
      metBy,
    });
    const ctx = context('decision', [
      ...life.slice(0, 3),
      step(4, 'decide', '2026-02-26', { amountMinor: 25_000_000 }),
    ]);
    ctx.deadlines = [
      window('statement', 'defend', '2026-02-24'),
      window('hearing-request', 'request-hearing', '2026-02-24'),
    ];
    const d = assembleProcedureDocument(ctx);
    expect(d.rights).toMatchObject({ statementDue: null, hearingDue: null });
    expect(procedureDocumentIssues(d)).toEqual([]);
  });

  it('gives the hearing notice its hearing with the host by name', () => {
    const d = assembleProcedureDocument(context('hearing-notice', life.slice(0, 4)));
    expect(d.hearing).toEqual({ date: '2026-03-04', time: null, place: '听证室', hostName: '陈局长' });
    expect(d.rights.appeal).toEqual([]);
  });

  it("takes the facts and the legal basis from the inspection's findings", () => {
    const d = assembleProcedureDocument(context('filing-approval', life.slice(0, 1)));
    expect(d.facts).toMatchObject({ captures: 340, persons: 41, lastCapture: '2025-11-30T08:00:00.000Z' });
    expect(d.facts!.byReason.map((r) => r.count)).toEqual([300, 40]);
    expect(d.legalBasis.length).toBeGreaterThan(0);
    expect(d.legalBasis.every((a) => a.zh.startsWith('《'))).toBe(true);
    expect(d.penalty).toBeNull();
  });

  it('takes the facts of a clue entered by hand from its description, with no legal basis of findings', () => {
    const snap = snapshot({ source: 'hand', description: '群众举报', summary: {} });
    const d = assembleProcedureDocument(context('filing-approval', life.slice(0, 1), snap));
    expect(d.facts).toMatchObject({ summaryZh: '群众举报', captures: 0, byReason: [] });
    expect(d.legalBasis).toEqual([]);
  });
});
