import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const FIXTURES = path.join(__dirname, '..', 'libs', 'inspection', 'src', 'fixtures');
/** The fixture firm of the small inspection folder (Ningbo, division code 330201). */
export const FIXTURE_FIRM = '91330201MA2GT00012';

/**
 * The small inspection fixture moved five years on (captures and consents of 2020 happen in 2025, inside the
 * limitation period of a case filed in 2026), with the clue's discovery date in case.json: a folder under `dir`.
 */
export function recentInspectionFolder(dir: string): string {
  const folder = path.join(dir, 'recent-inspection');
  cpSync(path.join(FIXTURES, 'small-inspection'), folder, { recursive: true });
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
  writeFileSync(
    path.join(folder, 'case.json'),
    JSON.stringify({ discoveryDate: '2025-12-26', decisionDate: '2026-01-05' }),
  );
  return folder;
}
