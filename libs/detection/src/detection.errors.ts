/** Stable error codes of the detection lib; apps map them to exit codes / HTTP statuses. */
export const DETECTION_ERRORS = {
  /** The firm's time zone is not an IANA zone. */
  BAD_TIMEZONE: 'DETECTION.BAD_TIMEZONE',
  /** A consent record's birth date cannot be read. */
  BAD_BIRTH_DATE: 'DETECTION.BAD_BIRTH_DATE',
  /** The dated law table handed to the index is malformed (a bug, not the input). */
  BAD_LAW: 'DETECTION.BAD_LAW',
  /** More devices in one audit than the accumulator can index. */
  TOO_MANY_DEVICES: 'DETECTION.TOO_MANY_DEVICES',
} as const;
export type DetectionErrorCode = (typeof DETECTION_ERRORS)[keyof typeof DETECTION_ERRORS];
