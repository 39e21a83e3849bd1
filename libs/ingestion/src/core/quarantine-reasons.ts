/**
 * Why a record (one data line of an input file) was quarantined instead of accepted. The codes are stable:
 * they end up in quarantine tables, reports and case files, so a code is never renamed or reused.
 */
export const QUARANTINE_REASONS = [
  'INGEST.MALFORMED_LINE',
  'INGEST.MISSING_FIELD',
  'INGEST.BAD_VALUE',
  'INGEST.BAD_TIME',
  'INGEST.BAD_ENUM',
  'INGEST.OUT_OF_RANGE',
  'INGEST.UNKNOWN_DEVICE',
  'INGEST.DUPLICATE_DEVICE',
  'INGEST.TIME_ORDER',
  'INGEST.CONFLICTING_EVENT',
  'INGEST.CONFLICTING_CONSENT',
  'INGEST.UNDECODABLE_LINE',
  'INGEST.TRUNCATED_YEAR',
  'INGEST.PLACEHOLDER_TIME',
  'INGEST.NONEXISTENT_LOCAL_TIME',
  'INGEST.IMPLAUSIBLE_TIME',
] as const;

export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/** One sentence per reason, for reports and the quarantine view. */
export const QUARANTINE_REASON_DESCRIPTIONS: Readonly<Record<QuarantineReason, string>> = {
  'INGEST.MALFORMED_LINE':
    'The line is not a record: invalid JSON, not a JSON object, broken CSV quoting, a wrong number of CSV columns or a line longer than the limit.',
  'INGEST.MISSING_FIELD': 'A required field is absent or empty.',
  'INGEST.BAD_VALUE':
    'A field has the wrong type or form (not text, not a number, not true/false, an unknown time zone).',
  'INGEST.BAD_TIME': 'A date or time is not a valid ISO 8601 value.',
  'INGEST.BAD_ENUM': 'A field is not one of its accepted values.',
  'INGEST.OUT_OF_RANGE':
    'A value is outside its range (matchScore outside 0-1, snapshotSha256 not 64 hexadecimal characters).',
  'INGEST.UNKNOWN_DEVICE': 'The capture names a device that is not an accepted row of devices.csv.',
  'INGEST.DUPLICATE_DEVICE':
    'devices.csv already has an accepted row with this deviceId; the first row wins.',
  'INGEST.TIME_ORDER': 'Times contradict each other (a consent withdrawn or expiring before it was given).',
  'INGEST.CONFLICTING_EVENT':
    'The device already has a different record under this event id: both are kept, this one in quarantine, and flagged.',
  'INGEST.CONFLICTING_CONSENT':
    'The firm already has a different consent record under this consent id: both are kept, this one in quarantine, and flagged.',
  'INGEST.UNDECODABLE_LINE':
    "The line has bytes that are not valid in the file's encoding (decided once for the whole file, or declared); only this line is quarantined.",
  'INGEST.TRUNCATED_YEAR':
    'A time has a year 0000-0099 (usually a two-digit year padded with zeros), which would otherwise be read as 1900-1999.',
  'INGEST.PLACEHOLDER_TIME':
    'A capture, consent or withdrawal time has the year 9999: a placeholder for "never" or "unknown", not a time.',
  'INGEST.NONEXISTENT_LOCAL_TIME':
    'A local time (no offset) that the time zone skips when the clocks go forward: it never happened there.',
  'INGEST.IMPLAUSIBLE_TIME':
    'A capture, consent or withdrawal time before 2000-01-01 or after the time of ingest plus the tolerance (BIOAUDIT_INGEST_FUTURE_TOLERANCE_HOURS, default 24).',
};

/**
 * The quarantine codes of conflicts: a record valid on its own whose identity (a device's event id, a firm's
 * consent id) is already stored with other content. Not a duplicate (an identical repeat) and not a rejection.
 */
export const CONFLICT_REASONS: readonly QuarantineReason[] = [
  'INGEST.CONFLICTING_EVENT',
  'INGEST.CONFLICTING_CONSENT',
];

/** Why one record was rejected: the reason, the field at fault (null for the whole line) and a readable message. */
export interface Rejection {
  code: QuarantineReason;
  field: string | null;
  message: string;
}
