import type { CapturePurpose, ConsentMethod, FindingReason, Purpose } from '@app/common';

/** A capture as the coverage rule sees it: its purpose is already resolved (see `resolvePurpose`). */
export interface CoverageCapture {
  id: number;
  deviceId: string;
  /** Null (or empty) when the face was not matched to anyone in the firm's library. */
  subjectRef: string | null;
  /** Epoch milliseconds, UTC. */
  occurredAt: number;
  purpose: CapturePurpose;
}

/** A consent record as the coverage rule sees it. Times are epoch milliseconds, UTC. */
export interface CoverageConsent {
  id: number;
  subjectRef: string;
  givenAt: number;
  purposes: readonly Purpose[];
  method: ConsentMethod;
  separateConsent: boolean;
  guardianConsent: boolean;
  /** YYYY-MM-DD */
  subjectBirthDate: string | null;
  withdrawnAt: number | null;
  expiresAt: number | null;
}

/** The capture is covered by at least one consent record. */
export interface CoveredVerdict {
  readonly covered: true;
}

/** The capture lacks valid consent: the step that eliminated the last candidates, and those candidates. */
export interface FindingVerdict {
  readonly covered: false;
  readonly reason: FindingReason;
  /** Ids of the consent records still standing when `reason`'s step eliminated them, ascending. */
  readonly consentIds: readonly number[];
}

export type Verdict = CoveredVerdict | FindingVerdict;
