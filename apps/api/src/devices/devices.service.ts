import { Injectable } from '@nestjs/common';
import { isFirmInScope, type Scope } from '@app/auth';
import {
  COLLECTION_ERRORS,
  CollectionError,
  CollectionService,
  DeviceSecret,
  EndpointRegistryService,
  type CollectionResult,
} from '@app/collection';
import { DeviceEndpointRepository, RegistryQueryRepository, type EndpointRow } from '@app/persistence';
import type { CollectionRunDto, DeviceEndpointDto, NewDeviceEndpointDto } from './devices.dto';

/**
 * The register of terminals over HTTP: the same EndpointRegistryService and CollectionService as
 * `bioaudit devices`, behind the caller's scope. A firm or endpoint outside the scope is not found (404), never
 * forbidden, and is told apart from a missing one by nothing.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly registry: EndpointRegistryService,
    private readonly collector: CollectionService,
    private readonly endpoints: DeviceEndpointRepository,
    private readonly firms: RegistryQueryRepository,
  ) {}

  async list(scope: Scope, creditCode?: string): Promise<DeviceEndpointDto[]> {
    if (creditCode !== undefined) await this.firmInScope(scope, creditCode);
    return (await this.registry.list(creditCode)).filter((v) => isFirmInScope(scope, v.firm));
  }

  async add(scope: Scope, body: NewDeviceEndpointDto, operator: string): Promise<DeviceEndpointDto> {
    await this.firmInScope(scope, body.firm);
    return this.registry.add({
      creditCode: body.firm,
      deviceCode: body.device,
      vendor: body.vendor,
      url: body.url,
      username: body.username,
      password: new DeviceSecret(body.password),
      siteCode: body.site,
      since: body.since,
      operator,
    });
  }

  async remove(scope: Scope, id: string, operator: string): Promise<DeviceEndpointDto> {
    const ep = await this.endpointInScope(scope, id);
    return this.registry.remove(ep.firmCreditCode, ep.deviceCode, operator);
  }

  async collect(scope: Scope, id: string): Promise<CollectionRunDto> {
    const ep = await this.endpointInScope(scope, id);
    return runOf(await this.collector.collectDevice(ep.id));
  }

  private async firmInScope(scope: Scope, creditCode: string): Promise<void> {
    if (!(await this.firms.firm(scope, creditCode))) {
      throw new CollectionError(COLLECTION_ERRORS.FIRM_NOT_FOUND, `No firm ${creditCode}`, { field: 'firm' });
    }
  }

  private async endpointInScope(scope: Scope, id: string): Promise<EndpointRow> {
    // Ids are bigints: anything else names no endpoint (and never reaches the database as a bad cast).
    const ep = /^\d{1,18}$/.test(id) ? await this.endpoints.find(id) : null;
    if (!ep || !isFirmInScope(scope, ep.firmCreditCode)) {
      throw new CollectionError(COLLECTION_ERRORS.ENDPOINT_NOT_FOUND, `No terminal endpoint ${id}`, { id });
    }
    return ep;
  }
}

/** The collector's summary as the API types it; a field of another type is a bug of this mapping (500). */
function runOf(r: CollectionResult): CollectionRunDto {
  const s = r.summary;
  const num = (k: string): number => {
    if (typeof s[k] !== 'number') throw new Error(`collection summary: ${k} is not a number`);
    return s[k];
  };
  const str = (k: string): string => {
    if (typeof s[k] !== 'string') throw new Error(`collection summary: ${k} is not a string`);
    return s[k];
  };
  const optional = (k: string): string | null => (s[k] === null ? null : str(k));
  return {
    endpoint: str('endpoint'),
    firm: str('firm'),
    device: str('device'),
    windows: num('windows'),
    pages: num('pages'),
    unreadablePages: num('unreadablePages'),
    repeatedPages: num('repeatedPages'),
    passes: num('passes'),
    fetched: num('fetched'),
    stored: num('stored'),
    duplicates: num('duplicates'),
    conflicts: num('conflicts'),
    skipped: num('skipped'),
    rejected: num('rejected'),
    batches: num('batches'),
    firstBatch: optional('firstBatch'),
    lastBatch: optional('lastBatch'),
    cursor: optional('cursor'),
    alerts: r.alerts ?? [],
  };
}
