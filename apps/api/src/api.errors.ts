/** Stable error codes of the HTTP API itself (its requests); mapped to HTTP statuses in problem/http-status.ts. */
export const API_ERRORS = {
  /** The object does not exist, or exists outside the caller's scope (never told apart). */
  NOT_FOUND: 'API.NOT_FOUND',
  /** No route has this method and path. */
  ROUTE_NOT_FOUND: 'API.ROUTE_NOT_FOUND',
  /** The body, query or path parameters break the route's rules; `errors` names each field. */
  VALIDATION: 'API.VALIDATION',
  /** The request body is not valid JSON, or is otherwise malformed. */
  BAD_REQUEST: 'API.BAD_REQUEST',
  /** An upload larger than BIOAUDIT_UPLOAD_MAX_BYTES. */
  UPLOAD_TOO_LARGE: 'API.UPLOAD_TOO_LARGE',
  /** A body of a content type the route does not take. */
  UNSUPPORTED_MEDIA_TYPE: 'API.UNSUPPORTED_MEDIA_TYPE',
  /** An upload without any file, or a multipart file name that climbs out of the folder. */
  BAD_UPLOAD: 'API.BAD_UPLOAD',
  /** No credentials, or credentials that match nothing (raised by the authentication guard). */
  UNAUTHENTICATED: 'API.UNAUTHENTICATED',
  /** The caller's roles do not allow the route. */
  FORBIDDEN: 'API.FORBIDDEN',
  /** The method is not allowed, or another HTTP refusal without a code of its own. */
  HTTP_ERROR: 'API.HTTP_ERROR',
  /** A bug: the response says nothing more (the server log has the cause). */
  INTERNAL: 'API.INTERNAL',
} as const;
export type ApiErrorCode = (typeof API_ERRORS)[keyof typeof API_ERRORS];
