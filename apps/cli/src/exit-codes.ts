import { isDomainError } from '@app/common';
import type { AuthErrorCode } from '@app/auth';
import type { CaseFileErrorCode } from '@app/case-files';
import type { ConfigErrorCode } from '@app/config';
import type { CryptoErrorCode } from '@app/crypto';
import type { DetectionErrorCode } from '@app/detection';
import type { ExampleErrorCode } from '@app/example';
import type { IngestErrorCode } from '@app/ingestion';
import type { InspectionErrorCode } from '@app/inspection';
import type { LawErrorCode } from '@app/law';
import type { PenaltyErrorCode } from '@app/penalties';
import type { DbErrorCode } from '@app/persistence';
import type { QueueErrorCode } from '@app/queue';
import type { RecognitionErrorCode } from '@app/recognition';
import type { ScheduleErrorCode } from '@app/schedules';
import type { CollectionErrorCode } from '@app/collection';
import type { CliErrorCode } from './cli.errors';

/** The documented exit codes (sysexits.h values where one fits; README "Exit codes"). */
export const EXIT = {
  OK: 0,
  /** The evidence itself failed its integrity check. */
  EVIDENCE_ALTERED: 4,
  /** EX_USAGE: the command line is wrong. */
  USAGE: 64,
  /** EX_DATAERR: the input is wrong. */
  DATA: 65,
  /** EX_NOINPUT: a file, folder, firm or batch named does not exist or cannot be read. */
  NO_INPUT: 66,
  /** EX_SOFTWARE: a bug, not the user's input. */
  SOFTWARE: 70,
  /** EX_TEMPFAIL: try again later (the embedded database is busy). */
  TEMPFAIL: 75,
  /** EX_CONFIG: the environment or the database server is not usable as configured. */
  CONFIG: 78,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Every error code of every lib's catalogue the CLI can meet. */
export type KnownErrorCode =
  | CliErrorCode
  | CollectionErrorCode
  | AuthErrorCode
  | ConfigErrorCode
  | CryptoErrorCode
  | DbErrorCode
  | InspectionErrorCode
  | IngestErrorCode
  | DetectionErrorCode
  | LawErrorCode
  | PenaltyErrorCode
  | CaseFileErrorCode
  | RecognitionErrorCode
  | ExampleErrorCode
  | QueueErrorCode
  | ScheduleErrorCode;

/**
 * The one place error codes become exit codes: one entry per catalogued code, so a code added to a lib's
 * catalogue does not compile until it is mapped here.
 */
export const EXIT_CODES: Readonly<Record<KnownErrorCode, ExitCode>> = {
  'CLI.USAGE': EXIT.USAGE,
  'CLI.MISSING_OPTION': EXIT.USAGE,
  'CLI.MISSING_SUBCOMMAND': EXIT.USAGE,
  'CLI.BAD_DATE': EXIT.USAGE,
  'CLI.BAD_FORMAT': EXIT.USAGE,
  'CLI.BAD_ENCODING': EXIT.USAGE,
  'CLI.BAD_THRESHOLD': EXIT.USAGE,
  'CLI.BAD_NUMBER': EXIT.USAGE,
  'CLI.FILE_NOT_FOUND': EXIT.NO_INPUT,
  'CLI.BAD_JSON': EXIT.DATA,
  'CLI.DEMO_HOME_IN_USE': EXIT.DATA,
  'CLI.UNKNOWN_PSEUDONYM': EXIT.NO_INPUT,
  'CLI.NOT_AUTHORISED': EXIT.CONFIG,

  'CONFIG.INVALID': EXIT.CONFIG,

  // `users add`, `tokens create/revoke`: the account rules, a taken name, an unknown account or token.
  'AUTH.INVALID_ACCOUNT': EXIT.DATA,
  'AUTH.WEAK_PASSWORD': EXIT.DATA,
  'AUTH.USERNAME_TAKEN': EXIT.DATA,
  'AUTH.NOT_FOUND': EXIT.NO_INPUT,
  'AUTH.BAD_DURATION': EXIT.USAGE,
  // Met only through the API (the CLI runs as the operator): mapped for completeness.
  'AUTH.UNAUTHENTICATED': EXIT.CONFIG,
  'AUTH.BAD_CREDENTIALS': EXIT.CONFIG,
  'AUTH.TOKEN_EXPIRED': EXIT.CONFIG,
  'AUTH.TOKEN_REVOKED': EXIT.CONFIG,
  'AUTH.SESSION_EXPIRED': EXIT.CONFIG,
  'AUTH.FORBIDDEN': EXIT.CONFIG,
  'AUTH.NO_POLICY': EXIT.SOFTWARE,
  'AUTH.CSRF_INVALID': EXIT.CONFIG,
  'AUTH.RATE_LIMITED': EXIT.TEMPFAIL,
  'AUTH.SSO_NOT_CONFIGURED': EXIT.CONFIG,
  'AUTH.SSO_STATE_INVALID': EXIT.CONFIG,
  'AUTH.SSO_REFUSED': EXIT.CONFIG,
  'AUTH.SSO_NO_ACCOUNT': EXIT.CONFIG,
  'AUTH.SSO_ACCOUNT_DISABLED': EXIT.CONFIG,
  'AUTH.SSO_UNAVAILABLE': EXIT.TEMPFAIL,

  // A sealed evidence file or case file that does not authenticate, or a plain file in its place: altered.
  'KEYS.TAMPERED': EXIT.EVIDENCE_ALTERED,
  'KEYS.NOT_SEALED': EXIT.EVIDENCE_ALTERED,
  // Sealed by a master key this configuration does not hold, or a master key that is not one.
  'KEYS.UNKNOWN_KEY': EXIT.CONFIG,
  'KEYS.BAD_MASTER_KEY': EXIT.CONFIG,
  'KEYS.BAD_SIGNING_KEY': EXIT.CONFIG,

  'DB.EMBEDDED_LOCKED': EXIT.TEMPFAIL,
  'DB.UNREACHABLE': EXIT.CONFIG,
  'DB.NOT_MIGRATED': EXIT.CONFIG,
  'DB.SCHEMA_DRIFT': EXIT.SOFTWARE, // a migration is missing from the code: a bug

  'AUDIT.FIRM_NOT_FOUND': EXIT.NO_INPUT,
  'AUDIT.NO_EVIDENCE': EXIT.NO_INPUT,
  'AUDIT.FAILED_EVIDENCE': EXIT.DATA,
  'AUDIT.INCOMPLETE_EVIDENCE': EXIT.TEMPFAIL,
  'INGEST.NO_DEVICES': EXIT.DATA,
  'INGEST.UNKNOWN_DEVICE_FILE': EXIT.DATA,
  'INGEST.BATCH_NOT_DISCARDABLE': EXIT.DATA,
  'INGEST.BATCH_NOT_FOUND': EXIT.NO_INPUT,
  'INGEST.EVIDENCE_ALTERED': EXIT.EVIDENCE_ALTERED,
  'VERIFY.CUSTODY_BROKEN': EXIT.EVIDENCE_ALTERED,
  'INGEST.FILE_CHANGED': EXIT.DATA,
  'CASE.DATES_INVALID': EXIT.DATA,

  'INGEST.FOLDER_NOT_FOUND': EXIT.NO_INPUT,
  'INGEST.FOLDER_UNREADABLE': EXIT.NO_INPUT,
  'INGEST.FILE_MISSING': EXIT.NO_INPUT,
  'INGEST.FILE_UNREADABLE': EXIT.NO_INPUT,
  'INGEST.FILE_AMBIGUOUS': EXIT.DATA,
  'INGEST.UNSUPPORTED_FORMAT': EXIT.DATA,
  'INGEST.FIRM_INVALID': EXIT.DATA,
  'INGEST.HEADER_INVALID': EXIT.DATA,
  'INGEST.ARCHIVE_UNSAFE': EXIT.DATA,
  'INGEST.FORMAT_UNDETECTED': EXIT.DATA,
  'INGEST.FILE_UNATTRIBUTED': EXIT.DATA,
  'INGEST.MANIFEST_INVALID': EXIT.DATA,
  'INGEST.NOT_A_REGULAR_FILE': EXIT.NO_INPUT,

  'DETECTION.BAD_TIMEZONE': EXIT.DATA,
  'DETECTION.BAD_BIRTH_DATE': EXIT.DATA,
  'DETECTION.TOO_MANY_DEVICES': EXIT.DATA,
  'DETECTION.BAD_LAW': EXIT.SOFTWARE,

  // The law table is asked only with dates bioaudit validated itself: a miss is a bug.
  'LAW.BAD_DATE': EXIT.SOFTWARE,
  'LAW.UNKNOWN_INSTRUMENT': EXIT.SOFTWARE,
  'LAW.UNKNOWN_PERIOD': EXIT.SOFTWARE,

  'PENALTY.INVALID_FACTS': EXIT.DATA,
  'PENALTY.UNKNOWN_RULEBOOK': EXIT.USAGE, // `fine --rulebook <id>` names none
  'PENALTY.RULEBOOK_NOT_APPLICABLE': EXIT.DATA,
  'PENALTY.NO_PARAMETER_IN_FORCE': EXIT.DATA,
  'PENALTY.RULE_CONFLICT': EXIT.SOFTWARE, // two rules of one rulebook claim the same fact: a rulebook bug
  'PENALTY.NO_RULE_APPLIES': EXIT.DATA,
  'PENALTY.OVERRIDE_OUT_OF_RANGE': EXIT.DATA,
  'PENALTY.OVERRIDE_INVALID': EXIT.DATA,
  'PENALTY.CURRENCY_MISMATCH': EXIT.DATA,

  'CASE_FILE.INVALID_INPUT': EXIT.SOFTWARE, // the case file is assembled by bioaudit itself
  'CASE_FILE.INVALID_ROW': EXIT.SOFTWARE,
  'CASE_FILE.FONT_MISSING': EXIT.SOFTWARE,
  'CASE_FILE.RENDER_FAILED': EXIT.SOFTWARE,

  'RECOGNITION.BAD_ARGUMENT': EXIT.USAGE,
  'RECOGNITION.BAD_CLAIM': EXIT.DATA,
  'RECOGNITION.CLAIM_NEEDS_OPERATING_POINT': EXIT.DATA,
  'RECOGNITION.BAD_COMPARISONS_FILE': EXIT.DATA,
  'RECOGNITION.FILE_NOT_FOUND': EXIT.NO_INPUT,
  'RECOGNITION.NO_COMPARISONS': EXIT.DATA,
  'RECOGNITION.IMAGE_UNREADABLE': EXIT.DATA,
  'RECOGNITION.ENGINE_UNAVAILABLE': EXIT.SOFTWARE,
  'RECOGNITION.BAD_MANIFEST': EXIT.DATA,

  'EXAMPLE.BAD_OPTION': EXIT.USAGE,
  'EXAMPLE.NOT_GENERATED': EXIT.SOFTWARE,
  'EXAMPLE.BAD_TIME': EXIT.SOFTWARE,

  // Waiting on the workers: none finished a chunk in BIOAUDIT_JOB_WAIT_S (start workers, run again).
  'JOBS.WAIT_TIMEOUT': EXIT.TEMPFAIL,
  // A chunk failed for good after its retries: the batch is marked failed; the cause is in the worker's log.
  'JOBS.BATCH_FAILED': EXIT.SOFTWARE,
  'JOBS.STALLED_TOO_OFTEN': EXIT.SOFTWARE,
  // Met by workers only (a job of another database): a deployment misconfigured.
  'JOBS.FOREIGN_DEPLOYMENT': EXIT.CONFIG,
  // A payload that does not match its job's schema was written by a bug or an older release.
  'JOBS.INVALID_PAYLOAD': EXIT.SOFTWARE,

  // `schedules run <name>` names no schedule, or `--firm` no target of it.
  'SCHEDULE.UNKNOWN': EXIT.USAGE,
  'SCHEDULE.NO_SUCH_TARGET': EXIT.NO_INPUT,
  // A definition in the code is malformed: a bug.
  'SCHEDULE.BAD_DEFINITION': EXIT.SOFTWARE,
  // `schedules run`: a target failed on its last attempt (the alert is raised); try again later.
  'SCHEDULE.TARGET_FAILED': EXIT.TEMPFAIL,
  'SCHEDULE.TIMEOUT': EXIT.TEMPFAIL,

  // `devices`: a bad option (the field is named), an unknown firm, site or terminal, a duplicate.
  'COLLECT.BAD_INPUT': EXIT.USAGE,
  'COLLECT.FIRM_NOT_FOUND': EXIT.NO_INPUT,
  'COLLECT.SITE_REQUIRED': EXIT.USAGE,
  'COLLECT.ENDPOINT_NOT_FOUND': EXIT.NO_INPUT,
  'COLLECT.ENDPOINT_EXISTS': EXIT.DATA,
  // A stored credential that does not open: altered, copied, or sealed by a key this configuration lacks.
  'COLLECT.CREDENTIAL_UNREADABLE': EXIT.CONFIG,
  // `devices collect`: the terminal is down, busy, refuses the account, or answers nonsense: try later.
  'COLLECT.DEVICE_UNREACHABLE': EXIT.TEMPFAIL,
  'COLLECT.DEVICE_ERROR': EXIT.TEMPFAIL,
  'COLLECT.AUTH_REJECTED': EXIT.CONFIG,
  'COLLECT.PAGE_UNREADABLE': EXIT.TEMPFAIL,
  'COLLECT.INCONSISTENT_RESULTS': EXIT.TEMPFAIL,
};

/** True for a code of some lib's catalogue. */
export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.prototype.hasOwnProperty.call(EXIT_CODES, code);
}

/** The exit code of an error: its catalogue entry; 70 for anything uncatalogued (a bug). */
export function exitCodeFor(error: unknown): ExitCode {
  if (isDomainError(error) && isKnownErrorCode(error.code)) return EXIT_CODES[error.code];
  return EXIT.SOFTWARE;
}

/** The one-line reason printed on stderr, naming the error code (never a stack trace). */
export function reasonFor(error: unknown): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
  if (isDomainError(error)) return `bioaudit: ${error.code}: ${oneLine(error.message)}`;
  const e = error as Error | undefined;
  return `bioaudit: INTERNAL: ${oneLine(e?.message ?? String(error))}`;
}
