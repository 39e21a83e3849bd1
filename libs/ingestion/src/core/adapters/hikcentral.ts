import type { CaptureEventType } from '@app/common';
import type { RawFieldMap } from '../field-reader';
import { intOf, reject, skip, textOf, type Adapted, type AdapterContext } from './capture-adapter';

/** HikCentral / iSecure Center (Artemis) door-event types that involve a face (appendix D2.1). */
const FACE_EVENT_TYPES: Readonly<Record<number, 'pass' | 'fail'>> = {
  196893: 'pass', // face authentication passed
  197151: 'fail', // face authentication failed
};

/** Columns a HikCentral door-event export must have. */
export const HIKCENTRAL_REQUIRED_COLUMNS = ['eventTime', 'eventType'] as const;

/**
 * One row of a HikCentral door-event export (Artemis DoorEventsV2 field names as CSV columns). The row names
 * its device (`devIndexCode`, else the reader's `readerDevIndexCode`) unless the manifest attributes the file.
 */
export function adaptHikCentralRow(row: RawFieldMap, ctx: AdapterContext): Adapted {
  const code = intOf(row.eventType);
  if (code === null) {
    return textOf(row.eventType) === null
      ? reject('INGEST.MISSING_FIELD', 'eventType', 'eventType is required')
      : reject('INGEST.BAD_VALUE', 'eventType', 'eventType must be an integer HikCentral event code');
  }
  const outcome = FACE_EVENT_TYPES[code];
  if (outcome === undefined) {
    const name = textOf(row.eventName);
    return skip(
      'INGEST.SKIPPED_NON_FACE_EVENT',
      `HikCentral event type ${code}${name === null ? '' : ` (${name.slice(0, 60)})`} is not a face event`,
    );
  }
  const subjectRef = textOf(row.personId);
  const eventType: CaptureEventType =
    outcome === 'pass' ? 'face_match' : subjectRef === null ? 'stranger' : 'face_match_failed';
  return {
    kind: 'fields',
    fields: {
      eventId: textOf(row.eventId),
      deviceId: ctx.deviceId ?? textOf(row.devIndexCode) ?? textOf(row.readerDevIndexCode),
      occurredAt: row.eventTime,
      eventType,
      subjectRef: eventType === 'stranger' ? null : subjectRef,
      matchScore: null,
      masked: null,
      purpose: null,
      snapshotSha256: null,
    },
  };
}
