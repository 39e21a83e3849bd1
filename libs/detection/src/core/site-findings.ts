import type { DeviceProfile, SiteRule } from '@app/common';

/** A site-level breach: the rule and the devices that show it. */
export interface SiteFinding {
  siteId: string;
  rule: SiteRule;
  /** Ascending. */
  deviceIds: string[];
}

/**
 * FACE_ONLY_ACCESS: a site whose face terminal is the only way in (SPC face-recognition provisions art. 10;
 * face-recognition measures 2025 art. 10), shown by at least one capture on such a terminal. A site whose
 * face-only terminal never captured anyone is configuration, not processing, and is not a finding.
 * Sorted by siteId.
 */
export function siteFindings(
  devices: readonly DeviceProfile[],
  devicesWithCaptures: ReadonlySet<string>,
): SiteFinding[] {
  const bySite = new Map<string, Set<string>>();
  for (const d of devices) {
    if (!d.faceOnlyAccess || !devicesWithCaptures.has(d.deviceId)) continue;
    const ids = bySite.get(d.siteId) ?? new Set<string>();
    ids.add(d.deviceId);
    bySite.set(d.siteId, ids);
  }
  return [...bySite.keys()].sort().map((siteId) => ({
    siteId,
    rule: 'FACE_ONLY_ACCESS',
    deviceIds: [...(bySite.get(siteId) ?? [])].sort(),
  }));
}
