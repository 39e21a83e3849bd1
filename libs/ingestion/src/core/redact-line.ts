import { parseJsonLine, tokenizeCsvRecord } from './line-parsers';

/**
 * Canonical fields whose values say nothing about a person: a quarantined record may keep the failing one's
 * value. Everything else (subjectRef, birth dates, and every vendor field: names, phone numbers, id numbers,
 * base64 face images) is kept only as its type and length.
 */
const NON_PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'eventId',
  'deviceId',
  'occurredAt',
  'eventType',
  'matchScore',
  'masked',
  'purpose',
  'snapshotSha256',
  'consentId',
  'givenAt',
  'purposes',
  'method',
  'separateConsent',
  'guardianConsent',
  'withdrawnAt',
  'expiresAt',
  'noticeVersion',
  'siteId',
  'siteName',
  'siteType',
  'faceOnlyAccess',
  'vendor',
  'model',
  'declaredPurpose',
  'timezone',
]);

const KEPT_VALUE_MAX = 80;

/** A value's shape without its content: `text(12)`, `number`, `boolean`, `null`, `array(3)`, `object(2)`. */
function shapeOf(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `text(${v.length})`;
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === 'object') return `object(${Object.keys(v).length})`;
  return typeof v;
}

function keptValue(v: unknown): unknown {
  if (typeof v === 'string') return v.length <= KEPT_VALUE_MAX ? v : `${v.slice(0, KEPT_VALUE_MAX)}…`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return shapeOf(v);
}

/**
 * The form a quarantined line is stored in: its structure without its personal content. A JSON object keeps
 * its field names, each value replaced by its shape, and the failing `field`'s value when that field is not
 * personal (NON_PERSONAL_FIELDS); a CSV row keeps the shape of each column; anything else only its length.
 * The line itself stays provable: its SHA-256 is stored beside this form, and the raw file is kept.
 */
export function redactQuarantinedLine(raw: string, field: string | null): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonLine(trimmed);
    if (parsed.ok) {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed.fields)) fields[k] = shapeOf(v);
      const out: Record<string, unknown> = { redacted: 'json', fields };
      if (field !== null && NON_PERSONAL_FIELDS.has(field) && Object.hasOwn(parsed.fields, field)) {
        out.value = { [field]: keptValue(parsed.fields[field]) };
      }
      return JSON.stringify(out);
    }
    return JSON.stringify({ redacted: 'line', length: raw.length });
  }
  const tokens = tokenizeCsvRecord(raw.replace(/\r?\n$/, ''));
  if (tokens.kind === 'fields' && tokens.fields.length > 1) {
    return JSON.stringify({ redacted: 'csv', columns: tokens.fields.map(shapeOf) });
  }
  return JSON.stringify({ redacted: 'line', length: raw.length });
}
