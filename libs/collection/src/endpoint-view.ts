import type { EndpointRow } from '@app/persistence';

/** A registered terminal as shown and returned: everything but the credential. */
export interface EndpointView {
  id: string;
  firm: string;
  device: string;
  protocol: string;
  url: string;
  username: string;
  since: string | null;
  cursor: string | null;
  enabled: boolean;
  registeredBy: string;
  registeredAt: string;
  lastCollectedAt: string | null;
  lastError: string | null;
}

function iso(v: Date | string | null): string | null {
  return v === null ? null : new Date(v).toISOString();
}

/** The view of a row; the sealed password and its key id are left out on purpose. */
export function endpointView(r: EndpointRow): EndpointView {
  return {
    id: r.id,
    firm: r.firmCreditCode,
    device: r.deviceCode,
    protocol: r.protocol,
    url: r.baseUrl,
    username: r.username,
    since: iso(r.sinceAt),
    cursor: iso(r.cursorAt),
    enabled: r.enabled,
    registeredBy: r.registeredBy,
    registeredAt: iso(r.registeredAt)!,
    lastCollectedAt: iso(r.lastCollectedAt),
    lastError: r.lastError,
  };
}
