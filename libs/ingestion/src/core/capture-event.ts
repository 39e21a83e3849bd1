import { CAPTURE_EVENT_TYPES, PURPOSES, type CaptureEventRecord, type DeviceProfile } from '@app/common';
import { clip, FieldReader, type RawFieldMap, type Validation } from './field-reader';
import { EARLIEST_PLAUSIBLE_TIME, evidenceTimeParser, type TimeWindow } from './time-sanity';

/** Columns a captures CSV must have. */
export const CAPTURE_REQUIRED_FIELDS = ['deviceId', 'occurredAt', 'eventType'] as const;

/** What a capture is validated against: the firm's accepted devices by id. */
export interface CaptureContext {
  devices: ReadonlyMap<string, DeviceProfile>;
  /** The plausible window of occurredAt (time-sanity.ts); absent: only the window's lower bound, 2000-01-01. */
  window?: TimeWindow;
  /** Replaces a subjectRef that is a personal identifier by its pseudonym before storage; absent: kept as given. */
  pseudonymise?: (ref: string) => string;
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const EARLIEST_ONLY: TimeWindow = { notBefore: EARLIEST_PLAUSIBLE_TIME, notAfter: Number.POSITIVE_INFINITY };

/**
 * Validates one capture record. Fields are checked in the order eventId, deviceId, occurredAt, eventType,
 * subjectRef, matchScore, masked, purpose, snapshotSha256; the first problem is the rejection. A time
 * without an offset is read in the device's time zone; occurredAt must pass the time sanity checks
 * (time-sanity.ts: no year 0000-0099 or 9999, no local time the zone skips, inside the plausible window).
 */
export function validateCaptureEvent(raw: RawFieldMap, ctx: CaptureContext): Validation<CaptureEventRecord> {
  const r = new FieldReader(raw);
  const eventId = r.optionalText('eventId');
  const deviceId = r.requiredText('deviceId');
  let zone = '';
  if (!r.failed) {
    const device = ctx.devices.get(deviceId);
    if (device === undefined) {
      r.reject(
        'INGEST.UNKNOWN_DEVICE',
        'deviceId',
        `deviceId "${clip(deviceId)}" is not an accepted row of devices.csv`,
      );
    } else {
      zone = device.timezone;
    }
  }
  const occurredAt = r.requiredTime(
    'occurredAt',
    evidenceTimeParser('occurredAt', zone, { window: ctx.window ?? EARLIEST_ONLY }),
  );
  const eventType = r.requiredEnum('eventType', CAPTURE_EVENT_TYPES);
  const subjectRef = r.optionalText('subjectRef');
  const matchScore = r.optionalNumber('matchScore', 0, 1);
  const masked = r.optionalBoolean('masked');
  const purpose = r.optionalEnum('purpose', PURPOSES);
  const sha = r.optionalText('snapshotSha256');
  if (sha !== null && !SHA256_HEX.test(sha)) {
    r.reject(
      'INGEST.OUT_OF_RANGE',
      'snapshotSha256',
      `snapshotSha256 must be 64 hexadecimal characters, got "${clip(sha)}"`,
    );
  }
  if (r.failed) return { ok: false, rejection: r.firstProblem };
  return {
    ok: true,
    value: {
      eventId,
      deviceId,
      occurredAt,
      eventType,
      subjectRef: subjectRef !== null && ctx.pseudonymise ? ctx.pseudonymise(subjectRef) : subjectRef,
      matchScore,
      masked,
      purpose,
      snapshotSha256: sha === null ? null : sha.toLowerCase(),
    },
  };
}
