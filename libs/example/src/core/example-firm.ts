import { creditCodeCheckChar, type DeviceProfile, type FirmProfile } from '@app/common';

/** Synthetic throughout: no real company has this name; "EXAMPLE" in the code marks it as made up. */
const CODE_BODY = '91330203MAEXAMPLE';

/** The example firm: a Ningbo property developer with two sales offices and one residential compound. */
export function exampleFirm(): FirmProfile {
  return {
    name: '宁波示例置业有限公司',
    creditCode: CODE_BODY + (creditCodeCheckChar(CODE_BODY) ?? ''),
    region: '浙江省宁波市海曙区',
    timezone: 'Asia/Shanghai',
  };
}

const TZ = 'Asia/Shanghai';

/**
 * The firm's face devices. The front-desk ID-face terminal declares no purpose (so its captures are
 * `unspecified` unless a log line states one). The compound's gates are the only way in; faceOnlyAccess
 * is a site attribute, so every device row of that site carries it.
 */
export function exampleDevices(): DeviceProfile[] {
  const so1 = { siteId: 'SO1', siteName: '示例天悦售楼处', siteType: 'sales_office' as const, timezone: TZ };
  const so2 = { siteId: 'SO2', siteName: '示例湾畔售楼处', siteType: 'sales_office' as const, timezone: TZ };
  const re1 = {
    siteId: 'RE1',
    siteName: '示例天悦花园东门',
    siteType: 'residential_entrance' as const,
    timezone: TZ,
  };
  return [
    {
      ...so1,
      deviceId: 'SO1-CAM-01',
      faceOnlyAccess: false,
      vendor: 'Hikvision',
      model: 'iDS-2CD7A46G0-IZHS',
      declaredPurpose: 'visitor_identification',
    },
    {
      ...so1,
      deviceId: 'SO1-CAM-02',
      faceOnlyAccess: false,
      vendor: 'Hikvision',
      model: 'iDS-2CD7A46G0-IZHS',
      declaredPurpose: 'visitor_identification',
    },
    {
      ...so1,
      deviceId: 'SO1-IDV-01',
      faceOnlyAccess: false,
      vendor: 'Dahua',
      model: 'DHI-ASHZ320A',
      declaredPurpose: null,
    },
    {
      ...so2,
      deviceId: 'SO2-CAM-01',
      faceOnlyAccess: false,
      vendor: 'Dahua',
      model: 'DH-IPC-HFW7442H-Z',
      declaredPurpose: 'visitor_identification',
    },
    {
      ...so2,
      deviceId: 'SO2-CAM-02',
      faceOnlyAccess: false,
      vendor: 'Dahua',
      model: 'DH-IPC-HFW7442H-Z',
      declaredPurpose: 'marketing',
    },
    {
      ...re1,
      deviceId: 'RE1-GATE-01',
      faceOnlyAccess: true,
      vendor: 'Hikvision',
      model: 'DS-K5671-ZU',
      declaredPurpose: 'access_control',
    },
    {
      ...re1,
      deviceId: 'RE1-GATE-02',
      faceOnlyAccess: true,
      vendor: 'Hikvision',
      model: 'DS-K5671-ZU',
      declaredPurpose: 'access_control',
    },
    {
      ...re1,
      deviceId: 'RE1-CAM-01',
      faceOnlyAccess: true,
      vendor: 'Hikvision',
      model: 'DS-2CD3T47G2-LSU',
      declaredPurpose: 'security',
    },
  ];
}
