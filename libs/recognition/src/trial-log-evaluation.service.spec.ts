import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage, encodePng } from './image-decoder';
import { ReferenceFaceEngine } from './reference-face-engine';
import { evaluateTrialLogFile } from './trial-log-evaluation.service';

const FACES = join(__dirname, 'fixtures', 'faces');

describe('evaluateTrialLogFile', () => {
  it("judges the claim on the device's decisions and scores the same pairs with the reference engine", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-trial-'));
    await copyFile(join(FACES, 'astronaut.jpg'), join(dir, 'collins-ref.jpg'));
    await copyFile(join(FACES, 'grace-hopper.jpg'), join(dir, 'hopper-ref.jpg'));
    const astronaut = await decodeImage(join(FACES, 'astronaut.jpg'));
    const hopper = await decodeImage(join(FACES, 'grace-hopper.jpg'));
    await writeFile(
      join(dir, 'collins-gate.png'),
      await encodePng({ ...astronaut, data: astronaut.data.map((v) => Math.round(v * 0.9)) }),
    );
    await writeFile(
      join(dir, 'hopper-gate.png'),
      await encodePng({ ...hopper, data: hopper.data.map((v) => Math.min(255, Math.round(v * 1.1))) }),
    );
    const log = join(dir, 'trial.csv');
    await writeFile(
      log,
      [
        'probeImage,referenceImage,probeSubject,referenceSubject,decision,score',
        'collins-gate.png,collins-ref.jpg,collins,collins,accept,0.91',
        'hopper-gate.png,hopper-ref.jpg,hopper,hopper,reject,0.42',
        'collins-gate.png,hopper-ref.jpg,collins,hopper,reject,0.12',
        'hopper-gate.png,collins-ref.jpg,hopper,collins,accept,0.77',
      ].join('\n'),
    );
    const engine = await ReferenceFaceEngine.bundled();
    const report = await evaluateTrialLogFile(log, { engine, claim: 'accuracy ≥ 95 %' });
    expect(report).toMatchObject({ pairs: 4, images: 4 });
    expect(report.device.operatingPoint).toBe('decisions');
    expect(report.device.genuine).toMatchObject({ n: 2, errors: 1 });
    expect(report.device.impostor).toMatchObject({ n: 2, errors: 1 });
    // 1 error in 2: the one-sided lower bound (2.5 %) stays under the 5 % claim, the upper bound far above it.
    expect(report.device.verdict?.result).toBe('INCONCLUSIVE');
    expect(
      (await evaluateTrialLogFile(log, { engine, claim: 'accuracy ≥ 99 %' })).device.verdict?.result,
    ).toBe('REFUTED');
    // The engine separates these two people cleanly: EER 0 on the same four pairs.
    expect(report.referenceEngine.eer).toBe(0);
    expect(report.referenceEngine.verdict).toBeNull();
    expect(report.engine.embedder.model).toBe('faceres');
  }, 120_000);
});
