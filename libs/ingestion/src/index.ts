export {
  CONFLICT_REASONS,
  QUARANTINE_REASONS,
  QUARANTINE_REASON_DESCRIPTIONS,
} from './core/quarantine-reasons';
export type { QuarantineReason, Rejection } from './core/quarantine-reasons';
export type { RawFieldMap, Validation } from './core/field-reader';
export { DEFAULT_FIRM_TIMEZONE, validateFirmProfile } from './core/firm-profile';
export { DEVICE_REQUIRED_FIELDS, validateDeviceProfile } from './core/device-profile';
export { CAPTURE_REQUIRED_FIELDS, validateCaptureEvent } from './core/capture-event';
export type { CaptureContext } from './core/capture-event';
export { CONSENT_REQUIRED_FIELDS, validateConsentRecord } from './core/consent-record';
export type { ConsentContext } from './core/consent-record';
export { canonicalCaptureForm, captureIdentityKey, consentIdentityKey } from './core/identity-key';
export { parseJsonLine, tokenizeCsvRecord } from './core/line-parsers';
export { redactQuarantinedLine } from './core/redact-line';
export {
  checkEvidenceTime,
  DEFAULT_FUTURE_TOLERANCE_MS,
  EARLIEST_PLAUSIBLE_TIME,
  plausibleWindow,
} from './core/time-sanity';
export type { TimeProblem, TimeWindow } from './core/time-sanity';
export type { CsvTokens } from './core/line-parsers';
export { INGEST_ERROR_CODES, IngestionError } from './ingestion.errors';
export type { IngestErrorCode } from './ingestion.errors';
export {
  detectSourceEncoding,
  ENCODING_SAMPLE_BYTES,
  MAX_LINE_CHARS,
  readTextChunks,
  sourceFileOf,
} from './source-file';
export type { SourceFile } from './source-file';
export {
  captureFormatOf,
  countRecords,
  DEFAULT_BATCH_SIZE,
  readCaptures,
  readConsents,
  readRecords,
} from './record-reader';
export type { ParsedRow, RecordKind } from './record-reader';
export { hashFile } from './hash-file';
export { loadDevices, loadFirm, locateInspectionFiles, openInspectionFolder } from './inspection-folder';
export type { InspectionFiles } from './inspection-folder';
export { SKIP_REASONS, SKIP_REASON_DESCRIPTIONS } from './core/skip-reasons';
export type { SkipReason } from './core/skip-reasons';
export { CAPTURE_FORMATS, FORMATS_WITHOUT_DEVICE } from './core/adapters/capture-adapter';
export type { Adapted, AdapterContext, CaptureAdapter, CaptureFormat } from './core/adapters/capture-adapter';
export { CAPTURE_ADAPTERS } from './core/adapters/capture-adapters';
export { detectCaptureFormat } from './core/format-detection';
export { chooseEncoding, normaliseEncoding } from './core/encoding';
export { CAPTURES_MANIFEST, captureSourceOf, captureSourcesOf, readCaptureFolder } from './capture-sources';
export type { CaptureSourceOptions, CaptureSources, RejectedFile } from './capture-sources';
export { DEFAULT_ARCHIVE_LIMITS, listZipEntries } from './zip-archive';
export type { ArchiveLimits, ZipEntryInfo } from './zip-archive';
