import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock, isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Keyring } from '@app/crypto';
import { AuditLogRepository, DeviceEndpointRepository, RegistryRepository } from '@app/persistence';
import { CollectionKeys } from './collection-keys';
import { COLLECTION_ERRORS, CollectionError } from './collection.errors';
import { DeviceSecret, resealCredential, sealCredential } from './credential-seal';
import { endpointView, type EndpointView } from './endpoint-view';
import { terminalBaseUrl } from './http/digest-transport';

/** The protocols a terminal can be collected over. */
export const TERMINAL_PROTOCOLS = ['hikvision-isapi', 'dahua-cgi'] as const;
export type TerminalProtocol = (typeof TERMINAL_PROTOCOLS)[number];

/** The `device.vendor` a protocol's terminal is created with when the firm has not declared it. */
const DEVICE_VENDOR: Record<TerminalProtocol, string> = {
  'hikvision-isapi': 'hikvision',
  'dahua-cgi': 'dahua',
};

/** What `devices add` (or the API) registers. */
export interface NewTerminal {
  creditCode: string;
  deviceCode: string;
  vendor: string;
  url: string;
  username: string;
  password: DeviceSecret;
  siteCode?: string;
  /** Collect from here on the first run (else everything the terminal holds): a date (the firm's midnight) or ISO 8601. */
  since?: string;
  operator?: string;
}

/** What a re-wrap of the stored credentials did (ids only). */
export interface CredentialRewrap {
  rewrapped: number;
  alreadyCurrent: number;
  failed: { endpoint: string; code: string }[];
}

function bad(field: string, message: string): CollectionError {
  return new CollectionError(COLLECTION_ERRORS.BAD_INPUT, message, { field });
}

/**
 * The register of terminals to collect from: adds (creating the device when the firm has not declared it),
 * lists, removes, and re-wraps the sealed credentials under the current master key. Credentials are
 * sealed before they are stored and never returned.
 */
@Injectable()
export class EndpointRegistryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly keys: CollectionKeys,
    private readonly endpoints: DeviceEndpointRepository,
    private readonly registry: RegistryRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async add(t: NewTerminal): Promise<EndpointView> {
    if (!(TERMINAL_PROTOCOLS as readonly string[]).includes(t.vendor)) {
      throw bad('vendor', `--vendor must be one of ${TERMINAL_PROTOCOLS.join(', ')}`);
    }
    if (!t.deviceCode.trim() || t.deviceCode.length > 200)
      throw bad('device', '--device must be the firm’s device id');
    const baseUrl = terminalBaseUrl(t.url);
    // Digest sends `user:password`: a colon in the user name would shift the split.
    if (!t.username || t.username.includes(':') || /\s/.test(t.username)) {
      throw bad('username', '--username must be a user name without colons or spaces');
    }
    if (t.password.reveal().length === 0) throw bad('password', 'the password (--password-stdin) is empty');
    const now = this.clock.now();
    const firm = await this.registry.findFirm(t.creditCode);
    if (!firm) {
      throw new CollectionError(
        COLLECTION_ERRORS.FIRM_NOT_FOUND,
        `--firm: no firm with credit code ${t.creditCode} is registered`,
        {
          field: 'firm',
        },
      );
    }
    const since = t.since === undefined ? null : DateTime.fromISO(t.since, { zone: firm.timezone });
    if (since !== null && (!since.isValid || since.toJSDate() > now)) {
      throw bad('since', '--since must be a date in the past (YYYY-MM-DD or ISO 8601)');
    }
    const deviceDbId =
      (await this.endpoints.deviceOf(firm.id, t.deviceCode))?.id ??
      (await this.endpoints.createDevice(
        firm.id,
        await this.siteFor(firm.id, t.siteCode),
        t.deviceCode,
        DEVICE_VENDOR[t.vendor as TerminalProtocol],
        firm.timezone,
      ));
    const sealed = sealCredential(this.keys.keyring, { deviceId: deviceDbId, baseUrl }, t.password);
    const operator = t.operator ?? this.config.operator;
    const row = await this.endpoints.insert({
      deviceDbId,
      protocol: t.vendor,
      baseUrl,
      username: t.username,
      passwordSealed: sealed.sealed,
      passwordKeyId: sealed.keyId,
      sinceAt: since?.toJSDate() ?? null,
      registeredBy: operator,
      registeredAt: now,
    });
    if (!row) {
      throw new CollectionError(
        COLLECTION_ERRORS.ENDPOINT_EXISTS,
        `--device: ${t.deviceCode} of ${t.creditCode} is already registered; remove it first`,
        { field: 'device' },
      );
    }
    await this.auditLog.append(operator, 'device_endpoint.registered', 'device_endpoint', row.id, {
      firm: t.creditCode,
      device: t.deviceCode,
      protocol: t.vendor,
      url: baseUrl,
      username: t.username,
      since: since?.toJSDate().toISOString() ?? null,
      keyId: sealed.keyId,
    });
    return endpointView(row);
  }

  private async siteFor(firmId: string, siteCode?: string): Promise<string> {
    const sites = await this.endpoints.sitesOf(firmId);
    if (siteCode !== undefined) {
      const site = sites.find((s) => s.siteCode === siteCode);
      if (site) return site.id;
      throw new CollectionError(COLLECTION_ERRORS.SITE_REQUIRED, `--site: the firm has no site ${siteCode}`, {
        field: 'site',
      });
    }
    if (sites.length === 1) return sites[0].id;
    throw new CollectionError(
      COLLECTION_ERRORS.SITE_REQUIRED,
      sites.length === 0
        ? '--site: the firm has no site yet; ingest its devices.csv first'
        : `--site: the firm has ${sites.length} sites (${sites.map((s) => s.siteCode).join(', ')}); name the device's`,
      { field: 'site' },
    );
  }

  async list(creditCode?: string): Promise<EndpointView[]> {
    const firmId = creditCode === undefined ? undefined : await this.firmId(creditCode);
    return (await this.endpoints.list(firmId)).map(endpointView);
  }

  async remove(
    creditCode: string,
    deviceCode: string,
    operator = this.config.operator,
  ): Promise<EndpointView> {
    const row = await this.endpoints.findByDevice(await this.firmId(creditCode), deviceCode);
    if (!row || !(await this.endpoints.remove(row.id))) {
      throw new CollectionError(
        COLLECTION_ERRORS.ENDPOINT_NOT_FOUND,
        `--device: ${deviceCode} of ${creditCode} has no registered endpoint`,
        { field: 'device' },
      );
    }
    await this.auditLog.append(operator, 'device_endpoint.removed', 'device_endpoint', row.id, {
      firm: creditCode,
      device: deviceCode,
      url: row.baseUrl,
    });
    return endpointView(row);
  }

  /**
   * Re-seals every stored credential under the keyring's current key (for `keys rotate`, before old keys
   * are retired). A credential that does not open is counted as failed, never silently dropped.
   */
  async rewrapCredentials(keyring: Keyring = this.keys.keyring): Promise<CredentialRewrap> {
    const out: CredentialRewrap = { rewrapped: 0, alreadyCurrent: 0, failed: [] };
    for (const r of await this.endpoints.list()) {
      try {
        const next = resealCredential(
          keyring,
          { deviceId: r.deviceDbId, baseUrl: r.baseUrl },
          { sealed: r.passwordSealed, keyId: r.passwordKeyId },
          r.id,
        );
        if (next === null) out.alreadyCurrent += 1;
        else if (await this.endpoints.reseal(r.id, r.passwordSealed, next.sealed, next.keyId))
          out.rewrapped += 1;
      } catch (e) {
        out.failed.push({ endpoint: r.id, code: isDomainError(e) ? e.code : 'UNKNOWN' });
      }
    }
    this.keys.reload();
    return out;
  }

  private async firmId(creditCode: string): Promise<string> {
    const firm = await this.registry.findFirm(creditCode);
    if (!firm) {
      throw new CollectionError(
        COLLECTION_ERRORS.FIRM_NOT_FOUND,
        `--firm: no firm with credit code ${creditCode} is registered`,
        {
          field: 'firm',
        },
      );
    }
    return firm.id;
  }
}
