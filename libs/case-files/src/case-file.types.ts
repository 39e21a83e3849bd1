import type { CapturePurpose, FindingReason, SiteRule } from '@app/common';

/** A text in both languages of the case file; Chinese is authoritative, English is a courtesy translation. */
export interface BilingualText {
  zh: string;
  en: string;
}

export interface CaseFileAuthority {
  name: string;
  nameZh?: string;
  address?: string;
}

export interface CaseFileFirm {
  name: string;
  /** 18-character unified social credit code. */
  creditCode: string;
  region: string;
  /** IANA zone; every instant in the case file is printed in it, with its offset. */
  timezone: string;
}

export interface CaseFileFacts {
  /** English summary of the facts found. */
  summary: string;
  summaryZh?: string;
  capturesAudited: number;
  capturesWithoutValidConsent: number;
  affectedSubjects: number;
  unidentifiedCaptures: number;
}

export interface CaseFileLegalBasis {
  citation: string;
  text: string;
  textZh?: string;
}

/** One ingested evidence file as recorded in the custody log. */
export interface CaseFileEvidence {
  fileName: string;
  kind: string;
  format: string;
  /** Bytes. */
  size: number;
  /** Lower-case hex SHA-256 of the raw file as received. */
  sha256: string;
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** ISO 8601 instant. */
  receivedAt: string;
  submittedBy: string;
}

export interface CaseFileReasonSummary {
  reason: FindingReason;
  captures: number;
  subjects: number;
}

export interface CaseFileSiteSummary {
  siteId: string;
  siteName: string;
  byReason: Partial<Record<FindingReason, number>>;
}

/** A finding about a site as a whole (e.g. face recognition as the only way in). */
export interface CaseFileSiteFinding {
  siteId: string;
  siteName: string;
  rule: SiteRule;
  detail?: string;
}

export interface CaseFilePenaltyStep {
  id: string;
  description: string;
  citation: string;
  /** A decimal string or a short value such as `50%`. */
  value: string;
}

/** The calculated fine with the trace that produced it (from the penalties lib). */
export interface CaseFilePenalty {
  rulebook: string;
  version: string;
  currency: string;
  /** Exact decimal strings, never floats. */
  amount: string;
  min: string;
  max: string;
  tier: string;
  steps: CaseFilePenaltyStep[];
  assumptions: string[];
  /** The closest public decisions and where the proposal sits among them (equal treatment). */
  precedents?: {
    authority: string;
    decisionDate: string;
    defendant: string;
    amount: string;
    currency: string;
    versus: string;
  }[];
  precedentPosition?: string;
}

/** One row of the findings annex: captures of one subject on one device for one reason. */
export interface CaseFileFindingRow {
  reason: FindingReason;
  subjectRef: string | null;
  deviceId: string;
  siteId: string;
  purpose: CapturePurpose;
  captureCount: number;
  /** ISO 8601 instants. */
  firstAt: string;
  lastAt: string;
  consentIds: string[];
}

export interface CaseFileAffectedPersonRow {
  subjectRef: string;
  captures: number;
  firstAt: string;
  lastAt: string;
  reasons: FindingReason[];
}

/**
 * Everything a case file shows. Built by the caller from stored records; nothing here is read from the
 * clock, so the same input renders the same bytes. The two long lists are streamed: each call must return
 * a fresh iterable in a stable order.
 */
export interface CaseFileInput {
  caseNumber: string;
  authority: CaseFileAuthority;
  firm: CaseFileFirm;
  /** ISO 8601 instant the case was opened. */
  openedAt: string;
  /** ISO 8601 instant the case file is issued; also the PDF's creation date. */
  issuedAt: string;
  /** ISO 8601 dates or instants. */
  inspectionPeriod: { from: string; to: string };
  facts: CaseFileFacts;
  legalBasis: CaseFileLegalBasis[];
  evidence: CaseFileEvidence[];
  findingsByReason: CaseFileReasonSummary[];
  findingsBySite: CaseFileSiteSummary[];
  siteFindings: CaseFileSiteFinding[];
  penalty: CaseFilePenalty;
  findings: () => AsyncIterable<CaseFileFindingRow>;
  affectedPersons: () => AsyncIterable<CaseFileAffectedPersonRow>;
  /** Paragraphs on the rights of appeal; defaults to `defaultAppealRights(authority)`. */
  appealRights?: BilingualText[];
}

/** What a render produced; the caller records `sha256` in the case register. */
export interface CaseFileRenderResult {
  path: string;
  sha256: string;
  pages: number;
  bytes: number;
  findingRows: number;
  affectedPersonRows: number;
}
