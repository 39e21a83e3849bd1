import type { Database } from '../data-source';

/** A terminal endpoint with its device and firm, as the collector needs it (the password still sealed). */
export interface EndpointRow {
  id: string;
  deviceDbId: string;
  deviceCode: string;
  deviceTimezone: string;
  firmId: string;
  firmCreditCode: string;
  protocol: string;
  baseUrl: string;
  username: string;
  passwordSealed: string;
  passwordKeyId: string;
  sinceAt: Date | null;
  cursorAt: Date | null;
  enabled: boolean;
  registeredBy: string;
  registeredAt: Date;
  lastCollectedAt: Date | null;
  lastError: string | null;
}

export interface NewEndpoint {
  deviceDbId: string;
  protocol: string;
  baseUrl: string;
  username: string;
  passwordSealed: string;
  passwordKeyId: string;
  sinceAt: Date | null;
  registeredBy: string;
  registeredAt: Date;
}

const SELECT = `SELECT e.id::text AS id, d.id::text AS "deviceDbId", d.device_code AS "deviceCode",
    d.timezone AS "deviceTimezone", f.id::text AS "firmId", f.credit_code AS "firmCreditCode", e.protocol,
    e.base_url AS "baseUrl", e.username, e.password_sealed AS "passwordSealed", e.password_key_id AS "passwordKeyId",
    e.since_at AS "sinceAt", e.cursor_at AS "cursorAt", e.enabled, e.registered_by AS "registeredBy",
    e.registered_at AS "registeredAt", e.last_collected_at AS "lastCollectedAt", e.last_error AS "lastError"
  FROM device_endpoint e JOIN device d ON d.id = e.device_id JOIN firm f ON f.id = d.firm_id`;

/** Registered terminal endpoints: who to collect from, with what, and how far collection has come. */
export class DeviceEndpointRepository {
  constructor(private readonly db: Database) {}

  /** The firm's sites (its own codes), for choosing where a new device stands. */
  sitesOf(firmId: string): Promise<{ id: string; siteCode: string }[]> {
    return this.db.dataSource.query(
      `SELECT id::text AS id, site_code AS "siteCode" FROM site WHERE firm_id = $1 ORDER BY site_code`,
      [firmId],
    );
  }

  /** The firm's device with this code (its database id and zone), or null. */
  async deviceOf(firmId: string, deviceCode: string): Promise<{ id: string; timezone: string } | null> {
    const [r] = await this.db.dataSource.query<{ id: string; timezone: string }[]>(
      `SELECT id::text AS id, timezone FROM device WHERE firm_id = $1 AND device_code = $2`,
      [firmId, deviceCode],
    );
    return r ?? null;
  }

  /** Registers a device the firm has not declared yet (model unknown until a folder or the terminal says). */
  async createDevice(
    firmId: string,
    siteId: string,
    deviceCode: string,
    vendor: string,
    timezone: string,
  ): Promise<string> {
    await this.db.dataSource.query(
      `INSERT INTO device (firm_id, site_id, device_code, vendor, model, declared_purpose, timezone)
       VALUES ($1, $2, $3, $4, 'unknown', NULL, $5) ON CONFLICT (firm_id, device_code) DO NOTHING`,
      [firmId, siteId, deviceCode, vendor, timezone],
    );
    return (await this.deviceOf(firmId, deviceCode))!.id;
  }

  /** Adds an endpoint; null when the device already has one. */
  async insert(e: NewEndpoint): Promise<EndpointRow | null> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `INSERT INTO device_endpoint (device_id, protocol, base_url, username, password_sealed, password_key_id,
         since_at, registered_by, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (device_id) DO NOTHING RETURNING id::text AS id`,
      [
        e.deviceDbId,
        e.protocol,
        e.baseUrl,
        e.username,
        e.passwordSealed,
        e.passwordKeyId,
        e.sinceAt,
        e.registeredBy,
        e.registeredAt,
      ],
    );
    return rows.length === 0 ? null : this.find(rows[0].id);
  }

  async find(id: string): Promise<EndpointRow | null> {
    if (!/^\d+$/.test(id)) return null;
    const [r] = await this.db.dataSource.query<EndpointRow[]>(`${SELECT} WHERE e.id = $1`, [id]);
    return r ?? null;
  }

  async findByDevice(firmId: string, deviceCode: string): Promise<EndpointRow | null> {
    const [r] = await this.db.dataSource.query<EndpointRow[]>(
      `${SELECT} WHERE d.firm_id = $1 AND d.device_code = $2`,
      [firmId, deviceCode],
    );
    return r ?? null;
  }

  /** Endpoints of one firm or all, by firm and device; `enabledOnly` for what a schedule collects. */
  list(firmId?: string, enabledOnly = false): Promise<EndpointRow[]> {
    return this.db.dataSource.query<EndpointRow[]>(
      `${SELECT} WHERE ($1::bigint IS NULL OR d.firm_id = $1) AND (NOT $2 OR e.enabled)
       ORDER BY f.credit_code, d.device_code`,
      [firmId ?? null, enabledOnly],
    );
  }

  async remove(id: string): Promise<boolean> {
    // A CTE so the driver returns rows (it returns [rows, count] for a bare DELETE or UPDATE).
    const [r] = await this.db.dataSource.query<{ n: number }[]>(
      `WITH d AS (DELETE FROM device_endpoint WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM d`,
      [id],
    );
    return r.n > 0;
  }

  /**
   * Moves the cursor to `to` (never back: an older run finishing late changes nothing) and records a
   * successful collection. Called only after every page up to `to` is stored in a completed batch.
   */
  async advanceCursor(id: string, to: Date, at: Date): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE device_endpoint SET cursor_at = GREATEST(COALESCE(cursor_at, $2), $2), last_collected_at = $3,
         last_error = NULL WHERE id = $1`,
      [id, to, at],
    );
  }

  /** Records why a collection failed (the cursor stays). */
  async recordFailure(id: string, message: string, at: Date): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE device_endpoint SET last_error = $2, last_collected_at = $3 WHERE id = $1`,
      [id, message.slice(0, 2000), at],
    );
  }

  /** Replaces the sealed password (a re-wrap under the current key) if it is still the one read. */
  async reseal(id: string, previous: string, sealed: string, keyId: string): Promise<boolean> {
    const [r] = await this.db.dataSource.query<{ n: number }[]>(
      `WITH u AS (UPDATE device_endpoint SET password_sealed = $3, password_key_id = $4
         WHERE id = $1 AND password_sealed = $2 RETURNING id) SELECT count(*)::int AS n FROM u`,
      [id, previous, sealed, keyId],
    );
    return r.n > 0;
  }
}
