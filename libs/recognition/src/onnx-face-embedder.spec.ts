/**
 * @jest-environment ./libs/recognition/test-support/native-typed-arrays.environment.js
 */
import { onnx } from 'onnx-proto';
import { OnnxFaceEmbedder } from './onnx-face-embedder';
import { DetectedFace, RgbImage } from './core/face-engine.ports';

/**
 * A tiny ONNX model written by the test itself: input [1,3,4,4] → GlobalAveragePool → Flatten → MatMul W
 * [3,4]. Its output is computable by hand: (mean R, mean G, mean B, mean R + mean G − mean B).
 */
function tinyModel(): Uint8Array {
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const valueInfo = (name: string, dims: number[]): onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'bioaudit-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-embedder',
      node: [
        { opType: 'GlobalAveragePool', input: ['input'], output: ['pooled'] },
        {
          opType: 'Flatten',
          input: ['pooled'],
          output: ['flat'],
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
        },
        { opType: 'MatMul', input: ['flat', 'W'], output: ['embedding'] },
      ],
      initializer: [
        { name: 'W', dataType: FLOAT, dims: [3, 4], floatData: [1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, -1] },
      ],
      input: [valueInfo('input', [1, 3, 4, 4])],
      output: [valueInfo('embedding', [1, 4])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** An 8×8 image: left half (x < 4) colour (200, 100, 50), right half (20, 40, 60). */
function twoTone(): RgbImage {
  const data = new Uint8Array(8 * 8 * 3);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) data.set(x < 4 ? [200, 100, 50] : [20, 40, 60], (y * 8 + x) * 3);
  }
  return { width: 8, height: 8, data };
}

const face = (x: number, y: number, side: number): DetectedFace => ({
  box: { x, y, width: side, height: side },
  score: 1,
  landmarks: [],
  landmarkScheme: 'none',
});

describe('OnnxFaceEmbedder', () => {
  const info = { engine: 'onnxruntime-node', model: 'tiny-test-embedder', version: '1' };

  it('runs a generated ONNX model on the cropped, normalised face and returns its output', async () => {
    const embedder = await OnnxFaceEmbedder.create({
      model: tinyModel(),
      info,
      crop: { size: 4, mean: [0, 0, 0], std: [255, 255, 255], margin: 1 },
    });
    expect(embedder.model).toEqual(info);
    // The 4×4 box over the left half is uniformly (200, 100, 50): means 200/255, 100/255, 50/255.
    const left = await embedder.embed(twoTone(), face(0, 0, 4));
    const [r, g, b] = [200 / 255, 100 / 255, 50 / 255];
    expect(Array.from(left).map((v) => Number(v.toFixed(5)))).toEqual(
      [r, g, b, r + g - b].map((v) => Number(v.toFixed(5))),
    );
    // The whole 8×8 image resampled to 4×4 averages both halves.
    const whole = await embedder.embed(twoTone(), face(0, 0, 8));
    expect(whole[0]).toBeCloseTo((200 + 20) / 2 / 255, 5);
    expect(whole[2]).toBeCloseTo((50 + 60) / 2 / 255, 5);
  });

  it('refuses a file that is not an ONNX model', async () => {
    await expect(
      OnnxFaceEmbedder.create({
        model: new Uint8Array([1, 2, 3]),
        info,
        crop: { size: 4, mean: [0, 0, 0], std: [1, 1, 1], margin: 1 },
      }),
    ).rejects.toMatchObject({ code: 'RECOGNITION.ENGINE_UNAVAILABLE' });
  });
});
