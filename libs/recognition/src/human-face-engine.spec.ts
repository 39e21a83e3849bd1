import { join } from 'node:path';
import { cosineSimilarity } from './core/similarity';
import { applySyntheticMask } from './core/synthetic-mask';
import { RgbImage } from './core/face-engine.ports';
import { HumanFaceEngine } from './human-face-engine';
import { decodeImage } from './image-decoder';

const FACES = join(__dirname, 'fixtures', 'faces');

/** Shifts the image content by (dx, dy) pixels and scales brightness: a second "capture" of the same face. */
function shifted(image: RgbImage, dx: number, dy: number, gain: number): RgbImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, x - dx));
      const sy = Math.min(image.height - 1, Math.max(0, y - dy));
      for (let c = 0; c < 3; c++) {
        data[(y * image.width + x) * 3 + c] = Math.min(
          255,
          image.data[(sy * image.width + sx) * 3 + c] * gain,
        );
      }
    }
  }
  return { width: image.width, height: image.height, data };
}

describe('HumanFaceEngine (bundled models, wasm backend)', () => {
  let engine: HumanFaceEngine;
  let astronaut: RgbImage;
  let hopper: RgbImage;

  beforeAll(async () => {
    engine = await HumanFaceEngine.create();
    astronaut = await decodeImage(join(FACES, 'astronaut.jpg'));
    hopper = await decodeImage(join(FACES, 'grace-hopper.jpg'));
  }, 60_000);

  it('finds the one face in each public-domain photo, with 468 FaceMesh landmarks inside its box', async () => {
    for (const image of [astronaut, hopper]) {
      const faces = await engine.detect(image);
      expect(faces).toHaveLength(1);
      const [face] = faces;
      expect(face.landmarkScheme).toBe('facemesh-468');
      expect(face.landmarks).toHaveLength(468);
      expect(face.score).toBeGreaterThan(0.5);
      expect(face.box.width).toBeGreaterThan(100);
      const nose = face.landmarks[1];
      expect(nose.x).toBeGreaterThan(face.box.x);
      expect(nose.x).toBeLessThan(face.box.x + face.box.width);
    }
  });

  it('gives bit-identical 1024-d embeddings on repeated runs', async () => {
    const [a] = await engine.detect(astronaut);
    const [b] = await engine.detect(astronaut);
    const ea = await engine.embed(astronaut, a);
    const eb = await engine.embed(astronaut, b);
    expect(ea).toHaveLength(1024);
    expect(Array.from(ea)).toEqual(Array.from(eb));
    expect(engine.model).toEqual({ engine: '@vladmandic/human', model: 'faceres', version: '3.3.6' });
  });

  it('scores a shifted, brightened copy of a face above a different person', async () => {
    const embedOf = async (image: RgbImage) => {
      const [face] = await engine.detect(image);
      return engine.embed(image, face);
    };
    const a = await embedOf(astronaut);
    const a2 = await embedOf(shifted(astronaut, 12, -8, 1.15));
    const h = await embedOf(hopper);
    const same = cosineSimilarity(a, a2);
    const different = cosineSimilarity(a, h);
    expect(same).toBeGreaterThan(0.9);
    expect(different).toBeLessThan(same - 0.2);
  });

  it('finds no face in blank images (no low-confidence retry without a known face box)', async () => {
    for (const value of [0, 128, 255]) {
      const blank: RgbImage = { width: 256, height: 256, data: new Uint8Array(256 * 256 * 3).fill(value) };
      expect(await engine.detect(blank)).toEqual([]);
    }
  });

  it('still finds a face under a synthetic mask (BlazeFace-only fallback) and recomputes embeddings by box', async () => {
    const [face] = await engine.detect(astronaut);
    const masked = applySyntheticMask(astronaut, face.landmarks, { colour: 'black', noseCoverage: 'high' });
    const faces = await engine.detect(masked, face.box);
    expect(faces.length).toBeGreaterThanOrEqual(1);
    const copy = { ...face };
    const recomputed = await engine.embed(astronaut, copy);
    expect(Array.from(recomputed)).toEqual(Array.from(await engine.embed(astronaut, face)));
  });
});
