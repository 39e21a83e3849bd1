import type { BilingualText, CapturePurpose, FindingReason, SiteRule } from '@app/common';

/** A text in both languages of the case file (from @app/common); Chinese is authoritative. */
export type { BilingualText };

/** `['zh']` (Chinese only) or `['zh', 'en']` (English alongside); Chinese is always first. */
export type CaseFileLanguage = 'zh' | 'en';

/** A handling officer and the number of the enforcement certificate they show (APL art. 42, 55). */
export interface CaseFileOfficer {
  name: string;
  certificate: string;
}

export interface CaseFileAuthority {
  name: BilingualText;
  /** Administrative division code (GB/T 2260, six digits) and the region's name. */
  region: { code: string; name: BilingualText };
  address?: string;
  officers: {
    /** At least two handling officers (承办人). */
    handling: CaseFileOfficer[];
    /** The legal reviewer (法制审核, APL art. 58). */
    legalReviewer: string;
    /** The head who approves the decision (负责人). */
    head: string;
  };
}

export interface CaseFileFirm {
  name: string;
  /** 18-character unified social credit code. */
  creditCode: string;
  region: string;
  /** IANA zone; every instant in the case file is printed in it, with its offset. */
  timezone: string;
}

/** The dates of the case, facts recorded by the officers (YYYY-MM-DD, local dates); never the machine's clock. */
export interface CaseFileDates {
  /** When the clue was discovered (发现时间); `null` when not recorded. */
  discoveryDate: string | null;
  /** When the case was filed (立案日期); `null` when not recorded. */
  filingDate: string | null;
  /** The decision date (决定日期); also the issue date and the PDF's creation date. */
  decisionDate: string;
}

/** The captures of one law period: which law judged them, how many, whom. */
export interface CaseFilePeriodFacts {
  /** The period in words, e.g. 2021年11月1日起（《个人信息保护法》施行后）. */
  label: BilingualText;
  /** ISO 8601 instants of the first and last finding in the period. */
  from: string;
  to: string;
  capturesWithoutValidConsent: number;
  affectedSubjects: number;
  byReason: Partial<Record<FindingReason, number>>;
  /** The rule that judged these captures, in words (requirement and article). */
  rule: BilingualText;
  /** What was found in this period, worded for the law of the period. */
  summary: BilingualText;
}

export interface CaseFileFacts {
  summary: BilingualText;
  capturesAudited: number;
  capturesWithoutValidConsent: number;
  affectedSubjects: number;
  unidentifiedCaptures: number;
  /** One entry per law period that has findings, oldest first. */
  periods: CaseFilePeriodFacts[];
}

export interface CaseFileArticle {
  /** 《消费者权益保护法》第二十九条第一款 / CRPL art. 29(1). */
  label: BilingualText;
  text: BilingualText;
}

/** The articles in force for the conduct of one law period. */
export interface CaseFileLegalBasis {
  period: BilingualText;
  articles: CaseFileArticle[];
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
  /** Records kept but flagged: two different records under one event id from one device. */
  conflicts?: number;
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
  detail?: BilingualText;
}

export interface CaseFilePenaltyStep {
  /** The rulebook's step id: in the machine-readable attachment only. */
  id: string;
  description: BilingualText;
  citation: BilingualText;
  /** A decimal string or a short value such as `50%`. */
  value: string;
}

/** A public decision compared with the proposal (equal treatment). */
export interface CaseFilePrecedent {
  id: string;
  authority: BilingualText;
  decisionDate: string;
  defendant: BilingualText;
  amount: string;
  currency: string;
  /** Proposal relative to this decision, e.g. `+4.8%`. */
  versus: string;
  /** The original publication and date, e.g. `中国消费者报, 2021-04-22` — never a mirror's address. */
  publication: string;
  /** Same legal basis, conduct type and a similar scale; outliers are shown apart, not counted. */
  comparable: boolean;
  apartReason: BilingualText | null;
}

/** The calculated fine with the trace that produced it (from the penalties lib). */
export interface CaseFilePenalty {
  rulebook: { id: string; version: string; title: BilingualText };
  currency: string;
  /** Exact decimal strings, never floats. */
  amount: string;
  min: string;
  max: string;
  tier: { id: string; label: BilingualText };
  steps: CaseFilePenaltyStep[];
  assumptions: BilingualText[];
  precedents: CaseFilePrecedent[];
  precedentPosition: BilingualText | null;
}

/** The limitation period computed for the case (APL art. 36). */
export interface CaseFileLimitation {
  /** YYYY-MM-DD. */
  conductEnded: string;
  discoveryDate: string;
  /** True when no discovery date was recorded and the calculator assumed one. */
  discoveryAssumed: boolean;
  deadline: string;
  barred: boolean;
  citation: BilingualText;
}

/**
 * What the case file decides: a fine (行政处罚决定), or no penalty with its reason (不予行政处罚决定) — for a
 * time-barred case (APL art. 36) or a first, slight, corrected violation (APL art. 33).
 */
export interface CaseFileDecision {
  outcome: 'fine' | 'no-penalty' | 'time-barred';
  /** Why no penalty is imposed; `null` for a fine. */
  reason: BilingualText | null;
  limitation: CaseFileLimitation | null;
  /** Which law was applied and why (APL art. 37), in words. */
  lawApplied: BilingualText | null;
  /** Non-monetary measures (order to correct, warning...). */
  measures: BilingualText[];
  /** Required when `outcome` is `fine`, ignored otherwise. */
  penalty: CaseFilePenalty | null;
}

/** The firm's own name for one capture: its event id, the file and line it came from, the file's hash. */
export interface CaseFileCaptureRef {
  eventKey: string;
  fileName: string;
  lineNo: number;
  batchSha256: string;
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
  /** The firm's own consent ids checked for this finding. */
  consentRefs: string[];
  firstCapture: CaseFileCaptureRef | null;
  lastCapture: CaseFileCaptureRef | null;
}

export interface CaseFileAffectedPersonRow {
  subjectRef: string;
  captures: number;
  firstAt: string;
  lastAt: string;
  reasons: FindingReason[];
}

/** A record the ingestion refused (rejected) or kept but flagged (conflict). */
export interface CaseFileQuarantineRow {
  kind: 'rejected' | 'conflict';
  fileName: string;
  batchSha256: string;
  lineNo: number;
  field: string | null;
  /** Stable code, e.g. `INGEST.BAD_TIME`: printed in words, kept as a code in the attachment. */
  reasonCode: string;
  message: string;
}

/**
 * Everything a case file shows. Built by the caller from stored records; nothing here is read from the
 * clock, so the same input renders the same bytes. The three long lists are streamed: each call must
 * return a fresh iterable in a stable order.
 */
export interface CaseFileInput {
  caseNumber: string;
  /** `['zh']` or `['zh', 'en']`. */
  languages: readonly CaseFileLanguage[];
  /**
   * Why this file is not yet signable (placeholder authority or officers, a missing date); non-empty puts
   * a "草稿 DRAFT" watermark on every page and lists the reasons on the cover.
   */
  draftReasons: BilingualText[];
  authority: CaseFileAuthority;
  firm: CaseFileFirm;
  dates: CaseFileDates;
  /** The conduct found: ISO 8601 dates or instants of the first and last finding. */
  inspectionPeriod: { from: string; to: string };
  facts: CaseFileFacts;
  /** Per law period with findings, the articles in force for that conduct. */
  legalBasis: CaseFileLegalBasis[];
  evidence: CaseFileEvidence[];
  findingsByReason: CaseFileReasonSummary[];
  findingsBySite: CaseFileSiteSummary[];
  siteFindings: CaseFileSiteFinding[];
  decision: CaseFileDecision;
  findings: () => AsyncIterable<CaseFileFindingRow>;
  affectedPersons: () => AsyncIterable<CaseFileAffectedPersonRow>;
  /** Rejected and conflicting records of the case's batches, ordered by file and line. */
  quarantined: () => AsyncIterable<CaseFileQuarantineRow>;
  /** Paragraphs on the rights of appeal; defaults to `defaultAppealRights(authority, outcome)`. */
  appealRights?: BilingualText[];
  /**
   * The custody-chain anchor of the records this file was made from (the entry of the assessment it states),
   * signed: `bioaudit-custody-v2:<seq>:<hash>:<key>:<signature>` (or an unsigned `bioaudit-custody-v1:<seq>:<hash>`);
   * printed in the integrity section, checked by `bioaudit verify --against`.
   */
  chainAnchor?: string;
  /** The fingerprint (SHA-256 of the DER, hex) of the public key that checks a signed `chainAnchor`. */
  chainAnchorKey?: string;
  /**
   * Extra machine-readable data for the JSON attachment (e.g. the stored assessment with every id);
   * must serialise deterministically.
   */
  machineReadable?: Record<string, unknown>;
}

/** What a render produced; the caller records `sha256` in the case register. */
export interface CaseFileRenderResult {
  path: string;
  sha256: string;
  pages: number;
  bytes: number;
  findingRows: number;
  affectedPersonRows: number;
  quarantinedRows: number;
}
