import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RgbImage } from './core/face-engine.ports';
import { evaluateDatasetFile } from './dataset-evaluation.service';
import { formatDatasetReport } from './dataset-report.formatter';
import { decodeImage, encodePng } from './image-decoder';
import { ReferenceFaceEngine } from './reference-face-engine';

const FACES = join(__dirname, 'fixtures', 'faces');

/** A second "capture": content shifted by (dx, dy) and brightness scaled. */
function variant(image: RgbImage, dx: number, dy: number, gain: number): RgbImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, x - dx));
      const sy = Math.min(image.height - 1, Math.max(0, y - dy));
      for (let c = 0; c < 3; c++)
        data[(y * image.width + x) * 3 + c] = Math.min(
          255,
          image.data[(sy * image.width + sx) * 3 + c] * gain,
        );
    }
  }
  return { ...image, data };
}

describe('evaluateDatasetFile (bundled engine on the public-domain fixtures)', () => {
  let engine: ReferenceFaceEngine;
  let manifest: string;

  beforeAll(async () => {
    engine = await ReferenceFaceEngine.bundled();
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-dataset-'));
    for (const name of ['astronaut', 'grace-hopper']) {
      await copyFile(join(FACES, `${name}.jpg`), join(dir, `${name}-1.jpg`));
      const image = await decodeImage(join(FACES, `${name}.jpg`));
      await writeFile(join(dir, `${name}-2.png`), await encodePng(variant(image, 10, -6, 1.1)));
    }
    await writeFile(
      join(dir, 'blank.png'),
      await encodePng({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 3).fill(128) }),
    );
    manifest = join(dir, 'manifest.csv');
    await writeFile(
      manifest,
      [
        'path,subjectId,masked,capturedAt,sex',
        'astronaut-1.jpg,collins,false,1995-02-03T00:00:00Z,F',
        'astronaut-2.png,collins,false,,F',
        'grace-hopper-1.jpg,hopper,false,,F',
        'grace-hopper-2.png,hopper,false,,F',
        'blank.png,nobody,false,,',
      ].join('\n'),
    );
  }, 60_000);

  it('runs all three conditions, records engine and inputs, and counts the blank image as a failure to acquire', async () => {
    const report = await evaluateDatasetFile(manifest, { engine, threshold: 0.5, bootstrapReplicates: 50 });
    expect(report.engine.embedder).toEqual({
      engine: '@vladmandic/human',
      model: 'faceres',
      version: '3.3.6',
    });
    expect(report.manifest).toMatchObject({ images: 5, subjects: 3 });
    expect(report.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.images.map((i) => i.faces)).toEqual([1, 1, 1, 1, 0]);
    expect(report.images[4].note).toBe('no face in the unmasked image');
    expect(report.images.slice(0, 4).every((i) => i.maskedTemplate)).toBe(true);
    const [unmasked, maskedProbe, bothMasked] = report.conditions;
    // Genuine: collins 1–2, hopper 1–2; impostor: 4 cross pairs + 4 with the blank (failures to acquire).
    expect(unmasked.report.genuine).toMatchObject({ n: 2, errors: 0 });
    expect(unmasked.report.impostor).toMatchObject({ n: 4, errors: 0 });
    expect(unmasked.report.failuresToAcquire).toEqual({ genuine: 0, impostor: 4 });
    expect(maskedProbe.report.genuine.n).toBe(4);
    expect(bothMasked.report.genuine.n).toBe(2);
    expect(
      report.strata.filter((s) => s.column === 'sex' && s.value === 'F' && s.condition === 'unmasked')[0]
        .genuine.n,
    ).toBe(2);
    expect(report.maskStyle).toEqual({ colour: 'light-blue', noseCoverage: 'medium' });
    const text = formatDatasetReport(report);
    expect(text).toContain('5 images, 3 subjects');
    expect(text).toContain('Threshold: 0.5 (given), applied to every condition');
    expect(text).toMatch(/unmasked\s+2\s+4 /);
    expect(text).toContain('blank.png: no face in the unmasked image');
    expect(text).toContain('sex=F unmasked: FNMR 0/2');
  }, 120_000);

  it('is deterministic: the same inputs give the same report', async () => {
    const a = await evaluateDatasetFile(manifest, { engine, bootstrapReplicates: 50 });
    const b = await evaluateDatasetFile(manifest, { engine, bootstrapReplicates: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.operatingPoint.source).toBe('eer');
  }, 120_000);

  it('refuses a manifest pointing at a missing image with its line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-dataset-'));
    const bad = join(dir, 'm.csv');
    await writeFile(bad, 'path,subjectId,masked,capturedAt\nnope.jpg,a,false,\n');
    await expect(evaluateDatasetFile(bad, { engine })).rejects.toMatchObject({
      code: 'RECOGNITION.FILE_NOT_FOUND',
    });
  });
});
