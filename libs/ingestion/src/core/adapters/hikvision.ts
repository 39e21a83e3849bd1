import type { CaptureEventType } from '@app/common';
import type { RawFieldMap } from '../field-reader';
import { intOf, reject, skip, textOf, type Adapted, type AdapterContext } from './capture-adapter';

/** HCNetSDK major codes (NET_DVR_... MAJOR_*): only 5 (event) carries access-control events. */
const MAJOR_NAMES: Readonly<Record<number, string>> = {
  1: 'alarm',
  2: 'exception',
  3: 'operation',
  5: 'event',
};
const MAJOR_EVENT = 5;

/**
 * Minor codes of major 5 that involve a face, and what they say. A fail whose record names no employee is a
 * face the device could not match to anyone enrolled: a stranger. 105 compares the live face with the photo
 * on an ID card, 1043 rejects a face image of low quality: the face was captured either way.
 */
const FACE_MINORS: Readonly<Record<number, 'pass' | 'fail' | 'capture'>> = {
  75: 'pass', // face verify pass
  76: 'fail', // face verify fail
  77: 'pass', // employee no + face pass
  78: 'fail', // employee no + face fail
  80: 'fail', // face recognise fail
  105: 'pass', // person vs ID card compare pass
  1043: 'capture', // face image quality low
};

/** Names of common non-face minors, so a skip message says what was skipped. */
const NON_FACE_MINORS: Readonly<Record<number, string>> = {
  1: 'valid card pass',
  6: 'card without permission',
  9: 'card not found',
  21: 'door unlocked',
  22: 'door locked',
  38: 'fingerprint pass',
  39: 'fingerprint fail',
};

/** The facts both Hikvision shapes carry, under their own names. */
interface HikvisionFacts {
  major: unknown;
  minor: unknown;
  majorField: string;
  minorField: string;
  time: unknown;
  employeeNo: unknown;
  serialNo: unknown;
  mask: unknown;
  deviceId: unknown;
}

/**
 * One `AcsEvent.InfoList[]` item of an ISAPI access-control event search. The search result does not name
 * its device, so the manifest must.
 */
export function adaptHikvisionSearchItem(item: RawFieldMap, ctx: AdapterContext): Adapted {
  return adaptFacts(
    {
      major: item.major,
      minor: item.minor,
      majorField: 'major',
      minorField: 'minor',
      time: item.time,
      employeeNo: item.employeeNoString ?? item.employeeNo,
      serialNo: item.serialNo,
      mask: item.mask,
      deviceId: null,
    },
    ctx,
  );
}

/**
 * One real-time push payload (the JSON of the `event_log` / `AccessControllerEvent` form part): the time
 * and device are on the envelope, the event inside `AccessControllerEvent` with majorEventType/subEventType.
 */
export function adaptHikvisionPush(payload: RawFieldMap, ctx: AdapterContext): Adapted {
  const eventType = textOf(payload.eventType);
  if (eventType !== null && eventType.toLowerCase() === 'heartbeat') {
    return skip('INGEST.SKIPPED_HEARTBEAT', 'Hikvision heartBeat message');
  }
  if (eventType !== null && eventType !== 'AccessControllerEvent') {
    return skip(
      'INGEST.SKIPPED_NON_FACE_EVENT',
      `Hikvision ${clipName(eventType)} message is not an access event`,
    );
  }
  const inner = payload.AccessControllerEvent;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    return reject(
      'INGEST.MISSING_FIELD',
      'AccessControllerEvent',
      'a Hikvision push payload needs an AccessControllerEvent object',
    );
  }
  const ev = inner as RawFieldMap;
  return adaptFacts(
    {
      major: ev.majorEventType,
      minor: ev.subEventType,
      majorField: 'AccessControllerEvent.majorEventType',
      minorField: 'AccessControllerEvent.subEventType',
      time: payload.dateTime,
      employeeNo: ev.employeeNoString ?? ev.employeeNo,
      serialNo: ev.serialNo,
      mask: ev.mask,
      deviceId: payload.deviceID ?? payload.shortSerialNumber ?? payload.macAddress,
    },
    ctx,
  );
}

function adaptFacts(f: HikvisionFacts, ctx: AdapterContext): Adapted {
  const major = intOf(f.major);
  if (major === null) return codeProblem(f.majorField, f.major);
  if (major !== MAJOR_EVENT) {
    return skip(
      'INGEST.SKIPPED_NON_FACE_EVENT',
      `Hikvision major ${major} (${MAJOR_NAMES[major] ?? 'unknown'}) is not an access event`,
    );
  }
  const minor = intOf(f.minor);
  if (minor === null) return codeProblem(f.minorField, f.minor);
  const outcome = FACE_MINORS[minor];
  if (outcome === undefined) {
    return skip(
      'INGEST.SKIPPED_NON_FACE_EVENT',
      `Hikvision minor ${minor} (${NON_FACE_MINORS[minor] ?? 'not a face event'})`,
    );
  }
  const subjectRef = textOf(f.employeeNo);
  let eventType: CaptureEventType;
  if (outcome === 'pass') eventType = 'face_match';
  else if (outcome === 'capture') eventType = 'face_capture';
  else eventType = subjectRef === null ? 'stranger' : 'face_match_failed';
  return {
    kind: 'fields',
    fields: {
      eventId: textOf(f.serialNo),
      deviceId: ctx.deviceId ?? textOf(f.deviceId),
      occurredAt: f.time,
      eventType,
      subjectRef: eventType === 'stranger' ? null : subjectRef,
      matchScore: null,
      masked: maskOf(f.mask),
      purpose: null,
      snapshotSha256: null,
    },
  };
}

/** `mask` is `yes`/`no` on firmware that detects masks and `unknown` elsewhere; only the first two are facts. */
function maskOf(v: unknown): boolean | null {
  const t = textOf(v)?.toLowerCase();
  if (t === 'yes') return true;
  if (t === 'no') return false;
  return null;
}

function codeProblem(field: string, v: unknown): Adapted {
  return v === undefined || v === null || v === ''
    ? reject('INGEST.MISSING_FIELD', field, `${field} is required`)
    : reject('INGEST.BAD_VALUE', field, `${field} must be an integer event code`);
}

function clipName(t: string): string {
  return t.length <= 40 ? t : `${t.slice(0, 40)}…`;
}
