/**
 * Why a vendor record was read but not ingested as a capture. A skip is not a defect of the record: it is an
 * event of another kind (a card swipe, a door state, an alarm, a heartbeat) that a face-recognition audit
 * does not need. Skips are counted per file, so read = accepted + duplicates + skipped + rejected.
 */
export const SKIP_REASONS = ['INGEST.SKIPPED_NON_FACE_EVENT', 'INGEST.SKIPPED_HEARTBEAT'] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

/** One sentence per skip reason, for reports. */
export const SKIP_REASON_DESCRIPTIONS: Readonly<Record<SkipReason, string>> = {
  'INGEST.SKIPPED_NON_FACE_EVENT':
    'An access or device event that did not involve a face (card, fingerprint, password, door state, alarm, operation).',
  'INGEST.SKIPPED_HEARTBEAT': 'A keep-alive message from the device, not an event.',
};
