import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The server's schemas, by their OpenAPI names (generated from docs/openapi.json: `npm run portal:api`). */
export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];

/** A refusal or failure of the API, carrying its RFC 9457 problem document (code, detail, field errors). */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblem';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

let csrfToken: string | null = null;

/** The CSRF token of this browser session (from sign-in or GET /api/session/csrf). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const listeners = new Set<() => void>();

/** Called when the server answers 401 to a signed-in call: the session ended (idle, absolute, revoked). */
export function onSessionExpired(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    const signingIn = request.method === 'POST' && new URL(request.url).pathname === '/api/session';
    if (response.status === 401 && !signingIn) for (const l of listeners) l();
    return response;
  },
};

/** The one typed client of the API: every request and response type comes from the server's OpenAPI document. */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
});
api.use(sessionMiddleware);

function problemOf(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'code' in error && 'status' in error) return error as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: 'HTTP.UNEXPECTED',
    detail: typeof error === 'string' ? error : `${response.status} ${response.statusText}`,
  } as Problem;
}

/**
 * The data of an openapi-fetch call, or an ApiProblem with the server's problem document:
 * `const firm = await unwrap(api.GET('/api/firms/{creditCode}', { params: { path: { creditCode } } }))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'HTTP.NETWORK',
      detail: err instanceof Error ? err.message : String(err),
    } as Problem);
  }
  if (result.error !== undefined || !result.response.ok)
    throw new ApiProblem(problemOf(result.error, result.response));
  return result.data as T;
}

/**
 * A raw request for what openapi-fetch does not stream (multipart uploads with progress, file downloads), with the
 * same session, CSRF header and problem documents.
 */
export function xhrUpload(
  url: string,
  body: FormData | Blob,
  onProgress: (loaded: number, total: number) => void,
  headers: Record<string, string> = {},
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    xhr.onerror = () =>
      reject(
        new ApiProblem({
          type: 'about:blank',
          title: 'Network error',
          status: 0,
          code: 'HTTP.NETWORK',
        } as Problem),
      );
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else {
        if (xhr.status === 401) for (const l of listeners) l();
        reject(
          new ApiProblem(
            problemOf(parsed, new Response(null, { status: xhr.status, statusText: xhr.statusText })),
          ),
        );
      }
    };
    xhr.send(body);
  });
}
