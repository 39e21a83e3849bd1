import type { DeviceProfile } from '@app/common';
import { validateCaptureEvent } from './capture-event';
import { validateConsentRecord } from './consent-record';
import { checkEvidenceTime, plausibleWindow } from './time-sanity';

const device = (timezone: string): DeviceProfile => ({
  deviceId: 'CAM-01',
  siteId: 'S1',
  siteName: 'S1',
  siteType: 'sales_office',
  faceOnlyAccess: false,
  vendor: '',
  model: '',
  declaredPurpose: null,
  timezone,
});
const INGEST_AT = Date.UTC(2026, 10, 30, 12);
const ctx = (timezone = 'Asia/Shanghai') => ({
  devices: new Map([['CAM-01', device(timezone)]]),
  window: plausibleWindow(INGEST_AT),
});
const capture = (occurredAt: string, timezone?: string) =>
  validateCaptureEvent(
    { eventId: 'E1', deviceId: 'CAM-01', occurredAt, eventType: 'face_match' },
    ctx(timezone),
  );
const rejection = (v: ReturnType<typeof capture>) => (v.ok ? null : v.rejection);

describe('evidence time sanity (issue 9, failure 10)', () => {
  it('quarantines years 0000-0099 instead of reading them as 1900-1999', () => {
    for (const t of [
      '0021-04-01T10:00:00+08:00',
      '0000-01-01T00:00:00Z',
      '0099-12-31T23:59:59',
      '0050-06-01',
    ]) {
      expect(rejection(capture(t))).toEqual({
        code: 'INGEST.TRUNCATED_YEAR',
        field: 'occurredAt',
        message: expect.stringContaining('1900-1999') as string,
      });
    }
  });

  it('quarantines the year 9999 placeholder', () => {
    expect(rejection(capture('9999-12-31T23:59:59Z'))?.code).toBe('INGEST.PLACEHOLDER_TIME');
    expect(rejection(capture('9999-01-01'))?.code).toBe('INGEST.PLACEHOLDER_TIME');
  });

  it("quarantines a local time inside the device zone's DST gap, and only there", () => {
    // New York springs forward at 02:00 on 2021-03-14: 02:00-02:59 never happened.
    expect(rejection(capture('2021-03-14T02:30:00', 'America/New_York'))).toMatchObject({
      code: 'INGEST.NONEXISTENT_LOCAL_TIME',
      field: 'occurredAt',
    });
    expect(rejection(capture('2021-03-14 02:00', 'America/New_York'))?.code).toBe(
      'INGEST.NONEXISTENT_LOCAL_TIME',
    );
    expect(capture('2021-03-14T01:59:59', 'America/New_York').ok).toBe(true);
    expect(capture('2021-03-14T03:00:00', 'America/New_York').ok).toBe(true);
    // The ambiguous hour of the autumn change exists (twice): accepted.
    expect(capture('2021-11-07T01:30:00', 'America/New_York').ok).toBe(true);
    // With an explicit offset the instant is exact, whatever the device's zone.
    expect(capture('2021-03-14T02:30:00-05:00', 'America/New_York').ok).toBe(true);
    // Lord Howe moves by 30 minutes: 02:00-02:29 is the gap, 02:30 exists.
    expect(capture('2021-10-03T02:15:00', 'Australia/Lord_Howe').ok).toBe(false);
    expect(capture('2021-10-03T02:30:00', 'Australia/Lord_Howe').ok).toBe(true);
    // Shanghai has had no DST since 1991.
    expect(capture('2021-03-14T02:30:00').ok).toBe(true);
  });

  it('quarantines times before 2000-01-01 or after the ingest time plus the tolerance', () => {
    expect(rejection(capture('1999-12-31T23:59:59Z'))?.code).toBe('INGEST.IMPLAUSIBLE_TIME');
    expect(capture('2000-01-01T00:00:00Z').ok).toBe(true);
    expect(capture('2026-12-01T12:00:00Z').ok).toBe(true); // exactly ingest + 24 h
    expect(rejection(capture('2026-12-01T12:00:01Z'))).toMatchObject({
      code: 'INGEST.IMPLAUSIBLE_TIME',
      field: 'occurredAt',
    });
    const strict = { ...ctx(), window: plausibleWindow(INGEST_AT, 0) };
    expect(
      validateCaptureEvent(
        { deviceId: 'CAM-01', occurredAt: '2026-11-30T12:00:01Z', eventType: 'face_match' },
        strict,
      ).ok,
    ).toBe(false);
  });

  it('without a window still refuses times before 2000', () => {
    const v = validateCaptureEvent(
      { deviceId: 'CAM-01', occurredAt: '1970-01-01T00:00:00Z', eventType: 'face_match' },
      { devices: ctx().devices },
    );
    expect(v.ok ? null : v.rejection.code).toBe('INGEST.IMPLAUSIBLE_TIME');
  });

  it('applies to consent times, except the window and the placeholder to expiresAt', () => {
    const consent = (extra: Record<string, string>) =>
      validateConsentRecord(
        {
          consentId: 'C1',
          subjectRef: 'P1',
          givenAt: '2021-01-01T00:00:00Z',
          purposes: 'access_control',
          method: 'written',
          separateConsent: 'true',
          ...extra,
        },
        { firmTimezone: 'America/New_York', window: plausibleWindow(INGEST_AT) },
      );
    const code = (v: ReturnType<typeof consent>) => (v.ok ? null : v.rejection.code);
    expect(code(consent({ givenAt: '0021-01-01T00:00:00Z' }))).toBe('INGEST.TRUNCATED_YEAR');
    expect(code(consent({ givenAt: '9999-01-01T00:00:00Z' }))).toBe('INGEST.PLACEHOLDER_TIME');
    expect(code(consent({ givenAt: '2021-03-14T02:30:00' }))).toBe('INGEST.NONEXISTENT_LOCAL_TIME');
    expect(code(consent({ givenAt: '2030-01-01T00:00:00Z' }))).toBe('INGEST.IMPLAUSIBLE_TIME');
    expect(code(consent({ withdrawnAt: '2030-01-01T00:00:00Z' }))).toBe('INGEST.IMPLAUSIBLE_TIME');
    expect(consent({ expiresAt: '9999-12-31T23:59:59Z' }).ok).toBe(true);
    expect(consent({ expiresAt: '2040-01-01T00:00:00Z' }).ok).toBe(true);
    expect(code(consent({ expiresAt: '0030-01-01T00:00:00Z' }))).toBe('INGEST.TRUNCATED_YEAR');
  });

  it('checks in order: year, placeholder, gap, window', () => {
    const w = plausibleWindow(INGEST_AT);
    expect(
      checkEvidenceTime('t', '2021-04-01T10:00:00Z', Date.UTC(2021, 3, 1, 10), 'UTC', { window: w }),
    ).toBeNull();
    expect(checkEvidenceTime('t', '0001-01-01', Date.UTC(1901, 0, 1), 'UTC', { window: w })?.code).toBe(
      'INGEST.TRUNCATED_YEAR',
    );
  });
});
