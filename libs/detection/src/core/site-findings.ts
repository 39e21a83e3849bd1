import type { DeviceProfile, SiteRule } from '@app/common';

/** A site-level breach: the rule and the devices that show it. */
export interface SiteFinding {
  siteId: string;
  rule: SiteRule;
  /** The site's devices with at least one capture, ascending. */
  deviceIds: string[];
}

/**
 * FACE_ONLY_ACCESS: a site offering no other way in than face recognition (SPC face-recognition provisions
 * art. 10; face-recognition measures 2025 art. 10), shown by at least one capture at the site. A site
 * that never captured anyone is configuration, not processing, and is not a finding. `faceOnlyAccess` is a
 * site attribute repeated on each device row; if the rows disagree, one row saying true is enough, since
 * the firm itself declared it. Sorted by siteId.
 */
export function siteFindings(
  devices: readonly DeviceProfile[],
  devicesWithCaptures: ReadonlySet<string>,
): SiteFinding[] {
  const faceOnly = new Set(devices.filter((d) => d.faceOnlyAccess).map((d) => d.siteId));
  const captured = new Map<string, Set<string>>();
  for (const d of devices) {
    if (!faceOnly.has(d.siteId) || !devicesWithCaptures.has(d.deviceId)) continue;
    const ids = captured.get(d.siteId) ?? new Set<string>();
    ids.add(d.deviceId);
    captured.set(d.siteId, ids);
  }
  return [...captured.keys()].sort().map((siteId) => ({
    siteId,
    rule: 'FACE_ONLY_ACCESS',
    deviceIds: [...(captured.get(siteId) ?? [])].sort(),
  }));
}
