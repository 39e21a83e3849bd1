import { ConsentIndex } from './consent-index';
import type { CoverageCapture, CoverageConsent, Verdict } from './coverage.types';
import { FindingAccumulator } from './finding-accumulator';
import { consentLawSchedule } from '@app/law';

const LAW = consentLawSchedule();

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

const consent = (over: Partial<CoverageConsent>): CoverageConsent => ({
  id: 1,
  subjectRef: 'P1',
  givenAt: T0,
  purposes: ['visitor_identification'],
  method: 'written',
  separateConsent: true,
  guardianConsent: false,
  subjectBirthDate: null,
  withdrawnAt: null,
  expiresAt: null,
  ...over,
});

function run(consents: CoverageConsent[], captures: CoverageCapture[]): FindingAccumulator {
  const index = new ConsentIndex(consents, 'Asia/Shanghai', LAW);
  const acc = new FindingAccumulator();
  for (const c of captures) acc.add(c, index.evaluate(c));
  return acc;
}

describe('FindingAccumulator', () => {
  const consents = [
    consent({ id: 1, subjectRef: 'P1', withdrawnAt: T0 + 10 * DAY }),
    consent({ id: 2, subjectRef: 'P2', method: 'notice_only' }),
    consent({ id: 3, subjectRef: 'P3' }),
  ];
  const cap = (id: number, subjectRef: string | null, day: number, deviceId = 'D1'): CoverageCapture => ({
    id,
    deviceId,
    subjectRef,
    occurredAt: T0 + day * DAY,
    purpose: 'visitor_identification',
  });
  const captures = [
    cap(1, 'P1', 5), // covered
    cap(2, 'P1', 12), // withdrawn
    cap(3, 'P1', 11), // withdrawn, same group, earlier
    cap(4, 'P1', 13, 'D2'), // withdrawn, other device
    cap(5, 'P2', 3), // a notice: no consent expressed
    cap(6, null, 4), // unidentified
    cap(7, '', 6), // unidentified
    cap(8, 'P3', 7), // covered
    cap(9, 'P9', 8), // no consent
    { ...cap(10, 'P3', 9), purpose: 'unspecified' as const }, // purpose
  ];

  it('summarises counts by reason, affected subjects and unidentified captures', () => {
    expect(run(consents, captures).summary()).toEqual({
      capturesAudited: 10,
      capturesWithoutValidConsent: 8,
      byReason: {
        NO_CONSENT: 3,
        CONSENT_AFTER_CAPTURE: 0,
        CONSENT_WITHDRAWN: 3,
        CONSENT_EXPIRED: 0,
        PURPOSE_NOT_COVERED: 1,
        NO_EXPRESS_CONSENT: 1,
        NOT_SEPARATE_CONSENT: 0,
        MINOR_WITHOUT_GUARDIAN_CONSENT: 0,
      },
      affectedSubjects: 4,
      unidentifiedCaptures: 2,
      byPeriod: [
        {
          period: 'cn-2021-pipl',
          firstAt: T0 + 3 * DAY,
          lastAt: T0 + 13 * DAY,
          capturesWithoutValidConsent: 8,
          affectedSubjects: 4,
          byReason: { NO_CONSENT: 3, CONSENT_WITHDRAWN: 3, PURPOSE_NOT_COVERED: 1, NO_EXPRESS_CONSENT: 1 },
        },
      ],
    });
  });

  it('groups by subject, device, purpose, reason and decisive consents, in a stable order', () => {
    expect(run(consents, captures).findings()).toEqual([
      {
        reason: 'NO_EXPRESS_CONSENT',
        period: 'cn-2021-pipl',
        subjectRef: 'P2',
        deviceId: 'D1',
        purpose: 'visitor_identification',
        consentIds: [2],
        captureIds: [5],
        captureCount: 1,
        firstAt: T0 + 3 * DAY,
        lastAt: T0 + 3 * DAY,
      },
      {
        reason: 'NO_CONSENT',
        period: 'cn-2021-pipl',
        subjectRef: null,
        deviceId: 'D1',
        purpose: 'visitor_identification',
        consentIds: [],
        captureIds: [6, 7],
        captureCount: 2,
        firstAt: T0 + 4 * DAY,
        lastAt: T0 + 6 * DAY,
      },
      {
        reason: 'NO_CONSENT',
        period: 'cn-2021-pipl',
        subjectRef: 'P9',
        deviceId: 'D1',
        purpose: 'visitor_identification',
        consentIds: [],
        captureIds: [9],
        captureCount: 1,
        firstAt: T0 + 8 * DAY,
        lastAt: T0 + 8 * DAY,
      },
      {
        reason: 'PURPOSE_NOT_COVERED',
        period: 'cn-2021-pipl',
        subjectRef: 'P3',
        deviceId: 'D1',
        purpose: 'unspecified',
        consentIds: [3],
        captureIds: [10],
        captureCount: 1,
        firstAt: T0 + 9 * DAY,
        lastAt: T0 + 9 * DAY,
      },
      {
        reason: 'CONSENT_WITHDRAWN',
        period: 'cn-2021-pipl',
        subjectRef: 'P1',
        deviceId: 'D1',
        purpose: 'visitor_identification',
        consentIds: [1],
        captureIds: [2, 3],
        captureCount: 2,
        firstAt: T0 + 11 * DAY,
        lastAt: T0 + 12 * DAY,
      },
      {
        reason: 'CONSENT_WITHDRAWN',
        period: 'cn-2021-pipl',
        subjectRef: 'P1',
        deviceId: 'D2',
        purpose: 'visitor_identification',
        consentIds: [1],
        captureIds: [4],
        captureCount: 1,
        firstAt: T0 + 13 * DAY,
        lastAt: T0 + 13 * DAY,
      },
    ]);
  });

  it('separates groups whose decisive consents differ, even for equal reasons', () => {
    const records = [
      consent({ id: 1, expiresAt: T0 + 10 * DAY }),
      consent({ id: 2, givenAt: T0 + 20 * DAY, expiresAt: T0 + 30 * DAY }),
    ];
    const acc = run(records, [cap(1, 'P1', 15), cap(2, 'P1', 35), cap(3, 'P1', 16)]);
    expect(acc.findings().map((f) => [f.reason, f.consentIds, f.captureIds])).toEqual([
      ['CONSENT_EXPIRED', [1], [1, 3]],
      ['CONSENT_EXPIRED', [1, 2], [2]],
    ]);
  });

  it('keeps groups apart when one subject alternates devices, purposes and verdicts', () => {
    const records = [consent({ id: 1, method: 'verbal' }), consent({ id: 2, givenAt: T0 + 10 * DAY })];
    const sequence: [number, string, 'visitor_identification' | 'marketing'][] = [
      [1, 'D1', 'visitor_identification'],
      [2, 'D2', 'visitor_identification'],
      [3, 'D1', 'visitor_identification'],
      [4, 'D1', 'marketing'],
      [5, 'D1', 'visitor_identification'],
      [12, 'D1', 'marketing'],
      [6, 'D2', 'visitor_identification'],
    ];
    const acc = run(
      records,
      sequence.map(([day, deviceId, purpose]) => ({ ...cap(day, 'P1', day, deviceId), purpose })),
    );
    expect(acc.findings().map((f) => [f.deviceId, f.purpose, f.reason, f.consentIds, f.captureIds])).toEqual([
      ['D1', 'visitor_identification', 'NOT_SEPARATE_CONSENT', [1], [1, 3, 5]],
      ['D2', 'visitor_identification', 'NOT_SEPARATE_CONSENT', [1], [2, 6]],
      ['D1', 'marketing', 'PURPOSE_NOT_COVERED', [1], [4]],
      ['D1', 'marketing', 'PURPOSE_NOT_COVERED', [1, 2], [12]],
    ]);
  });

  it('groups equal verdicts built outside the index together', () => {
    const acc = new FindingAccumulator();
    const v1: Verdict = {
      covered: false,
      reason: 'CONSENT_EXPIRED',
      consentIds: [2, 1],
      period: 'cn-2021-pipl',
    };
    const v2: Verdict = {
      covered: false,
      reason: 'CONSENT_EXPIRED',
      consentIds: [1, 2],
      period: 'cn-2021-pipl',
    };
    acc.add(cap(1, 'P1', 1), v1);
    acc.add(cap(2, 'P1', 2), v2);
    expect(acc.findings()).toHaveLength(1);
    expect(acc.findings()[0].captureCount).toBe(2);
  });

  it('reports an empty audit as zeros', () => {
    const s = new FindingAccumulator().summary();
    expect(s.capturesAudited).toBe(0);
    expect(Object.values(s.byReason)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(s.byPeriod).toEqual([]);
    expect(new FindingAccumulator().findings()).toEqual([]);
  });

  it('splits a continuing act at a change of law: no finding spans two periods, each period counts its own', () => {
    const verbal = consent({ id: 1, subjectRef: 'P1', method: 'verbal', givenAt: Date.UTC(2021, 0, 1) });
    const at = (id: number, iso: string, subjectRef = 'P1'): CoverageCapture => ({
      id,
      deviceId: 'D1',
      subjectRef,
      occurredAt: Date.parse(iso),
      purpose: 'visitor_identification',
    });
    const acc = run(
      [verbal],
      [
        at(1, '2021-10-30T02:00:00Z'), // covered: a verbal consent was consent before the PIPL
        at(2, '2021-10-31T02:00:00Z', 'P9'), // no consent, CRPL period
        at(3, '2021-10-31T16:00:00Z'), // 00:00 on 1 Nov in Beijing: not separate, PIPL period
        at(4, '2021-11-02T02:00:00Z', 'P9'), // no consent, PIPL period
        at(5, '2021-11-03T02:00:00Z', 'P9'),
      ],
    );
    const f = acc.findings();
    expect(f.map((x) => [x.period, x.subjectRef, x.reason, x.captureIds])).toEqual([
      ['cn-2015-crpl', 'P9', 'NO_CONSENT', [2]],
      ['cn-2021-pipl', 'P1', 'NOT_SEPARATE_CONSENT', [3]],
      ['cn-2021-pipl', 'P9', 'NO_CONSENT', [4, 5]],
    ]);
    const s = acc.summary();
    expect(s.affectedSubjects).toBe(2);
    expect(
      s.byPeriod.map((p) => [p.period, p.capturesWithoutValidConsent, p.affectedSubjects, p.byReason]),
    ).toEqual([
      ['cn-2015-crpl', 1, 1, { NO_CONSENT: 1 }],
      ['cn-2021-pipl', 3, 2, { NO_CONSENT: 2, NOT_SEPARATE_CONSENT: 1 }],
    ]);
  });
});
