import type { DeviceProfile } from '@app/common';
import { resolvePurpose } from './resolve-purpose';
import { siteFindings } from './site-findings';
import { consentLawSchedule } from '@app/law';

const LAW = consentLawSchedule();
const AFTER = Date.parse('2025-07-01T02:00:00Z');
const BEFORE = Date.parse('2025-05-31T15:59:59Z');
/** Devices captured after the Face Recognition Measures entered into force (2025-06-01). */
const under = (ids: string[]) => new Map(ids.map((id) => [id, { firstAt: AFTER, lastAt: AFTER }]));

const device = (over: Partial<DeviceProfile>): DeviceProfile => ({
  deviceId: 'D1',
  siteId: 'S1',
  siteName: 'Site',
  siteType: 'residential_entrance',
  faceOnlyAccess: false,
  vendor: 'Hikvision',
  model: 'DS-K1T671M',
  declaredPurpose: 'access_control',
  timezone: 'Asia/Shanghai',
  ...over,
});

describe('siteFindings', () => {
  const devices = [
    device({ deviceId: 'G2', siteId: 'RE1', faceOnlyAccess: true }),
    device({ deviceId: 'G1', siteId: 'RE1', faceOnlyAccess: true }),
    device({ deviceId: 'C1', siteId: 'RE1', faceOnlyAccess: true, declaredPurpose: 'security' }),
    device({ deviceId: 'G3', siteId: 'RE2', faceOnlyAccess: true }),
    device({ deviceId: 'G4', siteId: 'RE3', faceOnlyAccess: false }),
    device({ deviceId: 'C3', siteId: 'RE3', faceOnlyAccess: true }),
    device({ deviceId: 'C2', siteId: 'SO1', siteType: 'sales_office' }),
  ];

  it('flags a face-only site once it has captured someone, citing its devices with captures', () => {
    expect(siteFindings(devices, under(['G1', 'G2', 'C2']), LAW)).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G1', 'G2'], period: 'cn-2025-frt' },
    ]);
  });

  it('does not flag a face-only site that never captured, nor sites that are not face-only', () => {
    expect(siteFindings(devices, under(['C2']), LAW)).toEqual([]);
    expect(siteFindings(devices, under([]), LAW)).toEqual([]);
    expect(siteFindings(devices, under(['G3', 'C1']), LAW)).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['C1'], period: 'cn-2025-frt' },
      { siteId: 'RE2', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G3'], period: 'cn-2025-frt' },
    ]);
  });

  it('is no finding for captures made before the Face Recognition Measures (2025-06-01) only', () => {
    const before = new Map([['G1', { firstAt: BEFORE - 1000, lastAt: BEFORE }]]);
    expect(siteFindings(devices, before, LAW)).toEqual([]);
    const straddling = new Map([['G1', { firstAt: BEFORE, lastAt: AFTER }]]);
    expect(siteFindings(devices, straddling, LAW)).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G1'], period: 'cn-2025-frt' },
    ]);
  });

  it('treats a site as face-only when any of its device rows says so', () => {
    expect(siteFindings(devices, under(['G4']), LAW)).toEqual([
      { siteId: 'RE3', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G4'], period: 'cn-2025-frt' },
    ]);
  });
});

describe('resolvePurpose', () => {
  it('prefers the capture, then the device, then unspecified', () => {
    expect(resolvePurpose('marketing', device({}))).toBe('marketing');
    expect(resolvePurpose(null, device({}))).toBe('access_control');
    expect(resolvePurpose(null, device({ declaredPurpose: null }))).toBe('unspecified');
    expect(resolvePurpose(null, undefined)).toBe('unspecified');
  });
});
