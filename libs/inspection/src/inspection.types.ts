import type { FindingReason, FirmProfile } from '@app/common';

/**
 * The dates of a case, facts stated by the officer (YYYY-MM-DD): the clue/discovery date (limitation
 * period), the filing date (立案) and the decision date (law in force, rulebook version). A date never
 * stated is null, except the decision date, which is then the machine's date with
 * `decisionDateFromClock: true` (a visible warning, and the case file is a draft).
 */
export interface CaseDates {
  discoveryDate: string | null;
  filingDate: string | null;
  decisionDate: string;
  decisionDateFromClock: boolean;
}

/** Counts of one input file; they reconcile: read = accepted + duplicates + conflicts + skipped + rejected. */
export interface FileCounts {
  read: number;
  accepted: number;
  /** Identical repeats of a record already stored. */
  duplicates: number;
  /** Different records under an identity already stored (a device's event id, a consent id): quarantined. */
  conflicts: number;
  /** Records that are not biometric captures (card swipes, door states), counted and not stored. */
  skipped: number;
  rejected: number;
}

/** One capture file (or archive entry) of a folder, with its own reconciled counts. */
export interface CaptureFileReport extends FileCounts {
  fileName: string;
  batch: string;
  format: string;
  encoding: string;
  sha256: string;
}

export interface IngestReport {
  /** All capture files together. */
  captures: FileCounts;
  consents: FileCounts;
  devices: FileCounts;
  captureFiles: CaptureFileReport[];
  /** Files of a captures/ folder refused whole (unknown format, no device attribution, unsafe archive). */
  refusedFiles: { fileName: string; code: string; message: string }[];
  /** Every batch of the folder; `status`: completed, or failed (listed with its reason in the ingest's failedBatches). */
  batches: { kind: string; id: string; fileName: string; sha256: string; status: string }[];
}

export interface FindingsReport {
  capturesAudited: number;
  capturesWithoutValidConsent: number;
  byReason: Record<FindingReason, number>;
  affectedSubjects: number;
  unidentifiedCaptures: number;
  /** `period`: the law period (see @app/law) whose rule made the site a finding. */
  siteFindings: { siteId: string; rule: string; period: string }[];
  /**
   * The findings split by the law period in force when each capture was made (APL 2021 art. 37): a
   * continuing act across a change of law shows which rules judged which captures. Time order.
   */
  byPeriod: {
    period: string;
    /** First and last capture lacking valid consent in the period (ISO 8601). */
    from: string;
    to: string;
    capturesWithoutValidConsent: number;
    affectedSubjects: number;
    byReason: Partial<Record<FindingReason, number>>;
  }[];
  /** First and last capture lacking valid consent (ISO 8601), null when there is none. */
  conduct: { from: string | null; to: string | null };
  minorsAffected: boolean;
}

export interface PenaltyReport {
  /** The assessment version of the case (1, 2, …): a new set of dates makes a new version. */
  assessmentVersion: number;
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
  case: {
    number: string;
    decisionDate: string;
    discoveryDate: string | null;
    filingDate: string | null;
    decisionDateFromClock: boolean;
    /** The assessment version this report shows (the case's latest); null when the audit found nothing. */
    assessmentVersion: number | null;
  };
  ingest: {
    captures: FileCounts;
    consents: FileCounts;
    captureFiles: CaptureFileReport[];
    refusedFiles: IngestReport['refusedFiles'];
  };
  findings: Omit<FindingsReport, 'conduct' | 'minorsAffected'>;
  /** Null when the audit has no findings: nothing to assess, no penalty document. */
  penalty: PenaltyReport | null;
  caseFile: { path: string; sha256: string; pages: number } | null;
}
