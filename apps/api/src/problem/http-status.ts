import { AUTH_ERROR_STATUS, type AuthErrorCode } from '@app/auth';
import type { CaseFileErrorCode } from '@app/case-files';
import { CASE_WORKFLOW_ERROR_HTTP_STATUS, type CaseWorkflowErrorCode } from '@app/cases';
import type { CollectionErrorCode } from '@app/collection';
import type { ConfigErrorCode } from '@app/config';
import type { CryptoErrorCode } from '@app/crypto';
import type { DetectionErrorCode } from '@app/detection';
import type { ExampleErrorCode } from '@app/example';
import type { IngestErrorCode } from '@app/ingestion';
import type { InspectionErrorCode } from '@app/inspection';
import type { LawErrorCode } from '@app/law';
import type { PenaltyErrorCode } from '@app/penalties';
import { PROCEDURE_ERROR_HTTP_STATUS, type ProcedureErrorCode } from '@app/procedure';
import type { DbErrorCode } from '@app/persistence';
import type { QueueErrorCode } from '@app/queue';
import type { RecognitionErrorCode } from '@app/recognition';
import type { ScheduleErrorCode } from '@app/schedules';
import type { ApiErrorCode } from '../api.errors';

/** Every error code of every lib's catalogue the API can meet, and the API's own. */
export type KnownErrorCode =
  | ApiErrorCode
  | AuthErrorCode
  | ProcedureErrorCode
  | CaseWorkflowErrorCode
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
  | ScheduleErrorCode
  | CollectionErrorCode;

/**
 * The one place error codes become HTTP statuses: one entry per catalogued code, so a code added to a lib's
 * catalogue does not compile until it is mapped here (as apps/cli/src/exit-codes.ts does for exit codes).
 * 404 covers "outside your scope" too; 409 is an action the state of the object does not allow; 422 input
 * that is well-formed but wrong; 500 a bug or a misconfiguration the caller cannot fix; 503 try again later.
 */
export const HTTP_STATUS: Readonly<Record<KnownErrorCode, number>> = {
  'API.NOT_FOUND': 404,
  'API.ROUTE_NOT_FOUND': 404,
  'API.VALIDATION': 422,
  'API.BAD_REQUEST': 400,
  'API.UPLOAD_TOO_LARGE': 413,
  'API.UNSUPPORTED_MEDIA_TYPE': 415,
  'API.BAD_UPLOAD': 422,
  'API.UNAUTHENTICATED': 401,
  'API.FORBIDDEN': 403,
  // Its status is the HttpException's own; 400 when the filter has none.
  'API.HTTP_ERROR': 400,
  'API.INTERNAL': 500,

  // The auth, procedure and case-workflow catalogues state their own statuses (they are HTTP-facing); taken
  // as they are, not copied.
  ...AUTH_ERROR_STATUS,
  ...PROCEDURE_ERROR_HTTP_STATUS,
  ...CASE_WORKFLOW_ERROR_HTTP_STATUS,

  'CONFIG.INVALID': 500,

  // A sealed evidence file or case file that does not authenticate: the stored evidence is altered.
  'KEYS.TAMPERED': 409,
  'KEYS.NOT_SEALED': 409,
  'KEYS.UNKNOWN_KEY': 500,
  'KEYS.BAD_MASTER_KEY': 500,
  'KEYS.BAD_SIGNING_KEY': 500,

  'DB.EMBEDDED_LOCKED': 503,
  'DB.UNREACHABLE': 503,
  'DB.NOT_MIGRATED': 503,
  'DB.SCHEMA_DRIFT': 500,

  'AUDIT.FIRM_NOT_FOUND': 404,
  'AUDIT.NO_EVIDENCE': 404,
  'AUDIT.FAILED_EVIDENCE': 409,
  'AUDIT.INCOMPLETE_EVIDENCE': 503,
  'INGEST.NO_DEVICES': 422,
  'INGEST.UNKNOWN_DEVICE_FILE': 422,
  'INGEST.BATCH_NOT_DISCARDABLE': 409,
  'INGEST.BATCH_NOT_FOUND': 404,
  'INGEST.EVIDENCE_ALTERED': 409,
  'VERIFY.CUSTODY_BROKEN': 409,
  'INGEST.FILE_CHANGED': 409,
  'CASE.DATES_INVALID': 422,

  // Through the API the inspection folder is the caller's upload: what is missing or wrong in it is 422.
  'INGEST.FOLDER_NOT_FOUND': 422,
  'INGEST.FOLDER_UNREADABLE': 422,
  'INGEST.FILE_MISSING': 422,
  'INGEST.FILE_UNREADABLE': 422,
  'INGEST.FILE_AMBIGUOUS': 422,
  'INGEST.UNSUPPORTED_FORMAT': 422,
  'INGEST.FIRM_INVALID': 422,
  'INGEST.HEADER_INVALID': 422,
  'INGEST.ARCHIVE_UNSAFE': 422,
  'INGEST.FORMAT_UNDETECTED': 422,
  'INGEST.FILE_UNATTRIBUTED': 422,
  'INGEST.MANIFEST_INVALID': 422,
  'INGEST.NOT_A_REGULAR_FILE': 422,

  'DETECTION.BAD_TIMEZONE': 422,
  'DETECTION.BAD_BIRTH_DATE': 422,
  'DETECTION.TOO_MANY_DEVICES': 422,
  'DETECTION.BAD_LAW': 500,

  // The law table is asked only with dates bioaudit validated itself: a miss is a bug.
  'LAW.BAD_DATE': 500,
  'LAW.UNKNOWN_INSTRUMENT': 500,
  'LAW.UNKNOWN_PERIOD': 500,

  'PENALTY.INVALID_FACTS': 422,
  'PENALTY.UNKNOWN_RULEBOOK': 422,
  'PENALTY.RULEBOOK_NOT_APPLICABLE': 422,
  'PENALTY.NO_PARAMETER_IN_FORCE': 422,
  'PENALTY.RULE_CONFLICT': 500, // two rules of one rulebook claim the same fact: a rulebook bug
  'PENALTY.NO_RULE_APPLIES': 422,
  'PENALTY.OVERRIDE_OUT_OF_RANGE': 422,
  'PENALTY.OVERRIDE_INVALID': 422,
  'PENALTY.CURRENCY_MISMATCH': 422,

  'CASE_FILE.INVALID_INPUT': 500, // the case file is assembled by bioaudit itself
  'CASE_FILE.INVALID_ROW': 500,
  'CASE_FILE.FONT_MISSING': 500,
  'CASE_FILE.RENDER_FAILED': 500,

  'RECOGNITION.BAD_ARGUMENT': 422,
  'RECOGNITION.BAD_CLAIM': 422,
  'RECOGNITION.CLAIM_NEEDS_OPERATING_POINT': 422,
  'RECOGNITION.BAD_COMPARISONS_FILE': 422,
  'RECOGNITION.FILE_NOT_FOUND': 422,
  'RECOGNITION.NO_COMPARISONS': 422,
  'RECOGNITION.IMAGE_UNREADABLE': 422,
  'RECOGNITION.ENGINE_UNAVAILABLE': 503,
  'RECOGNITION.BAD_MANIFEST': 422,

  'EXAMPLE.BAD_OPTION': 422,
  'EXAMPLE.NOT_GENERATED': 500,
  'EXAMPLE.BAD_TIME': 500,

  // No chunk finished within BIOAUDIT_JOB_WAIT_S: the workers are down or busy; try again later.
  'JOBS.WAIT_TIMEOUT': 503,
  'JOBS.BATCH_FAILED': 500,
  'JOBS.STALLED_TOO_OFTEN': 500,
  'JOBS.FOREIGN_DEPLOYMENT': 500,
  // A job payload the queue boundary refused: bioaudit enqueued it, so a bug.
  'JOBS.INVALID_PAYLOAD': 500,

  // `GET /api/schedules/runs?schedule=` naming no schedule; the rest are met by schedulers, not requests.
  'SCHEDULE.UNKNOWN': 404,
  'SCHEDULE.NO_SUCH_TARGET': 404,
  'SCHEDULE.BAD_DEFINITION': 500,
  'SCHEDULE.TARGET_FAILED': 503,
  'SCHEDULE.TIMEOUT': 503,

  // Terminals (`/api/devices`): the body's fault is 422 naming the field; a firm or endpoint outside the
  // caller's scope is the same 404 as a missing one; a credential the terminal refuses, or that no longer
  // opens, is the registration's state (409: remove it and register it again); a terminal that fails is 503.
  'COLLECT.BAD_INPUT': 422,
  'COLLECT.FIRM_NOT_FOUND': 404,
  'COLLECT.SITE_REQUIRED': 422,
  'COLLECT.ENDPOINT_NOT_FOUND': 404,
  'COLLECT.ENDPOINT_EXISTS': 409,
  'COLLECT.CREDENTIAL_UNREADABLE': 409,
  'COLLECT.AUTH_REJECTED': 409,
  'COLLECT.DEVICE_UNREACHABLE': 503,
  'COLLECT.DEVICE_ERROR': 503,
  'COLLECT.PAGE_UNREADABLE': 503,
  'COLLECT.INCONSISTENT_RESULTS': 503,
};

/** True for a code of some catalogue. */
export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.prototype.hasOwnProperty.call(HTTP_STATUS, code);
}
