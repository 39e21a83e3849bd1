import { appendFileSync, cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const FIXTURE = path.join(__dirname, '..', '..', 'inspection', 'src', 'fixtures', 'small-inspection');
/** The fixture firm of the small inspection folder (Ningbo, division code 330201). */
export const FIXTURE_FIRM = '91330201MA2GT00012';

/**
 * The small inspection fixture moved five years on (its 2020 captures and consents happen in 2025, within the
 * limitation period of a 2026 decision), as `<dir>/<name>`, with `extraCaptures` appended to captures.jsonl:
 * new evidence of the same firm (the unchanged files are the same batches again).
 */
export function inspectionFolder(
  dir: string,
  name: string,
  extraCaptures: readonly Record<string, unknown>[] = [],
): string {
  const folder = path.join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  cpSync(FIXTURE, folder, { recursive: true });
  rmSync(path.join(folder, 'expected.json'), { force: true });
  for (const f of readdirSync(folder)) {
    if (!/\.(jsonl|csv)$/.test(f)) continue;
    const p = path.join(folder, f);
    writeFileSync(
      p,
      readFileSync(p, 'utf8').replace(
        /\b(20[12]\d)-(\d\d-\d\d)/g,
        (_, y: string, md: string) => `${Number(y) + 5}-${md}`,
      ),
    );
  }
  if (extraCaptures.length > 0) {
    appendFileSync(
      path.join(folder, 'captures.jsonl'),
      extraCaptures.map((c) => `${JSON.stringify(c)}\n`).join(''),
    );
  }
  return folder;
}

/** A face capture on the fixture's camera (CAM-01) of `subjectRef` at a Beijing time `YYYY-MM-DDTHH:mm`. */
export function capture(eventId: string, subjectRef: string, beijing: string): Record<string, unknown> {
  return {
    eventId,
    deviceId: 'CAM-01',
    occurredAt: `${beijing}:00+08:00`,
    eventType: 'face_match',
    subjectRef,
    matchScore: 0.95,
  };
}
