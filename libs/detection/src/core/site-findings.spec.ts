import type { DeviceProfile } from '@app/common';
import { resolvePurpose } from './resolve-purpose';
import { siteFindings } from './site-findings';

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
    expect(siteFindings(devices, new Set(['G1', 'G2', 'C2']))).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G1', 'G2'] },
    ]);
  });

  it('does not flag a face-only site that never captured, nor sites that are not face-only', () => {
    expect(siteFindings(devices, new Set(['C2']))).toEqual([]);
    expect(siteFindings(devices, new Set())).toEqual([]);
    expect(siteFindings(devices, new Set(['G3', 'C1']))).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['C1'] },
      { siteId: 'RE2', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G3'] },
    ]);
  });

  it('treats a site as face-only when any of its device rows says so', () => {
    expect(siteFindings(devices, new Set(['G4']))).toEqual([
      { siteId: 'RE3', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G4'] },
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
