import { API_ERRORS } from '../api.errors';
import { apiError } from '../problem/problem';

/** 404 for an object that does not exist or lies outside the caller's scope: the two are never told apart. */
export function notFound(what: string, id: string): Error {
  return apiError(API_ERRORS.NOT_FOUND, `No ${what} ${id}`, { id });
}
