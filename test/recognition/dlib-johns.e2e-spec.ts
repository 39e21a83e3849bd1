/**
 * Accuracy regression of the bundled engine on dlib's "johns" set (5 public figures × 11 photos), fetched
 * at test time with `apt-get download libdlib19.1` (never committed). Pins the accuracy measured when the
 * engine was built, per NIST mask condition, within a stated tolerance, and checks determinism.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetReport, ReferenceFaceEngine, evaluateDatasetFile } from '@app/recognition';
import { fetchDlibJohns } from '../../bench/recognition/dlib-johns';

/** Measured 2026-11 on x86-64 (wasm SIMD, one thread); see docs/recognition.md. */
const PINNED = {
  unmasked: { genuine: 275, impostor: 1210, eer: 0.002, fnmrAt1pct: 0 },
  'masked-probe': { genuine: 550, impostor: 2420, eer: 0.125, fnmrAt1pct: 0.335 },
  'both-masked': { genuine: 275, impostor: 1210, eer: 0.07, fnmrAt1pct: 0.185 },
} as const;
/** Absolute tolerance on rates: room for another CPU's wasm arithmetic, not for a different model. */
const TOLERANCE = 0.01;

describe('bundled engine on dlib johns (evaluate dataset, end to end)', () => {
  let report: DatasetReport;
  let engine: ReferenceFaceEngine;
  let manifest: string;

  beforeAll(async () => {
    manifest = fetchDlibJohns(mkdtempSync(join(tmpdir(), 'bioaudit-johns-')));
    engine = await ReferenceFaceEngine.bundled();
    report = await evaluateDatasetFile(manifest, {
      engine,
      claim: { metric: 'FNMR', max: 0.05, atFMR: 0.01, condition: 'masked-probe' },
      bootstrapReplicates: 200,
    });
  }, 300_000);

  it.each(Object.entries(PINNED))('reproduces the %s accuracy within ±1 point', (condition, pinned) => {
    const result = report.conditions.find((c) => c.condition === condition)?.report;
    expect(result).toBeDefined();
    if (result === undefined) return;
    expect(result.genuine.n + result.failuresToAcquire.genuine).toBe(pinned.genuine);
    expect(result.impostor.n + result.failuresToAcquire.impostor).toBe(pinned.impostor);
    expect(result.failuresToAcquire).toEqual({ genuine: 0, impostor: 0 });
    expect(Math.abs((result.eer ?? NaN) - pinned.eer)).toBeLessThanOrEqual(TOLERANCE);
    const at1 = result.fnmrAtFmr.find((f) => f.fmrTarget === 0.01);
    expect(Math.abs((at1?.fnmr ?? NaN) - pinned.fnmrAt1pct)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('refutes "FNMR ≤ 5 % with a mask at FMR 1 %" at the unmasked-calibrated threshold (NIST protocol)', () => {
    expect(report.operatingPoint).toMatchObject({
      source: 'calibrated',
      calibratedOn: 'unmasked',
      atFMR: 0.01,
    });
    expect(report.verdict?.result).toBe('REFUTED');
  });

  it('gives the same report on a second run', async () => {
    const again = await evaluateDatasetFile(manifest, {
      engine,
      claim: { metric: 'FNMR', max: 0.05, atFMR: 0.01, condition: 'masked-probe' },
      bootstrapReplicates: 200,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  }, 300_000);
});
