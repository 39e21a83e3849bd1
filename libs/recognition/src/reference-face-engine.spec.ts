/**
 * @jest-environment ./libs/recognition/test-support/native-typed-arrays.environment.js
 */
import { join } from 'node:path';
import { DetectedFace, FaceDetector, RgbImage } from './core/face-engine.ports';
import { applySyntheticMask } from './core/synthetic-mask';
import { decodeImage } from './image-decoder';
import { OnnxFaceEmbedder } from './onnx-face-embedder';
import { ReferenceFaceEngine } from './reference-face-engine';
import { onnx } from 'onnx-proto';

const FACES = join(__dirname, 'fixtures', 'faces');

/** Identity-free ONNX model for plumbing: mean of each channel over a 4×4 crop. */
function channelMeanModel(): Uint8Array {
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const io = (name: string, dims: number[]): onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        name: 'channel-mean',
        node: [
          { opType: 'GlobalAveragePool', input: ['x'], output: ['p'] },
          { opType: 'Flatten', input: ['p'], output: ['y'] },
        ],
        input: [io('x', [1, 3, 4, 4])],
        output: [io('y', [1, 3])],
      },
    }),
  ).finish();
}

describe('ReferenceFaceEngine', () => {
  let engine: ReferenceFaceEngine;
  let astronaut: RgbImage;
  let hopper: RgbImage;

  beforeAll(async () => {
    engine = await ReferenceFaceEngine.bundled();
    astronaut = await decodeImage(join(FACES, 'astronaut.jpg'));
    hopper = await decodeImage(join(FACES, 'grace-hopper.jpg'));
  }, 60_000);

  it('records engine, model and version with every score', async () => {
    const a = await engine.template(astronaut);
    const h = await engine.template(hopper);
    const result = engine.compare(a, h);
    expect(result.engine).toEqual({
      detector: { engine: '@vladmandic/human', model: 'blazeface+facemesh', version: '3.3.6' },
      embedder: { engine: '@vladmandic/human', model: 'faceres', version: '3.3.6' },
      similarity: 'cosine',
    });
    expect(result.score).toBeGreaterThan(-1);
    expect(result.score).toBeLessThan(0.9);
    expect(engine.compare(a, a).score).toBeCloseTo(1, 6);
  });

  it('passes the known face box to the detector, so a synthetic-mask copy is still enrolled', async () => {
    const unmasked = await engine.template(astronaut);
    const face = unmasked.face as DetectedFace;
    const masked = applySyntheticMask(astronaut, face.landmarks, { colour: 'black', noseCoverage: 'high' });
    const template = await engine.template(masked, face.box);
    expect(template.face).not.toBeNull();
    expect(template.embedding).toHaveLength(1024);
    const score = engine.compare(unmasked, template).score as number;
    expect(score).toBeLessThan(0.999);
    expect(score).toBeGreaterThan(-1);
  });

  it('reports a failure to acquire for an image without a face', async () => {
    const grey: RgbImage = { width: 256, height: 256, data: new Uint8Array(256 * 256 * 3).fill(128) };
    const none = await engine.template(grey);
    expect(none).toEqual({ faceCount: 0, face: null, embedding: null });
    expect(engine.compare(none, await engine.template(astronaut)).score).toBeNull();
  });

  it('plugs an ONNX embedder behind the same port, cropping from the detected box', async () => {
    const detector: FaceDetector = {
      model: { engine: 'test', model: 'fixed-box', version: '1' },
      detect: (image: RgbImage): Promise<DetectedFace[]> =>
        Promise.resolve([
          {
            box: { x: 0, y: 0, width: image.width, height: image.height },
            score: 1,
            landmarks: [],
            landmarkScheme: 'none',
          },
        ]),
    };
    const embedder = await OnnxFaceEmbedder.create({
      model: channelMeanModel(),
      info: { engine: 'onnxruntime-node', model: 'channel-mean', version: '1' },
      crop: { size: 4, mean: [0, 0, 0], std: [1, 1, 1], margin: 1 },
    });
    const onnxEngine = new ReferenceFaceEngine(detector, embedder);
    const red: RgbImage = {
      width: 4,
      height: 4,
      data: new Uint8Array(48).map((_, i) => (i % 3 === 0 ? 200 : 0)),
    };
    const green: RgbImage = {
      width: 4,
      height: 4,
      data: new Uint8Array(48).map((_, i) => (i % 3 === 1 ? 200 : 0)),
    };
    const r = await onnxEngine.template(red);
    expect(Array.from(r.embedding ?? [])).toEqual([200, 0, 0]);
    const result = onnxEngine.compare(r, await onnxEngine.template(green));
    expect(result.score).toBe(0);
    expect(result.engine.embedder.model).toBe('channel-mean');
  });
});
