import type { FindingReason, SiteRule } from '@app/common';

/** Line counts of one ingested file: `read = accepted + duplicates + rejected`. */
export interface ExpectedFileCounts {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** What auditing the generated folder must report, in the shape `bioaudit inspect --json` prints. */
export interface ExpectedInspection {
  ingest: { captures: ExpectedFileCounts; consents: ExpectedFileCounts };
  findings: {
    capturesAudited: number;
    capturesWithoutValidConsent: number;
    byReason: Record<FindingReason, number>;
    affectedSubjects: number;
    unidentifiedCaptures: number;
    siteFindings: { siteId: string; rule: SiteRule }[];
  };
}
