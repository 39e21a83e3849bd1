import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { DomainError } from '@app/common';
import { CropSpec, cropToTensor } from './core/face-crop';
import { DetectedFace, FaceEmbedder, ModelInfo, RgbImage } from './core/face-engine.ports';
import { RECOGNITION_ERRORS } from './core/recognition.errors';

/** An ONNX face-embedding model and how to feed it (ArcFace-style models: 112 px, mean 127.5, std 127.5). */
export interface OnnxEmbedderOptions {
  /** Path to the .onnx file, or its bytes. */
  model: string | Uint8Array;
  /** Recorded beside every score, e.g. { engine: 'onnxruntime-node', model: 'arcface-r100', version: '2024-03' }. */
  info: ModelInfo;
  crop: CropSpec;
  /** Input and output names; default to the model's first. */
  inputName?: string;
  outputName?: string;
}

/**
 * A FaceEmbedder running any ONNX model on the CPU through onnxruntime-node, so a regulator can plug in a
 * properly licensed model it has procured. The face is cropped from the detector's box; nothing is sent
 * anywhere. Runs single-threaded so results do not depend on the machine's core count.
 */
export class OnnxFaceEmbedder implements FaceEmbedder {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly model: ModelInfo,
    private readonly crop: CropSpec,
    private readonly inputName: string,
    private readonly outputName: string,
  ) {}

  /** Loads the model into an onnxruntime CPU session. */
  static async create(options: OnnxEmbedderOptions): Promise<OnnxFaceEmbedder> {
    try {
      const bytes = typeof options.model === 'string' ? await readFile(options.model) : options.model;
      const session = await ort.InferenceSession.create(bytes, {
        executionProviders: ['cpu'],
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
      });
      return new OnnxFaceEmbedder(
        session,
        options.info,
        options.crop,
        options.inputName ?? session.inputNames[0],
        options.outputName ?? session.outputNames[0],
      );
    } catch (error) {
      throw new DomainError(
        RECOGNITION_ERRORS.ENGINE_UNAVAILABLE,
        `the ONNX embedder could not load: ${(error as Error).message}`,
        { model: options.info },
        { cause: error },
      );
    }
  }

  /** The model's output vector for the face cropped from `image`. */
  async embed(image: RgbImage, face: DetectedFace): Promise<Float32Array> {
    const input = cropToTensor(image, face.box, this.crop);
    const tensor = new ort.Tensor('float32', input, [1, 3, this.crop.size, this.crop.size]);
    const output = await this.session.run({ [this.inputName]: tensor });
    const result = output[this.outputName];
    if (result === undefined || result.type !== 'float32') {
      throw new DomainError(
        RECOGNITION_ERRORS.ENGINE_UNAVAILABLE,
        `the ONNX model gave no float32 output "${this.outputName}"`,
      );
    }
    return Float32Array.from(result.data as Float32Array);
  }
}
