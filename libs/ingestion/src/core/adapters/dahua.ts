import type { CaptureEventType } from '@app/common';
import type { RawFieldMap } from '../field-reader';
import { intOf, reject, skip, textOf, type Adapted, type AdapterContext } from './capture-adapter';

/**
 * `Method` as the recordFinder CGI reports it: 15 is a face in several independent integrations. The NetSDK
 * enum numbers differently (16 = face); CGI exports use the CGI numbering, so only 15 is read as a face.
 */
const DAHUA_FACE_METHODS: ReadonlySet<number> = new Set([15]);

/** A `records[i].Field=value` line of a recordFinder response, or another line kind. */
export type DahuaLine =
  | { kind: 'field'; index: number; field: string; value: string }
  | { kind: 'found'; count: string }
  | { kind: 'other' };

const FIELD_LINE = /^records\[(\d{1,9})\]\.([A-Za-z0-9_]+)=(.*)$/;

/** Reads one line of a recordFinder text response. */
export function parseDahuaLine(text: string): DahuaLine {
  const m = FIELD_LINE.exec(text);
  if (m !== null) return { kind: 'field', index: Number(m[1]), field: m[2], value: m[3] };
  if (text.startsWith('found=')) return { kind: 'found', count: text.slice(6) };
  return { kind: 'other' };
}

/**
 * One `AccessControlCardRec` record (its `records[i].*` fields). The response does not name its device, so
 * the manifest must. `CreateTimeRealUTC` (true UTC seconds) is preferred; `CreateTime` counts seconds of the
 * device's wall clock as if it were UTC, so it is read as a local time in the device's zone.
 */
export function adaptDahuaRecord(rec: RawFieldMap, ctx: AdapterContext): Adapted {
  const method = intOf(rec.Method);
  if (method === null) {
    return textOf(rec.Method) === null
      ? reject('INGEST.MISSING_FIELD', 'Method', 'Method is required')
      : reject('INGEST.BAD_VALUE', 'Method', 'Method must be an integer');
  }
  if (!DAHUA_FACE_METHODS.has(method)) {
    return skip('INGEST.SKIPPED_NON_FACE_EVENT', `Dahua Method ${method} is not a face`);
  }
  const status = intOf(rec.Status);
  if (status === null) return reject('INGEST.MISSING_FIELD', 'Status', 'Status (1 or 0) is required');
  const subjectRef = textOf(rec.UserID);
  const eventType: CaptureEventType =
    status === 1 ? 'face_match' : subjectRef === null ? 'stranger' : 'face_match_failed';
  return {
    kind: 'fields',
    fields: {
      eventId: textOf(rec.RecNo),
      deviceId: ctx.deviceId,
      occurredAt: dahuaTime(rec.CreateTimeRealUTC, rec.CreateTime),
      eventType,
      subjectRef: eventType === 'stranger' ? null : subjectRef,
      matchScore: null,
      masked: maskOf(rec.Mask),
      purpose: null,
      snapshotSha256: null,
    },
  };
}

function dahuaTime(realUtc: unknown, createTime: unknown): unknown {
  const real = intOf(realUtc);
  if (real !== null && real > 0) return new Date(real * 1000).toISOString();
  const local = intOf(createTime);
  // Wall-clock seconds: render them without an offset so the validator applies the device's zone.
  if (local !== null) return new Date(local * 1000).toISOString().slice(0, 19);
  // Some OEM firmware writes CreateTime as text; the validator reads it (or rejects it as BAD_TIME).
  return createTime;
}

/** Mask values differ by firmware; only explicit true/false words are facts, numeric codes are not trusted. */
function maskOf(v: unknown): boolean | null {
  const t = textOf(v)?.toLowerCase();
  if (t === 'true' || t === 'yes') return true;
  if (t === 'false' || t === 'no') return false;
  return null;
}
