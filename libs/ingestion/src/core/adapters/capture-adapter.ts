import type { RawFieldMap } from '../field-reader';
import type { Rejection } from '../quarantine-reasons';
import type { SkipReason } from '../skip-reasons';

/** Every capture export bioaudit reads; `detectCaptureFormat` picks one, `--format` may force one. */
export const CAPTURE_FORMATS = [
  'canonical-jsonl',
  'canonical-csv',
  'hikvision-acs-search',
  'hikvision-acs-push',
  'hikcentral-csv',
  'dahua-recordfinder',
  'zkteco-attlog',
  'zkteco-rtlog',
] as const;

export type CaptureFormat = (typeof CAPTURE_FORMATS)[number];

/** Formats whose records do not name their device: a `captures/manifest.csv` row must attribute the file. */
export const FORMATS_WITHOUT_DEVICE: ReadonlySet<CaptureFormat> = new Set([
  'hikvision-acs-search',
  'dahua-recordfinder',
  'zkteco-attlog',
  'zkteco-rtlog',
]);

/** What an adapter knows beyond the record itself. */
export interface AdapterContext {
  /** The device the file is attributed to by captures/manifest.csv; it overrides any id inside records. */
  deviceId: string | null;
}

/**
 * One vendor record adapted: canonical capture fields (validated next by validateCaptureEvent, so every
 * format is quarantined with the same reasons), a skip (not a face event), or a rejection of a vendor field
 * that has no canonical counterpart to blame (e.g. an unreadable Hikvision `minor`).
 */
export type Adapted =
  | { kind: 'fields'; fields: RawFieldMap }
  | { kind: 'skip'; code: SkipReason; message: string }
  | { kind: 'reject'; rejection: Rejection };

/** Turns one vendor record (as a field map) into an Adapted outcome; pure and total (never throws). */
export type CaptureAdapter = (record: RawFieldMap, ctx: AdapterContext) => Adapted;

/** An integer from a JSON number or decimal text, or null. */
export function intOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*[+-]?\d{1,15}\s*$/.test(v)) return Number(v);
  return null;
}

/** Trimmed text of a string or number, or null when absent or empty. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function skip(code: SkipReason, message: string): Adapted {
  return { kind: 'skip', code, message };
}

export function reject(code: Rejection['code'], field: string | null, message: string): Adapted {
  return { kind: 'reject', rejection: { code, field, message } };
}
