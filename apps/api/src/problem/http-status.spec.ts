import { COLLECTION_ERRORS } from '@app/collection';
import { INGEST_ERROR_CODES } from '@app/ingestion';
import { API_ERRORS } from '../api.errors';
import { HTTP_STATUS, isKnownErrorCode } from './http-status';

describe('HTTP_STATUS (the one code → status table)', () => {
  it('answers every code with a client or server error status', () => {
    for (const [code, status] of Object.entries(HTTP_STATUS)) {
      expect([code, status >= 400 && status <= 599]).toEqual([code, true]);
    }
  });

  it('maps every code of the API and of the ingestion and collection catalogues', () => {
    for (const code of [
      ...Object.values(API_ERRORS),
      ...INGEST_ERROR_CODES,
      ...Object.values(COLLECTION_ERRORS),
    ]) {
      expect([code, isKnownErrorCode(code)]).toEqual([code, true]);
    }
  });

  it('tells refusals apart as issue 10 asks: 401, 403, 404 for out of scope, 409 for state, 422 for input', () => {
    expect(HTTP_STATUS['AUTH.UNAUTHENTICATED']).toBe(401);
    expect(HTTP_STATUS['AUTH.FORBIDDEN']).toBe(403);
    expect(HTTP_STATUS['API.NOT_FOUND']).toBe(404);
    expect(HTTP_STATUS['PROCEDURE.NOT_ALLOWED_IN_STATE']).toBe(409);
    expect(HTTP_STATUS['API.VALIDATION']).toBe(422);
    expect(HTTP_STATUS['API.UPLOAD_TOO_LARGE']).toBe(413);
    // The upload is the caller's input: an unsafe archive in it is its fault, not the server's.
    expect(HTTP_STATUS['INGEST.ARCHIVE_UNSAFE']).toBe(422);
  });

  it('knows no code outside the catalogues', () => {
    expect(isKnownErrorCode('NOPE.NOTHING')).toBe(false);
    expect(isKnownErrorCode('toString')).toBe(false);
  });
});
