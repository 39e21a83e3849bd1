import type { CaseFileAffectedPersonRow, CaseFileFindingRow, CaseFileInput } from '../case-file.types';
import { sampleCaseFileInput } from '../fixtures/sample-case-file-input';
import { affectedPersonRowIssues, caseFileInputIssues, findingRowIssues } from './validate-case-file-input';

const ZONE = 'Asia/Shanghai';

describe('caseFileInputIssues', () => {
  it('accepts the sample case', () => {
    expect(caseFileInputIssues(sampleCaseFileInput())).toEqual([]);
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
      penalty: { ...sample.penalty, amount: '250,000', currency: 'yuan' },
    } as unknown as CaseFileInput;
    expect(caseFileInputIssues(bad)).toEqual(
      expect.arrayContaining([
        'caseNumber: required text',
        'firm.creditCode: not a valid unified social credit code',
        'firm.timezone: not an IANA time zone',
        'openedAt: not an ISO 8601 date or instant',
        'legalBasis: at least one provision is required',
        'evidence[0].sha256: not lower-case hex SHA-256',
        'evidence[0].size: not a non-negative integer',
        'findingsByReason[0].reason: unknown reason NO_FACE',
        'findingsByReason[0].captures: not a non-negative integer',
        'penalty.currency: not an ISO 4217 code',
        'penalty.amount: not a non-negative decimal string',
      ]),
    );
  });

  it('checks the order of dates', () => {
    const sample = sampleCaseFileInput();
    expect(
      caseFileInputIssues({
        ...sample,
        inspectionPeriod: { from: '2021-01-01', to: '2020-01-01' },
        issuedAt: '2020-12-31T00:00:00+08:00',
      }),
    ).toEqual(['inspectionPeriod: from is after to', 'issuedAt: before openedAt']);
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
    consentIds: [],
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
});
