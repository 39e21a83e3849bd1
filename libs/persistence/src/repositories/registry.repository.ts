import type { DeviceProfile, FirmProfile } from '@app/common';
import type { Database } from '../data-source';
import { DeviceEntity } from '../entities/device.entity';
import { FirmEntity } from '../entities/firm.entity';
import { SiteEntity } from '../entities/site.entity';

/** A registered device with the ids the store knows it by. */
export interface RegisteredDevice {
  dbId: string;
  siteDbId: string;
  profile: DeviceProfile;
}

/** Firms, their sites and devices: the registry captures are attributed against. */
export class RegistryRepository {
  constructor(private readonly db: Database) {}

  /** Registers the firm (by credit code) or refreshes its details; returns its id. */
  async upsertFirm(firm: FirmProfile): Promise<string> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `INSERT INTO firm (credit_code, name, region, timezone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region, timezone = EXCLUDED.timezone
       RETURNING id`,
      [firm.creditCode, firm.name, firm.region, firm.timezone],
    );
    return rows[0].id;
  }

  async findFirm(creditCode: string): Promise<(FirmProfile & { id: string }) | null> {
    const f = await this.db.dataSource.getRepository(FirmEntity).findOneBy({ creditCode });
    return f
      ? { id: f.id, name: f.name, creditCode: f.creditCode, region: f.region, timezone: f.timezone }
      : null;
  }

  /** Credit codes of every registered firm, in order. */
  async allFirms(): Promise<string[]> {
    const rows = await this.db.dataSource.getRepository(FirmEntity).find({ order: { creditCode: 'ASC' } });
    return rows.map((f) => f.creditCode);
  }

  /** Registers sites and devices (by the firm's own ids), refreshing their attributes; returns them all. */
  async upsertDevices(firmId: string, devices: DeviceProfile[]): Promise<Map<string, RegisteredDevice>> {
    await this.db.dataSource.transaction(async (m) => {
      for (const d of devices) {
        const [site] = await m.query<{ id: string }[]>(
          `INSERT INTO site (firm_id, site_code, name, site_type, face_only_access) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (firm_id, site_code) DO UPDATE SET name = EXCLUDED.name, site_type = EXCLUDED.site_type,
             face_only_access = EXCLUDED.face_only_access
           RETURNING id`,
          [firmId, d.siteId, d.siteName, d.siteType, d.faceOnlyAccess],
        );
        await m.query(
          `INSERT INTO device (firm_id, site_id, device_code, vendor, model, declared_purpose, timezone)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (firm_id, device_code) DO UPDATE SET site_id = EXCLUDED.site_id, vendor = EXCLUDED.vendor,
             model = EXCLUDED.model, declared_purpose = EXCLUDED.declared_purpose, timezone = EXCLUDED.timezone`,
          [firmId, site.id, d.deviceId, d.vendor, d.model, d.declaredPurpose, d.timezone],
        );
      }
    });
    return this.devicesOf(firmId);
  }

  /** Every device of the firm, keyed by the firm's own device id. */
  async devicesOf(firmId: string): Promise<Map<string, RegisteredDevice>> {
    const rows = await this.db.dataSource
      .getRepository(DeviceEntity)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.site', 's')
      .where('d.firmId = :firmId', { firmId })
      .orderBy('d.deviceCode')
      .getMany();
    const out = new Map<string, RegisteredDevice>();
    for (const d of rows) {
      const s = d.site as SiteEntity;
      out.set(d.deviceCode, {
        dbId: d.id,
        siteDbId: s.id,
        profile: {
          deviceId: d.deviceCode,
          siteId: s.siteCode,
          siteName: s.name,
          siteType: s.siteType as DeviceProfile['siteType'],
          faceOnlyAccess: s.faceOnlyAccess,
          vendor: d.vendor,
          model: d.model,
          declaredPurpose: d.declaredPurpose as DeviceProfile['declaredPurpose'],
          timezone: d.timezone,
        },
      });
    }
    return out;
  }
}
