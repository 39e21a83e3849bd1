import { hash } from 'node:crypto';
import type { CaptureEventRecord, ConsentRecordInput } from '@app/common';

/**
 * The canonical serialisation of a capture used for its identity when it has no eventId: a JSON array of a
 * version tag and the validated fields in a fixed order. Because it is built from the validated record (epoch
 * ms, lower-case hash, parsed number), the same event reads to the same key whether it came from JSONL or
 * CSV, with `Z` or `+08:00`, `0.9` or `0.90`.
 */
export function canonicalCaptureForm(r: CaptureEventRecord): string {
  return JSON.stringify([
    'capture/v1',
    r.deviceId,
    r.occurredAt,
    r.eventType,
    r.subjectRef,
    r.matchScore,
    r.masked,
    r.purpose,
    r.snapshotSha256,
  ]);
}

/**
 * A capture's identity within its device: its eventId when it has one, otherwise `sha256:` and the hex
 * SHA-256 of its canonical form. The database's unique key is (firm, deviceId, key).
 */
export function captureIdentityKey(r: CaptureEventRecord): string {
  if (r.eventId !== null) return r.eventId;
  return `sha256:${hash('sha256', canonicalCaptureForm(r), 'hex')}`;
}

/** A consent's identity within its firm: its consentId. */
export function consentIdentityKey(r: ConsentRecordInput): string {
  return r.consentId;
}
