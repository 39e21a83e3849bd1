import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstant, type DomainError } from '@app/common';
import { COVERED, ConsentIndex, purposeMask } from './consent-index';
import type { CoverageCapture, CoverageConsent, Verdict } from './coverage.types';
import { consentLawSchedule } from '@app/law';

const LAW = consentLawSchedule();

interface FixtureConsent extends Partial<Omit<CoverageConsent, 'givenAt' | 'withdrawnAt' | 'expiresAt'>> {
  id: number;
  givenAt: string;
  withdrawnAt?: string | null;
  expiresAt?: string | null;
}

interface Fixture {
  description: string;
  firmTimezone: string;
  consents: FixtureConsent[];
  capture: Omit<CoverageCapture, 'occurredAt'> & { occurredAt: string };
  expected: { covered: true } | { covered: false; reason: string; consentIds: number[]; period?: string };
}

const DIR = join(__dirname, 'fixtures', 'coverage');

function instant(text: string): number {
  const t = parseInstant(text, 'UTC');
  if (t === null) throw new Error(`bad fixture time ${text}`);
  return t;
}

function consent(f: FixtureConsent): CoverageConsent {
  return {
    subjectRef: 'P1',
    purposes: ['visitor_identification'],
    method: 'written',
    separateConsent: true,
    guardianConsent: false,
    subjectBirthDate: null,
    ...f,
    givenAt: instant(f.givenAt),
    withdrawnAt: f.withdrawnAt ? instant(f.withdrawnAt) : null,
    expiresAt: f.expiresAt ? instant(f.expiresAt) : null,
  };
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture] as const);

function plain(v: Verdict): Fixture['expected'] {
  return v.covered ? { covered: true } : { covered: false, reason: v.reason, consentIds: [...v.consentIds] };
}

/** A fixture about the law in time names the period that judged the capture; the others leave it out. */
function asExpected(v: Verdict, expected: Fixture['expected']): Fixture['expected'] {
  if (v.covered || !('period' in expected)) return plain(v);
  return { covered: false, reason: v.reason, consentIds: [...v.consentIds], period: v.period };
}

describe('ConsentIndex scenarios (fixtures/coverage, one case per file)', () => {
  it('has the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtures)('%s', (_file, f) => {
    const index = new ConsentIndex(f.consents.map(consent), f.firmTimezone, LAW);
    const verdict = index.evaluate({ ...f.capture, occurredAt: instant(f.capture.occurredAt) });
    expect(asExpected(verdict, f.expected)).toEqual(f.expected);
  });

  it('is independent of the order records are given in', () => {
    for (const [, f] of fixtures) {
      const capture = { ...f.capture, occurredAt: instant(f.capture.occurredAt) };
      const reversed = new ConsentIndex(f.consents.map(consent).reverse(), f.firmTimezone, LAW);
      expect(asExpected(reversed.evaluate(capture), f.expected)).toEqual(f.expected);
    }
  });
});

describe('ConsentIndex', () => {
  const base: CoverageConsent = consent({ id: 1, givenAt: '2024-01-01T00:00:00Z' });
  const capture = (over: Partial<CoverageCapture> = {}): CoverageCapture => ({
    id: 1,
    deviceId: 'D1',
    subjectRef: 'P1',
    occurredAt: instant('2024-03-01T00:00:00Z'),
    purpose: 'visitor_identification',
    ...over,
  });

  it('walks every step in order as one record is spoiled field by field', () => {
    const t = instant('2024-03-01T00:00:00Z');
    const steps: [Partial<CoverageConsent>, string][] = [
      [{ guardianConsent: false, subjectBirthDate: '2016-01-01' }, 'MINOR_WITHOUT_GUARDIAN_CONSENT'],
      [{ method: 'verbal' }, 'NOT_SEPARATE_CONSENT'],
      [{ method: 'notice_only' }, 'NO_EXPRESS_CONSENT'],
      [{ purposes: ['payment'] }, 'PURPOSE_NOT_COVERED'],
      [{ expiresAt: t }, 'CONSENT_EXPIRED'],
      [{ withdrawnAt: t }, 'CONSENT_WITHDRAWN'],
      [{ givenAt: t + 1 }, 'CONSENT_AFTER_CAPTURE'],
    ];
    let record: CoverageConsent = { ...base };
    for (const [spoil, reason] of steps) {
      record = { ...record, ...spoil };
      const v = new ConsentIndex([record], 'Asia/Shanghai', LAW).evaluate(capture({ occurredAt: t }));
      expect(plain(v)).toEqual({ covered: false, reason, consentIds: [1] });
    }
  });

  it('returns the shared COVERED verdict and reuses finding verdicts per subject and outcome', () => {
    const index = new ConsentIndex(
      [base, { ...base, id: 2, subjectRef: 'P2', purposes: ['marketing'] }],
      'Asia/Shanghai',
      LAW,
    );
    expect(index.evaluate(capture())).toBe(COVERED);
    const a = index.evaluate(capture({ subjectRef: 'P2' }));
    const b = index.evaluate(
      capture({ subjectRef: 'P2', id: 9, occurredAt: instant('2024-05-01T00:00:00Z') }),
    );
    expect(a).toBe(b);
    const earlier = index.evaluate(
      capture({ subjectRef: 'P2', occurredAt: instant('2023-01-01T00:00:00Z') }),
    );
    expect(plain(earlier)).toEqual({ covered: false, reason: 'CONSENT_AFTER_CAPTURE', consentIds: [2] });
    expect(index.subjectCount).toBe(2);
  });

  it('keeps verdicts of the same step apart per law period, and judges each capture by its own period', () => {
    const verbal = { ...base, method: 'verbal' as const, givenAt: instant('2019-01-01T00:00:00Z') };
    const index = new ConsentIndex(
      [verbal, { ...verbal, id: 2, subjectRef: 'P2', purposes: ['payment'] }],
      'Asia/Shanghai',
      LAW,
    );
    expect(index.evaluate(capture({ occurredAt: instant('2021-06-01T00:00:00Z') }))).toBe(COVERED);
    const after = index.evaluate(capture({ occurredAt: instant('2022-06-01T00:00:00Z') }));
    expect(after).toMatchObject({ reason: 'NOT_SEPARATE_CONSENT', period: 'cn-2021-pipl' });
    const before = index.evaluate(capture({ subjectRef: 'P2', occurredAt: instant('2021-06-01T00:00:00Z') }));
    const later = index.evaluate(capture({ subjectRef: 'P2', occurredAt: instant('2025-07-01T00:00:00Z') }));
    expect(before).toMatchObject({ reason: 'PURPOSE_NOT_COVERED', period: 'cn-2015-crpl' });
    expect(later).toMatchObject({ reason: 'PURPOSE_NOT_COVERED', period: 'cn-2025-frt' });
    expect(before).not.toBe(later);
    expect(
      index.evaluate(capture({ subjectRef: 'P9', occurredAt: instant('2025-07-01T00:00:00Z') })),
    ).toMatchObject({
      reason: 'NO_CONSENT',
      period: 'cn-2025-frt',
    });
  });

  it('refuses a law whose periods are out of order', () => {
    const bad = { ...LAW, periods: [...LAW.periods].reverse() };
    expect(() => new ConsentIndex([], 'UTC', bad)).toThrow(
      expect.objectContaining({ code: 'DETECTION.BAD_LAW' }) as DomainError,
    );
  });

  it('handles subjects with more records than a cached mask holds', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      id: 100 - i,
      method: 'verbal' as const,
    }));
    const index = new ConsentIndex(records, 'Asia/Shanghai', LAW);
    const v = index.evaluate(capture());
    expect(plain(v)).toEqual({
      covered: false,
      reason: 'NOT_SEPARATE_CONSENT',
      consentIds: records.map((r) => r.id).sort((x, y) => x - y),
    });
    const valid = new ConsentIndex([...records, { ...base, id: 7 }], 'Asia/Shanghai', LAW);
    expect(valid.evaluate(capture())).toBe(COVERED);
  });

  it('rejects an unknown firm time zone and an invalid birth date with stable codes', () => {
    expect(() => new ConsentIndex([], 'Mars/Olympus', LAW)).toThrow(
      expect.objectContaining({ code: 'DETECTION.BAD_TIMEZONE' }) as DomainError,
    );
    expect(() => new ConsentIndex([{ ...base, subjectBirthDate: '2010-02-30' }], 'UTC', LAW)).toThrow(
      expect.objectContaining({ code: 'DETECTION.BAD_BIRTH_DATE' }) as DomainError,
    );
  });

  it('maps purposes to distinct bits and ignores unknown ones', () => {
    expect(purposeMask([])).toBe(0);
    expect(purposeMask(['access_control'])).toBe(1);
    expect(purposeMask(['access_control', 'payment'])).toBe(1 | 32);
    expect(purposeMask(['unspecified'])).toBe(0);
  });
});
