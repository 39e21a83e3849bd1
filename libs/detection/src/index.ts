export type {
  CoverageCapture,
  CoverageConsent,
  CoverageLaw,
  CoveredVerdict,
  FindingVerdict,
  Verdict,
} from './core/coverage.types';
/** Indexes a firm's consent records and decides each capture (see docs/detection.md). */
export { ConsentIndex, COVERED, purposeMask } from './core/consent-index';
/** Groups finding verdicts and counts them. */
export { FindingAccumulator } from './core/finding-accumulator';
export type { CaptureFinding, CoverageSummary, PeriodSummary } from './core/finding-accumulator';
/** FACE_ONLY_ACCESS site findings. */
export { siteFindings } from './core/site-findings';
export type { SiteFinding } from './core/site-findings';
/** The purpose a capture is judged against. */
export { resolvePurpose } from './core/resolve-purpose';
/** Stable error codes of detection. */
export { DETECTION_ERRORS } from './detection.errors';
export type { DetectionErrorCode } from './detection.errors';
