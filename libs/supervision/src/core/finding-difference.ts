/** The counts an audit reports that the difference reads (FindingsReport's byReason and site findings). */
export interface FindingCounts {
  byReason: Readonly<Record<string, number>>;
  siteFindings: readonly { rule: string }[];
}

/** What grew since the previous audit: `{ reason: increase }` (site findings as `site:<rule>`) and the total. */
export interface FindingDifference {
  byReason: Record<string, number>;
  total: number;
}

function countsOf(c: FindingCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [reason, n] of Object.entries(c.byReason)) out.set(reason, n);
  for (const s of c.siteFindings) out.set(`site:${s.rule}`, (out.get(`site:${s.rule}`) ?? 0) + 1);
  return out;
}

/**
 * New findings by reason: each count's increase over the previous audit (none before a first audit, so all is
 * new). A count that fell is not "new" and does not offset another reason's growth: an audit that trades one
 * kind of violation for another still shows the new one.
 */
export function findingDifference(previous: FindingCounts | null, current: FindingCounts): FindingDifference {
  const before = previous ? countsOf(previous) : new Map<string, number>();
  const byReason: Record<string, number> = {};
  let total = 0;
  for (const [reason, n] of [...countsOf(current)].sort(([a], [b]) => a.localeCompare(b))) {
    const grew = n - (before.get(reason) ?? 0);
    if (grew > 0) {
      byReason[reason] = grew;
      total += grew;
    }
  }
  return { byReason, total };
}
