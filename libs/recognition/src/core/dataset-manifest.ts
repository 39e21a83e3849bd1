import { DomainError, parseInstant } from '@app/common';
import { RECOGNITION_ERRORS } from './recognition.errors';

/** One image of an evaluation dataset, as listed in its manifest. */
export interface DatasetImage {
  /** As written in the manifest; resolved against the manifest's folder when relative. */
  path: string;
  subjectId: string;
  /** A real masked capture (it serves as a masked probe; no synthetic mask is drawn on it). */
  masked: boolean;
  /** Epoch ms, or null when the manifest leaves it empty. */
  capturedAt: number | null;
  /** Optional demographic or other labels (every column beyond the four required ones). */
  labels: Record<string, string>;
  /** 1-based line of the manifest. */
  line: number;
}

const REQUIRED = ['path', 'subjectid', 'masked', 'capturedat'] as const;
const DISPLAY: Record<(typeof REQUIRED)[number], string> = {
  path: 'path',
  subjectid: 'subjectId',
  masked: 'masked',
  capturedat: 'capturedAt',
};
const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n', '']);

function bad(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(RECOGNITION_ERRORS.BAD_MANIFEST, message, details);
}

/**
 * Validates a dataset manifest's records (header first): `path, subjectId, masked, capturedAt` plus optional
 * label columns. Times without an offset are read in `timeZone`. Every bad row is refused with its line.
 */
export function readManifestRecords(records: readonly string[][], timeZone = 'UTC'): DatasetImage[] {
  if (records.length === 0) throw bad('the manifest is empty');
  const header = records[0].map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !lower.includes(name));
  if (missing.length > 0) {
    const names = missing.map((name) => DISPLAY[name]);
    throw bad(`manifest header lacks column(s) ${names.join(', ')} (case-insensitive)`, { header });
  }
  const index = Object.fromEntries(REQUIRED.map((name) => [name, lower.indexOf(name)])) as Record<
    (typeof REQUIRED)[number],
    number
  >;
  const labelColumns = header
    .map((name, i) => ({ name, i }))
    .filter(({ i }) => !(REQUIRED as readonly string[]).includes(lower[i]));
  const images: DatasetImage[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < records.length; r++) {
    const record = records[r].map((v) => v.trim());
    const line = r + 1;
    const path = record[index.path] ?? '';
    const subjectId = record[index.subjectid] ?? '';
    if (path === '' || subjectId === '') throw bad(`line ${line}: path and subjectId are required`, { line });
    if (seen.has(path)) throw bad(`line ${line}: ${path} is listed twice`, { line });
    seen.add(path);
    const maskedText = (record[index.masked] ?? '').toLowerCase();
    if (!TRUE.has(maskedText) && !FALSE.has(maskedText)) {
      throw bad(`line ${line}: masked must be true or false, got "${record[index.masked]}"`, { line });
    }
    const capturedText = record[index.capturedat] ?? '';
    const capturedAt = capturedText === '' ? null : parseInstant(capturedText, timeZone);
    if (capturedText !== '' && capturedAt === null) {
      throw bad(`line ${line}: capturedAt "${capturedText}" is not an ISO 8601 time`, { line });
    }
    const labels: Record<string, string> = {};
    for (const { name, i } of labelColumns) if ((record[i] ?? '') !== '') labels[name] = record[i];
    images.push({ path, subjectId, masked: TRUE.has(maskedText), capturedAt, labels, line });
  }
  if (images.length === 0) throw bad('the manifest lists no images');
  return images;
}
