import type { FindingReason, FirmProfile } from '@app/common';

/** Counts of one input file; they reconcile: read = accepted + duplicates + skipped + rejected. */
export interface FileCounts {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface IngestReport {
  captures: FileCounts;
  consents: FileCounts;
  devices: FileCounts;
  batches: { kind: string; id: string; fileName: string; sha256: string }[];
}

export interface FindingsReport {
  capturesAudited: number;
  capturesWithoutValidConsent: number;
  byReason: Record<FindingReason, number>;
  affectedSubjects: number;
  unidentifiedCaptures: number;
  siteFindings: { siteId: string; rule: string }[];
  /** First and last capture lacking valid consent (ISO 8601), null when there is none. */
  conduct: { from: string | null; to: string | null };
  minorsAffected: boolean;
}

export interface PenaltyReport {
  rulebook: string;
  version: string;
  currency: string;
  amount: string;
  min: string;
  max: string;
  tier: string;
  steps: { id: string; description: string; citation: string; value: string }[];
  assumptions: string[];
}

/** What `bioaudit inspect --json` prints. */
export interface InspectionReport {
  firm: FirmProfile;
  case: { number: string; decisionDate: string };
  ingest: { captures: FileCounts; consents: FileCounts };
  findings: Omit<FindingsReport, 'conduct' | 'minorsAffected'>;
  penalty: PenaltyReport;
  caseFile: { path: string; sha256: string; pages: number };
}
