import type { CaptureEventType } from '@app/common';
import type { RawFieldMap } from '../field-reader';
import { intOf, reject, skip, textOf, type Adapted, type AdapterContext } from './capture-adapter';

/** ATTLOG columns in order; firmware that writes fewer leaves the rest absent. */
export const ATTLOG_COLUMNS = [
  'PIN',
  'Time',
  'Status',
  'Verify',
  'WorkCode',
  'Reserved1',
  'Reserved2',
  'MaskFlag',
  'Temperature',
] as const;

/** Verify modes involving a face: 15 face, 16 face+fingerprint, 17 face+password, 18 face+card. */
const ZK_FACE_VERIFY: ReadonlySet<number> = new Set([15, 16, 17, 18]);

/** Splits one tab-separated ATTLOG line into its named columns (extra columns are ignored). */
export function splitAttlogLine(text: string): RawFieldMap {
  const parts = text.split('\t');
  const out: Record<string, string> = {};
  const n = Math.min(parts.length, ATTLOG_COLUMNS.length);
  for (let i = 0; i < n; i++) out[ATTLOG_COLUMNS[i]] = parts[i];
  return out;
}

/** Splits one rtlog line (`key=value` pairs separated by tabs) into a field map; a part without `=` is ignored. */
export function splitRtlogLine(text: string): RawFieldMap {
  const out: Record<string, string> = {};
  for (const part of text.split('\t')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    if (key !== '__proto__') out[key] = part.slice(eq + 1);
  }
  return out;
}

/**
 * One ATTLOG punch. ATTLOG records only successful punches, so a face punch is a face match of the PIN. The
 * time is device-local without an offset: the device's zone applies. ATTLOG has no record id.
 */
export function adaptZktecoAttlog(rec: RawFieldMap, ctx: AdapterContext): Adapted {
  const verify = intOf(rec.Verify);
  if (verify === null) return codeProblem('Verify', rec.Verify);
  if (!ZK_FACE_VERIFY.has(verify)) {
    return skip('INGEST.SKIPPED_NON_FACE_EVENT', `ZKTeco Verify ${verify} is not a face`);
  }
  return {
    kind: 'fields',
    fields: {
      eventId: null,
      deviceId: ctx.deviceId,
      occurredAt: rec.Time,
      eventType: 'face_match',
      subjectRef: textOf(rec.PIN),
      matchScore: null,
      masked: flagOf(rec.MaskFlag),
      purpose: null,
      snapshotSha256: null,
    },
  };
}

/**
 * One rtlog access event. `event` 0 is a normal verified opening; any other code with a face verify type is
 * a refusal: of a stranger when no PIN was recognised, else a failed match of that PIN.
 */
export function adaptZktecoRtlog(rec: RawFieldMap, ctx: AdapterContext): Adapted {
  const verify = intOf(rec.verifytype);
  if (verify === null) return codeProblem('verifytype', rec.verifytype);
  if (!ZK_FACE_VERIFY.has(verify)) {
    return skip('INGEST.SKIPPED_NON_FACE_EVENT', `ZKTeco verifytype ${verify} is not a face`);
  }
  const event = intOf(rec.event);
  if (event === null) return codeProblem('event', rec.event);
  const pin = textOf(rec.pin);
  const subjectRef = pin === '0' ? null : pin;
  const eventType: CaptureEventType =
    event === 0 ? 'face_match' : subjectRef === null ? 'stranger' : 'face_match_failed';
  return {
    kind: 'fields',
    fields: {
      eventId: textOf(rec.index),
      deviceId: ctx.deviceId,
      occurredAt: rec.time,
      eventType,
      subjectRef: eventType === 'stranger' ? null : subjectRef,
      matchScore: null,
      masked: flagOf(rec.maskflag),
      purpose: null,
      snapshotSha256: null,
    },
  };
}

function flagOf(v: unknown): boolean | null {
  const n = intOf(v);
  if (n === 1) return true;
  if (n === 0) return false;
  return null;
}

function codeProblem(field: string, v: unknown): Adapted {
  return textOf(v) === null
    ? reject('INGEST.MISSING_FIELD', field, `${field} is required`)
    : reject('INGEST.BAD_VALUE', field, `${field} must be an integer code`);
}
