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
    device({ deviceId: 'C1', siteId: 'RE1', faceOnlyAccess: false }),
    device({ deviceId: 'G3', siteId: 'RE2', faceOnlyAccess: true }),
    device({ deviceId: 'C2', siteId: 'SO1', siteType: 'sales_office' }),
  ];

  it('flags a face-only site once it has captured someone, citing its face-only devices with captures', () => {
    expect(siteFindings(devices, new Set(['G1', 'G2', 'C1', 'C2']))).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G1', 'G2'] },
    ]);
  });

  it('does not flag a face-only terminal that never captured, nor a site whose only captures are elsewhere', () => {
    expect(siteFindings(devices, new Set(['C1', 'C2']))).toEqual([]);
    expect(siteFindings(devices, new Set(['G3', 'G1']))).toEqual([
      { siteId: 'RE1', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G1'] },
      { siteId: 'RE2', rule: 'FACE_ONLY_ACCESS', deviceIds: ['G3'] },
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
