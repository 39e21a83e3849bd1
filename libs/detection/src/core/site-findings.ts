import type { DeviceProfile, SiteRule } from '@app/common';
import type { CoverageLaw } from './coverage.types';

/** A site-level breach: the rule, the devices that show it and the law period that makes it one. */
export interface SiteFinding {
  siteId: string;
  rule: SiteRule;
  /** The site's devices with at least one capture while the rule was in force, ascending. */
  deviceIds: string[];
  /** The law period of the site's latest capture under the rule. */
  period: string;
}

function periodIndexAt(law: CoverageLaw, t: number): number {
  let p = law.periods.length - 1;
  while (p > 0 && t < law.periods[p].fromMs) p--;
  return p;
}

/**
 * FACE_ONLY_ACCESS: a site offering no other way in than face recognition, shown by at least one capture
 * at the site made while a rule forbidding it was in force (Face Recognition Measures 2025 art. 10; the SPC
 * provisions' art. 10 is civil and is not a basis for a penalty). A site that never captured anyone then is
 * configuration, not processing, and is not a finding. `faceOnlyAccess` is a site attribute repeated on each
 * device row; if the rows disagree, one row saying true is enough, since the firm itself declared it.
 * `capturesByDevice` gives, per device, the instants (epoch ms) of its first and last capture. Sorted by siteId.
 */
export function siteFindings(
  devices: readonly DeviceProfile[],
  capturesByDevice: ReadonlyMap<string, { firstAt: number; lastAt: number }>,
  law: CoverageLaw,
): SiteFinding[] {
  const ruleStart = law.periods.find((p) => p.faceOnlyAccessRule)?.fromMs;
  if (ruleStart === undefined) return [];
  const faceOnly = new Set(devices.filter((d) => d.faceOnlyAccess).map((d) => d.siteId));
  const captured = new Map<string, { ids: Set<string>; lastAt: number }>();
  for (const d of devices) {
    const span = capturesByDevice.get(d.deviceId);
    if (!faceOnly.has(d.siteId) || span === undefined || span.lastAt < ruleStart) continue;
    const site = captured.get(d.siteId) ?? { ids: new Set<string>(), lastAt: span.lastAt };
    site.ids.add(d.deviceId);
    site.lastAt = Math.max(site.lastAt, span.lastAt);
    captured.set(d.siteId, site);
  }
  return [...captured.keys()].sort().map((siteId) => {
    const site = captured.get(siteId)!;
    return {
      siteId,
      rule: 'FACE_ONLY_ACCESS' as const,
      deviceIds: [...site.ids].sort(),
      period: law.periods[periodIndexAt(law, site.lastAt)].id,
    };
  });
}
