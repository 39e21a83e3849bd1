import type { RegistryRepository } from '@app/persistence';

/**
 * A synthetic firm to register terminals at, for tests and benchmarks: the firm (Beijing time) and the one site it
 * declared with a device, which `devices add` puts each new terminal on. Returns the firm's id.
 */
export async function seedCollectionFirm(
  firms: RegistryRepository,
  firm: { name: string; creditCode: string; region: string },
): Promise<string> {
  const firmId = await firms.upsertFirm({ ...firm, timezone: 'Asia/Shanghai' });
  await firms.upsertDevices(firmId, [
    {
      deviceId: 'DECLARED-1',
      siteId: 'S-1',
      siteName: 'Sales office',
      siteType: 'sales_office',
      faceOnlyAccess: false,
      vendor: 'hikvision',
      model: 'DS-K1T671',
      declaredPurpose: null,
      timezone: 'Asia/Shanghai',
    },
  ]);
  return firmId;
}
