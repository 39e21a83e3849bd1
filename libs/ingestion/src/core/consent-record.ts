import {
  CONSENT_METHODS,
  parseInstant,
  parseIsoDate,
  PURPOSES,
  type ConsentRecordInput,
  type Purpose,
} from '@app/common';
import { clip, FieldReader, type RawFieldMap, type Validation } from './field-reader';

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
}

/**
 * Validates one consent record. Fields are checked in the order consentId, subjectRef, givenAt, purposes,
 * method, separateConsent, guardianConsent, subjectBirthDate, withdrawnAt, expiresAt, noticeVersion, then
 * the order of the times; the first problem is the rejection.
 */
export function validateConsentRecord(raw: RawFieldMap, ctx: ConsentContext): Validation<ConsentRecordInput> {
  const r = new FieldReader(raw);
  const zone = ctx.firmTimezone;
  const parse = (t: string): number | null => parseInstant(t, zone);
  const consentId = r.requiredText('consentId');
  const subjectRef = r.requiredText('subjectRef');
  const givenAt = r.requiredTime('givenAt', parse);
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
  const withdrawnAt = r.optionalTime('withdrawnAt', parse);
  const expiresAt = r.optionalTime('expiresAt', parse);
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
      subjectRef,
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
