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
  /** The law period (see `CoverageLaw`) whose rules judged the capture: the one in force when it was made. */
  readonly period: string;
  /** Ids of the consent records still standing when `reason`'s step eliminated them, ascending. */
  readonly consentIds: readonly number[];
}

export type Verdict = CoveredVerdict | FindingVerdict;

/**
 * The consent rules in force over time, as data (the table lives in @app/law; the core only reads it). Each
 * period applies from `fromMs` until the next one starts; a capture is judged by the period it was made in
 * (APL 2021 art. 37: the law in force when the act was committed).
 */
export interface CoverageLaw {
  /** Age below which a guardian must consent, where a period requires it. */
  readonly guardianConsentAge: number;
  readonly periods: readonly {
    readonly id: string;
    /** First instant of the period, epoch ms. Periods are in increasing order. */
    readonly fromMs: number;
    /** False where no consent rule was in force at all: nothing is a finding then. */
    readonly consentRequired: boolean;
    /** Biometric processing needs separate (written or electronic) consent (PIPL art. 29). */
    readonly separateConsent: boolean;
    /** A child under `guardianConsentAge` needs a guardian's consent (PIPL art. 31). */
    readonly guardianConsent: boolean;
    /** Face recognition may not be the only way in (Face Recognition Measures art. 10). */
    readonly faceOnlyAccessRule: boolean;
  }[];
}
