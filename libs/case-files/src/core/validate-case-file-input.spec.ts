import type { CaseFileAffectedPersonRow, CaseFileFindingRow, CaseFileInput } from '../case-file.types';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import {
  affectedPersonRowIssues,
  caseFileInputIssues,
  findingRowIssues,
  quarantineRowIssues,
} from './validate-case-file-input';

const ZONE = 'Asia/Shanghai';

describe('caseFileInputIssues', () => {
  it('accepts the sample cases: fine, time-barred, no penalty, draft, bilingual', () => {
    expect(caseFileInputIssues(sampleCaseFileInput())).toEqual([]);
    expect(caseFileInputIssues(sampleCaseFileInput({ outcome: 'time-barred' }))).toEqual([]);
    expect(caseFileInputIssues(sampleCaseFileInput({ outcome: 'no-penalty' }))).toEqual([]);
    expect(caseFileInputIssues(sampleCaseFileInput({ draft: true, languages: ['zh', 'en'] }))).toEqual([]);
  });

  it('lists every problem at once, each with its path', () => {
    const sample = sampleCaseFileInput();
    const bad = {
      ...sample,
      caseNumber: '',
      firm: { ...sample.firm, creditCode: '91330200MA2B3C4D50', timezone: 'Mars/Olympus' },
      legalBasis: [],
      evidence: [{ ...sample.evidence[0], size: -1, sha256: 'x'.repeat(64) }],
      findingsByReason: [{ reason: 'NO_FACE', captures: 1.5, subjects: 0 }],
      languages: ['en'],
      authority: { ...sample.authority, region: { ...sample.authority.region, code: '3302' } },
      decision: {
        ...sample.decision,
        penalty: {
          ...sample.decision.penalty!,
          amount: '250,000',
          currency: 'yuan',
          steps: [{ id: 's', description: { zh: '', en: 'x' }, citation: { zh: '', en: '' }, value: '1' }],
        },
      },
    } as unknown as CaseFileInput;
    expect(caseFileInputIssues(bad)).toEqual(
      expect.arrayContaining([
        'caseNumber: required text',
        'firm.creditCode: not a valid unified social credit code',
        'firm.timezone: not an IANA time zone',
        "languages: must be ['zh'] or ['zh', 'en']",
        'authority.region.code: not a six-digit administrative division code',
        'legalBasis: at least one law period is required',
        'evidence[0].sha256: not lower-case hex SHA-256',
        'evidence[0].size: not a non-negative integer',
        'findingsByReason[0].reason: unknown reason NO_FACE',
        'findingsByReason[0].captures: not a non-negative integer',
        'decision.penalty.currency: not an ISO 4217 code',
        'decision.penalty.amount: not a non-negative decimal string',
        'decision.penalty.steps[0].description.zh: required text',
      ]),
    );
  });

  it('requires a reason and, when time-barred, the limitation computation; a fine needs its penalty', () => {
    const barred = sampleCaseFileInput({ outcome: 'time-barred' });
    expect(
      caseFileInputIssues({ ...barred, decision: { ...barred.decision, reason: null, limitation: null } }),
    ).toEqual([
      'decision.reason.zh: required text',
      'decision.reason.en: required text',
      'decision.limitation: required for a time-barred case',
    ]);
    const fine = sampleCaseFileInput();
    expect(caseFileInputIssues({ ...fine, decision: { ...fine.decision, penalty: null } })).toEqual([
      'decision.penalty: required for a fine',
    ]);
  });

  it('refuses a precedent cited by a web address instead of its publication', () => {
    const fine = sampleCaseFileInput();
    const penalty = fine.decision.penalty!;
    const precedents = [{ ...penalty.precedents[0], publication: 'http://mirror.example/x.html' }];
    expect(
      caseFileInputIssues({ ...fine, decision: { ...fine.decision, penalty: { ...penalty, precedents } } }),
    ).toEqual(['decision.penalty.precedents[0].publication: cite the publication and date, not an address']);
  });

  it('checks the order of dates', () => {
    const sample = sampleCaseFileInput();
    expect(
      caseFileInputIssues({
        ...sample,
        inspectionPeriod: { from: '2021-01-01', to: '2020-01-01' },
      }),
    ).toEqual(['inspectionPeriod: from is after to']);
    expect(
      caseFileInputIssues({
        ...sample,
        dates: { discoveryDate: '2022-04-09', filingDate: '2022-04-08', decisionDate: '2022-13-01' },
      }),
    ).toEqual(['dates.decisionDate: not a YYYY-MM-DD date']);
    expect(
      caseFileInputIssues({
        ...sample,
        dates: { discoveryDate: '2022-04-09', filingDate: '2022-04-08', decisionDate: '2022-04-01' },
      }),
    ).toEqual(['dates.filingDate: before the discovery date', 'dates.decisionDate: before the filing date']);
    expect(
      caseFileInputIssues({
        ...sample,
        dates: { discoveryDate: null, filingDate: null, decisionDate: '2022-04-01' },
      }),
    ).toEqual([]);
  });
});

describe('row checks', () => {
  const finding: CaseFileFindingRow = {
    reason: 'NO_CONSENT',
    subjectRef: 'P1',
    deviceId: 'DEV-01',
    siteId: 'S1',
    purpose: 'marketing',
    captureCount: 3,
    firstAt: '2020-01-01T08:00:00Z',
    lastAt: '2020-01-01T09:00:00Z',
    consentRefs: [],
    firstCapture: {
      eventKey: 'EVT-1',
      fileName: 'captures.csv',
      lineNo: 2,
      batchSha256: 'a'.repeat(64),
    },
    lastCapture: null,
  };

  it('accepts a good finding row, including an unidentified subject', () => {
    expect(findingRowIssues(finding, ZONE)).toEqual([]);
    expect(findingRowIssues({ ...finding, subjectRef: null }, ZONE)).toEqual([]);
  });

  it('names each problem of a bad finding row', () => {
    expect(
      findingRowIssues(
        {
          ...finding,
          reason: 'NOPE' as never,
          captureCount: 0,
          firstAt: '2020-01-02T00:00:00Z',
          lastAt: 'soon',
        },
        ZONE,
      ),
    ).toEqual([
      'reason: unknown reason NOPE',
      'captureCount: not a positive integer',
      'lastAt: not an ISO 8601 instant',
    ]);
    expect(findingRowIssues({ ...finding, firstAt: finding.lastAt, lastAt: finding.firstAt }, ZONE)).toEqual([
      'lastAt: before firstAt',
    ]);
    expect(
      findingRowIssues({ ...finding, lastCapture: { ...finding.firstCapture!, batchSha256: '12' } }, ZONE),
    ).toEqual(['lastCapture: needs eventKey, fileName, lineNo and batchSha256']);
  });

  it('checks affected-person rows the same way', () => {
    const person: CaseFileAffectedPersonRow = {
      subjectRef: 'P1',
      captures: 2,
      firstAt: '2020-01-01',
      lastAt: '2020-01-03',
      reasons: ['NO_CONSENT'],
    };
    expect(affectedPersonRowIssues(person, ZONE)).toEqual([]);
    expect(
      affectedPersonRowIssues({ ...person, subjectRef: '', captures: 0, reasons: ['X' as never] }, ZONE),
    ).toEqual(['subjectRef: required', 'captures: not a positive integer', 'reason: unknown reason X']);
  });

  it('checks rejected and conflicting records', () => {
    const row = {
      kind: 'rejected' as const,
      fileName: 'captures.csv',
      batchSha256: 'b'.repeat(64),
      lineNo: 7,
      field: 'timestamp',
      reasonCode: 'INGEST.BAD_TIME',
      message: 'bad time',
    };
    expect(quarantineRowIssues(row)).toEqual([]);
    expect(quarantineRowIssues({ ...row, kind: 'x' as never, reasonCode: '', lineNo: -1 })).toEqual([
      'kind: must be rejected or conflict',
      'lineNo: not a non-negative integer',
      'reasonCode: required',
    ]);
  });
});
