import { CONSENT_METHODS, parseIsoDate, PURPOSES, type ConsentRecordInput, type Purpose } from '@app/common';
import { clip, FieldReader, type RawFieldMap, type Validation } from './field-reader';
import { EARLIEST_PLAUSIBLE_TIME, evidenceTimeParser, type TimeWindow } from './time-sanity';

/** Columns a consents CSV must have. */
export const CONSENT_REQUIRED_FIELDS = [
  'consentId',
  'subjectRef',
  'givenAt',
  'purposes',
  'method',
  'separateConsent',
] as const;

/** What a consent is validated against: times without an offset are the firm's wall-clock times. */
export interface ConsentContext {
  firmTimezone: string;
  /** The plausible window of givenAt and withdrawnAt (time-sanity.ts); absent: from 2000-01-01, no upper bound. */
  window?: TimeWindow;
  /** Replaces a subjectRef that is a personal identifier by its pseudonym before storage; absent: kept as given. */
  pseudonymise?: (ref: string) => string;
}

const EARLIEST_ONLY: TimeWindow = { notBefore: EARLIEST_PLAUSIBLE_TIME, notAfter: Number.POSITIVE_INFINITY };

/**
 * Validates one consent record. Fields are checked in the order consentId, subjectRef, givenAt, purposes,
 * method, separateConsent, guardianConsent, subjectBirthDate, withdrawnAt, expiresAt, noticeVersion, then
 * the order of the times; the first problem is the rejection. givenAt and withdrawnAt pass every time sanity
 * check (time-sanity.ts); expiresAt all but the window and the year-9999 placeholder.
 */
export function validateConsentRecord(raw: RawFieldMap, ctx: ConsentContext): Validation<ConsentRecordInput> {
  const r = new FieldReader(raw);
  const zone = ctx.firmTimezone;
  const window = ctx.window ?? EARLIEST_ONLY;
  const consentId = r.requiredText('consentId');
  const subjectRef = r.requiredText('subjectRef');
  const givenAt = r.requiredTime('givenAt', evidenceTimeParser('givenAt', zone, { window }));
  const purposes = r.failed ? [] : readPurposes(r, raw.purposes);
  const method = r.requiredEnum('method', CONSENT_METHODS);
  const separateConsent = r.requiredBoolean('separateConsent');
  const guardianConsent = r.optionalBoolean('guardianConsent') ?? false;
  const birth = r.optionalText('subjectBirthDate');
  let subjectBirthDate: string | null = null;
  if (birth !== null) {
    subjectBirthDate = parseIsoDate(birth);
    if (subjectBirthDate === null) {
      r.reject(
        'INGEST.BAD_TIME',
        'subjectBirthDate',
        `subjectBirthDate must be YYYY-MM-DD, got "${clip(birth)}"`,
      );
    }
  }
  const withdrawnAt = r.optionalTime('withdrawnAt', evidenceTimeParser('withdrawnAt', zone, { window }));
  // An expiry may lie far ahead, and 9999-12-31 is the usual way to write "never": no window, no placeholder.
  const expiresAt = r.optionalTime(
    'expiresAt',
    evidenceTimeParser('expiresAt', zone, { placeholder: false }),
  );
  const noticeVersion = r.optionalText('noticeVersion');
  if (!r.failed && withdrawnAt !== null && withdrawnAt < givenAt) {
    r.reject('INGEST.TIME_ORDER', 'withdrawnAt', 'withdrawnAt is before givenAt');
  }
  if (!r.failed && expiresAt !== null && expiresAt < givenAt) {
    r.reject('INGEST.TIME_ORDER', 'expiresAt', 'expiresAt is before givenAt');
  }
  if (r.failed) return { ok: false, rejection: r.firstProblem };
  return {
    ok: true,
    value: {
      consentId,
      subjectRef: ctx.pseudonymise ? ctx.pseudonymise(subjectRef) : subjectRef,
      givenAt,
      purposes,
      method,
      separateConsent,
      guardianConsent,
      subjectBirthDate,
      withdrawnAt,
      expiresAt,
      noticeVersion,
    },
  };
}

/**
 * purposes: `;`-separated text (CSV) or, in JSON, the same text or an array of strings. Items are trimmed,
 * empty items ignored, duplicates dropped, and the result sorted in PURPOSES order so equal sets compare equal.
 */
function readPurposes(r: FieldReader, v: unknown): Purpose[] {
  let items: string[];
  if (Array.isArray(v)) {
    if (!v.every((x): x is string => typeof x === 'string')) {
      r.reject('INGEST.BAD_VALUE', 'purposes', 'purposes must be text or an array of strings');
      return [];
    }
    items = v;
  } else {
    const text = r.optionalText('purposes');
    if (r.failed) return [];
    items = text === null ? [] : text.split(';');
  }
  const seen = new Set<string>();
  for (const item of items) {
    const t = item.trim();
    if (t === '') continue;
    if (!(PURPOSES as readonly string[]).includes(t)) {
      r.reject('INGEST.BAD_ENUM', 'purposes', `purposes: "${clip(t)}" is not one of ${PURPOSES.join('|')}`);
      return [];
    }
    seen.add(t);
  }
  if (seen.size === 0) {
    r.reject('INGEST.MISSING_FIELD', 'purposes', 'purposes is required (at least one purpose)');
    return [];
  }
  return PURPOSES.filter((p) => seen.has(p));
}
