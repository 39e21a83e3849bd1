export {
  SITE_TYPES,
  CAPTURE_EVENT_TYPES,
  PURPOSES,
  UNSPECIFIED_PURPOSE,
  CONSENT_METHODS,
  FINDING_REASONS,
  SITE_RULES,
  MINOR_AGE_YEARS,
} from './domain';
export type {
  SiteType,
  CaptureEventType,
  Purpose,
  CapturePurpose,
  ConsentMethod,
  FindingReason,
  SiteRule,
  FirmProfile,
  DeviceProfile,
  CaptureEventRecord,
  ConsentRecordInput,
  BilingualText,
} from './domain';
export { DomainError, isDomainError } from './domain-error';
export {
  parseInstant,
  parseIsoDate,
  birthdayInstant,
  formatInstant,
  formatDate,
  isValidTimeZone,
} from './time';
export { isValidCreditCode, creditCodeCheckChar } from './credit-code';
export { MoneyDecimal, formatAmount } from './money';
export type { Money } from './money';
export { Clock, SystemClock, FixedClock } from './clock';
export {
  PERSONAL_IDENTIFIER_PATTERNS,
  mayHoldPersonalIdentifier,
  classifyPersonalIdentifier,
  normaliseSubjectRef,
} from './personal-identifiers';
export type { PersonalIdentifierKind } from './personal-identifiers';
