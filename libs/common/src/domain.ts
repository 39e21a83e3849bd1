/**
 * The canonical vocabulary shared by every lib: what a firm, a device, a capture event and a consent
 * record are once any vendor's export has been read. Pure types and constant lists only.
 */

export const SITE_TYPES = ['sales_office', 'residential_entrance', 'other'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const CAPTURE_EVENT_TYPES = [
  'face_capture',
  'face_match',
  'face_match_failed',
  'stranger',
  'enrollment',
] as const;
export type CaptureEventType = (typeof CAPTURE_EVENT_TYPES)[number];

export const PURPOSES = [
  'access_control',
  'visitor_identification',
  'marketing',
  'security',
  'attendance',
  'payment',
] as const;
export type Purpose = (typeof PURPOSES)[number];
/** A capture with no purpose of its own and none declared for its device; no consent covers it. */
export const UNSPECIFIED_PURPOSE = 'unspecified';
export type CapturePurpose = Purpose | typeof UNSPECIFIED_PURPOSE;

export const CONSENT_METHODS = ['written', 'electronic', 'verbal', 'notice_only'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * Why a capture lacks valid consent, in the order the coverage steps eliminate candidates.
 * `NO_EXPRESS_CONSENT`: the record is a notice only (or otherwise no expressed consent), which is no consent
 * under any law in force; `NOT_SEPARATE_CONSENT` and `MINOR_WITHOUT_GUARDIAN_CONSENT` are requirements of the
 * PIPL and apply only to captures made while it is in force (see @app/law).
 */
export const FINDING_REASONS = [
  'NO_CONSENT',
  'CONSENT_AFTER_CAPTURE',
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
  'PURPOSE_NOT_COVERED',
  'NO_EXPRESS_CONSENT',
  'NOT_SEPARATE_CONSENT',
  'MINOR_WITHOUT_GUARDIAN_CONSENT',
] as const;
export type FindingReason = (typeof FINDING_REASONS)[number];

export const SITE_RULES = ['FACE_ONLY_ACCESS'] as const;
export type SiteRule = (typeof SITE_RULES)[number];

/**
 * Age below which a guardian's consent is required (PIPL art. 31; face-recognition measures art. 7). Whether
 * the requirement applies to a capture is dated: see `consentLawSchedule` in @app/law.
 */
export const MINOR_AGE_YEARS = 14;

/** A text in both languages bioaudit prints: Chinese is authoritative, English a courtesy translation. */
export interface BilingualText {
  zh: string;
  en: string;
}

export interface FirmProfile {
  name: string;
  /** 18-character unified social credit code (GB 32100-2015), checksum-valid. */
  creditCode: string;
  region: string;
  /** IANA zone; consent and capture times without an offset are read in it unless the device has its own. */
  timezone: string;
}

export interface DeviceProfile {
  deviceId: string;
  siteId: string;
  siteName: string;
  siteType: SiteType;
  /** True when the site offers no other way in than the face terminal. */
  faceOnlyAccess: boolean;
  vendor: string;
  model: string;
  declaredPurpose: Purpose | null;
  timezone: string;
}

/** A capture event as read from any vendor's export, before it is stored. */
export interface CaptureEventRecord {
  /** Unique per device when present; otherwise identity is the hash of the canonical form. */
  eventId: string | null;
  deviceId: string;
  /** Epoch milliseconds, UTC. */
  occurredAt: number;
  eventType: CaptureEventType;
  /** The firm's person / face-library id; null when unidentified. */
  subjectRef: string | null;
  matchScore: number | null;
  masked: boolean | null;
  purpose: Purpose | null;
  snapshotSha256: string | null;
}

/** A consent record as read from the firm's export, before it is stored. */
export interface ConsentRecordInput {
  consentId: string;
  subjectRef: string;
  givenAt: number;
  purposes: Purpose[];
  method: ConsentMethod;
  separateConsent: boolean;
  guardianConsent: boolean;
  /** YYYY-MM-DD */
  subjectBirthDate: string | null;
  withdrawnAt: number | null;
  expiresAt: number | null;
  noticeVersion: string | null;
}
