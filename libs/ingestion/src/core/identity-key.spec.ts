import { createHash } from 'node:crypto';
import type { CaptureEventRecord, ConsentRecordInput, DeviceProfile } from '@app/common';
import { validateCaptureEvent } from './capture-event';
import { canonicalCaptureForm, captureIdentityKey, consentIdentityKey } from './identity-key';

const record: CaptureEventRecord = {
  eventId: null,
  deviceId: 'D-1',
  occurredAt: Date.UTC(2021, 3, 1, 1, 30),
  eventType: 'stranger',
  subjectRef: null,
  matchScore: 0.9,
  masked: true,
  purpose: null,
  snapshotSha256: null,
};

const device: DeviceProfile = {
  deviceId: 'D-1',
  siteId: 'S-1',
  siteName: 'S-1',
  siteType: 'sales_office',
  faceOnlyAccess: false,
  vendor: '',
  model: '',
  declaredPurpose: null,
  timezone: 'Asia/Shanghai',
};

describe('capture identity', () => {
  it('is the eventId when there is one', () => {
    expect(captureIdentityKey({ ...record, eventId: 'E-77' })).toBe('E-77');
  });

  it('is sha256: plus the SHA-256 of the documented canonical form otherwise', () => {
    const canonical = '["capture/v1","D-1",1617240600000,"stranger",null,0.9,true,null,null]';
    expect(canonicalCaptureForm(record)).toBe(canonical);
    expect(captureIdentityKey(record)).toBe(`sha256:${createHash('sha256').update(canonical).digest('hex')}`);
  });

  it('is the same for the same event written as JSONL or as CSV, in another offset', () => {
    const ctx = { devices: new Map([['D-1', device]]) };
    const fromJson = validateCaptureEvent(
      {
        deviceId: 'D-1',
        occurredAt: '2021-04-01T01:30:00Z',
        eventType: 'stranger',
        matchScore: 0.9,
        masked: true,
      },
      ctx,
    );
    const fromCsv = validateCaptureEvent(
      {
        eventId: '',
        deviceId: 'D-1',
        occurredAt: '2021-04-01 09:30:00',
        eventType: 'stranger',
        subjectRef: '',
        matchScore: '0.90',
        masked: 'true',
        purpose: '',
        snapshotSha256: '',
      },
      ctx,
    );
    if (!fromJson.ok || !fromCsv.ok) throw new Error('fixture records must validate');
    expect(captureIdentityKey(fromCsv.value)).toBe(captureIdentityKey(fromJson.value));
    expect(captureIdentityKey(fromJson.value)).toBe(captureIdentityKey(record));
  });

  it('differs when any canonical field differs', () => {
    const base = captureIdentityKey(record);
    const variants: Partial<CaptureEventRecord>[] = [
      { deviceId: 'D-2' },
      { occurredAt: record.occurredAt + 1 },
      { eventType: 'face_capture' },
      { subjectRef: 'P-1' },
      { matchScore: 0.91 },
      { masked: false },
      { masked: null },
      { purpose: 'security' },
      { snapshotSha256: 'a'.repeat(64) },
    ];
    const keys = variants.map((v) => captureIdentityKey({ ...record, ...v }));
    expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
  });
});

describe('consent identity', () => {
  it('is the consentId', () => {
    expect(consentIdentityKey({ consentId: 'C-9' } as ConsentRecordInput)).toBe('C-9');
  });
});
