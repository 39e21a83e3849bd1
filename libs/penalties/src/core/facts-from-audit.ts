import type { FindingReason, SiteRule } from '@app/common';
import { parsePenaltyFacts, type Jurisdiction, type PenaltyFacts } from './facts';

/** What an audit knows that a fine depends on; everything else stays unknown (`null`) for the officer. */
export interface AuditPenaltyInput {
  jurisdiction: Jurisdiction;
  decisionDate: string;
  /** Discovery (clue) and filing dates of the case, YYYY-MM-DD; `null` or absent = unknown. */
  discoveryDate?: string | null;
  filingDate?: string | null;
  firmName: string;
  /** Dates (YYYY-MM-DD) of the first and last capture without valid consent. */
  conductFrom: string;
  conductTo: string;
  affectedSubjects: number;
  capturesWithoutValidConsent: number;
  byReason: Partial<Record<FindingReason, number>>;
  siteRules: readonly SiteRule[];
  /**
   * Whether minors were affected, when the caller knows it beyond the findings (e.g. the officer established
   * it). Absent or `null`: known `true` only when a finding says so, otherwise unknown (`null`), never `false`.
   */
  minorsAffected?: boolean | null;
  /** Whether the conduct was still going on at the decision date; absent = unknown. */
  continuing?: boolean | null;
}

/**
 * Builds the facts document from an audit's findings. Minors are known to be affected only when a finding
 * says so; absent that finding the audit cannot tell (birth dates are optional), so the field stays unknown.
 */
export function factsFromAudit(input: AuditPenaltyInput): PenaltyFacts {
  const reasons = (Object.entries(input.byReason) as [FindingReason, number][])
    .filter(([, n]) => n > 0)
    .map(([r]) => r);
  return parsePenaltyFacts({
    jurisdiction: input.jurisdiction,
    decisionDate: input.decisionDate,
    discoveryDate: input.discoveryDate ?? null,
    filingDate: input.filingDate ?? null,
    conduct: { from: input.conductFrom, to: input.conductTo, continuing: input.continuing ?? null },
    firm: { name: input.firmName, annualTurnover: null, turnoverWithheld: null },
    affectedPersons: input.affectedSubjects,
    captureEvents: input.capturesWithoutValidConsent,
    minorsAffected:
      (input.byReason.MINOR_WITHOUT_GUARDIAN_CONSENT ?? 0) > 0 ? true : (input.minorsAffected ?? null),
    illegalGains: null,
    infringements: [...reasons, ...input.siteRules],
    circumstances: {},
    seriousness: null,
  });
}
