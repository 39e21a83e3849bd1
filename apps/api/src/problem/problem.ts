import { HttpException } from '@nestjs/common';
import { DomainError, isDomainError } from '@app/common';
import { API_ERRORS, type ApiErrorCode } from '../api.errors';
import { HTTP_STATUS, isKnownErrorCode } from './http-status';

/** One field a request got wrong: `field` is its path (`threshold`, `claim.fmr`, `query.limit`). */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document, with the error code the CLI would print for the same failure. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: FieldError[];
  /** The time limit a refusal rests on (a window closed, a date too early), as extension members. */
  lastDay?: string;
  acceptedUntil?: string;
  provisional?: boolean;
  earliest?: string;
  /** The article a refusal rests on. */
  basis?: string;
}

/**
 * The details of a domain error a caller may see: dates and the article behind a refusal, and the field a
 * semantic check refused. Anything else a lib puts in `details` (ids, internal values) stays in the log.
 */
function publicDetails(error: DomainError, status: number): Partial<Problem> {
  if (status >= 500) return {};
  const d = error.details;
  const out: Partial<Problem> = {};
  for (const key of ['lastDay', 'acceptedUntil', 'earliest', 'basis'] as const) {
    if (typeof d[key] === 'string') out[key] = d[key];
  }
  if (d.provisional === true) out.provisional = true;
  if (typeof d.field === 'string' && status === 422)
    out.errors = [{ field: d.field, message: error.message }];
  return out;
}

/** Request input that breaks a route's rules, naming each field (422). */
export class ValidationError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(API_ERRORS.VALIDATION, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
    this.name = 'ValidationError';
  }
}

/** An API error with a stable code (its status comes from the one table). */
export function apiError(
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): DomainError {
  return new DomainError(code, message, details);
}

/** Standard reason phrases (RFC 9110) of the statuses the API answers with. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Where each code is documented: the error-code table of docs/api.md. */
export const problemType = (code: string): string => `urn:bioaudit:problem:${code}`;

/** Codes for HTTP refusals that carry none of their own (a route not found, a guard refusing). */
function codeOfStatus(status: number): ApiErrorCode {
  switch (status) {
    case 401:
      return API_ERRORS.UNAUTHENTICATED;
    case 403:
      return API_ERRORS.FORBIDDEN;
    case 404:
      return API_ERRORS.ROUTE_NOT_FOUND;
    case 413:
      return API_ERRORS.UPLOAD_TOO_LARGE;
    case 415:
      return API_ERRORS.UNSUPPORTED_MEDIA_TYPE;
    case 400:
      return API_ERRORS.BAD_REQUEST;
    default:
      return status >= 500 ? API_ERRORS.INTERNAL : API_ERRORS.HTTP_ERROR;
  }
}

/** The message of a Nest HttpException's response body (a string, or a list of strings). */
function httpDetail(e: HttpException): string {
  const body = e.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : e.message;
}

/** The status of a body-parser / raw-body error (they carry `status` and `type`, not Nest's class). */
function parserError(e: unknown): { status: number; type: string } | null {
  const o = e as { status?: unknown; type?: unknown; expose?: unknown } | null;
  if (o && typeof o.status === 'number' && typeof o.type === 'string' && o.expose === true) {
    return { status: o.status, type: o.type };
  }
  return null;
}

/**
 * The problem document for anything a request can throw. Only what is safe to show leaves: a domain
 * error's message (written for the user), an HTTP refusal's message; never a stack trace, and for anything
 * else (a bug) only "internal error".
 */
export function problemOf(error: unknown, instance: string): Problem {
  const make = (code: string, status: number, detail: string, errors?: FieldError[]): Problem => ({
    type: problemType(code),
    title: TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
    status,
    detail,
    code,
    instance,
    ...(errors ? { errors } : {}),
  });
  if (error instanceof ValidationError) {
    return make(error.code, HTTP_STATUS[API_ERRORS.VALIDATION], error.message, error.errors);
  }
  if (isDomainError(error)) {
    // A code no catalogue lists is a bug of the thrower: 500, but the code still names it.
    const status = isKnownErrorCode(error.code) ? HTTP_STATUS[error.code] : 500;
    return {
      ...make(
        error.code,
        status,
        status >= 500 && !isKnownErrorCode(error.code) ? 'internal error' : error.message,
      ),
      ...publicDetails(error, status),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeOfStatus(status);
    return make(code, status, status >= 500 ? 'internal error' : httpDetail(error));
  }
  const parsed = parserError(error);
  if (parsed) {
    const status = parsed.type === 'entity.too.large' ? 413 : parsed.status;
    const detail =
      parsed.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : `request body refused (${parsed.type})`;
    return make(codeOfStatus(status), status, detail);
  }
  return make(API_ERRORS.INTERNAL, 500, 'internal error');
}
