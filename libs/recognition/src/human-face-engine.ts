import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { io as tfIo } from '@tensorflow/tfjs-core';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { DomainError } from '@app/common';
import {
  DetectedFace,
  FaceBox,
  FaceDetector,
  FaceEmbedder,
  ModelInfo,
  RgbImage,
} from './core/face-engine.ports';
import { RECOGNITION_ERRORS } from './core/recognition.errors';

type HumanModule = { Human: new (config?: Partial<Config>) => Human };

/** Options of the bundled engine; the defaults are what the accuracy tables in docs/recognition.md used. */
export interface HumanFaceEngineOptions {
  /** Faces per image at most. */
  maxFaces?: number;
  /** BlazeFace confidence below which a box is dropped. */
  minConfidence?: number;
  /** Confidence used by the BlazeFace-only retry when FaceMesh rejects every face (masked faces). */
  fallbackMinConfidence?: number;
  /**
   * Black border added on every side before detection, as a fraction of the longer side. BlazeFace needs
   * context round a face: on tightly cropped face chips (dlib's, many terminals' snapshots) it otherwise
   * splits a masked face into fragments. Boxes and landmarks are mapped back to the original image.
   */
  padding?: number;
}

const HUMAN_VERSION = '3.3.6';
/** Intersection over union above which two boxes are taken to be the same face. */
const MIN_OVERLAP = 0.3;

function humanPaths(): { module: string; models: string; wasm: string } {
  // Human's exports map lacks "./" on its subpaths, so the wasm build is reached by file path.
  const main = require.resolve('@vladmandic/human');
  const wasmMain = require.resolve('@tensorflow/tfjs-backend-wasm');
  return {
    module: join(dirname(main), 'human.node-wasm.js'),
    models: join(dirname(main), '..', 'models'),
    wasm: `${dirname(wasmMain)}/`,
  };
}

function faceConfig(mesh: boolean, options: Required<HumanFaceEngineOptions>): Partial<Config> {
  return {
    face: {
      enabled: true,
      detector: {
        rotation: false,
        maxDetected: options.maxFaces,
        minConfidence: mesh ? options.minConfidence : options.fallbackMinConfidence,
        return: false,
      },
      mesh: { enabled: mesh },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: true },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      attention: { enabled: false },
    },
  };
}

function iou(a: FaceBox, b: FaceBox): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = x * y;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * The bundled reference engine: BlazeFace + FaceMesh (468 landmarks) + HSE FaceRes (1024-d) from
 * @vladmandic/human 3.3.6 on TensorFlow.js' wasm backend, models read from the npm package on disk. Detection
 * runs with FaceMesh and retries BlazeFace-only when the mesh drops every face (FaceMesh rejects many
 * masked faces). Human computes the embedding with the detection, so embed() reuses it.
 */
export class HumanFaceEngine implements FaceDetector, FaceEmbedder {
  readonly model: ModelInfo = { engine: '@vladmandic/human', model: 'faceres', version: HUMAN_VERSION };
  readonly detectorModel: ModelInfo = {
    engine: '@vladmandic/human',
    model: 'blazeface+facemesh',
    version: HUMAN_VERSION,
  };
  private readonly embeddings = new WeakMap<DetectedFace, Float32Array>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly human: Human,
    private readonly options: Required<HumanFaceEngineOptions>,
  ) {}

  /** Loads the models from node_modules (about 0.1 s); never touches the network. */
  static async create(options: HumanFaceEngineOptions = {}): Promise<HumanFaceEngine> {
    const settings: Required<HumanFaceEngineOptions> = {
      maxFaces: options.maxFaces ?? 10,
      minConfidence: options.minConfidence ?? 0.2,
      fallbackMinConfidence: options.fallbackMinConfidence ?? 0.05,
      padding: options.padding ?? 0.25,
    };
    const paths = humanPaths();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is computed (see humanPaths)
      const { Human } = require(paths.module) as HumanModule;
      const human = new Human({
        backend: 'wasm',
        wasmPath: paths.wasm,
        modelBasePath: `file://${paths.models}/`,
        debug: false,
        async: false,
        warmup: 'none',
        // 0 disables Human's frame-to-frame caching: every image is processed from scratch (determinism).
        cacheSensitivity: 0,
        filter: { enabled: false },
        gesture: { enabled: false },
        body: { enabled: false },
        hand: { enabled: false },
        object: { enabled: false },
        segmentation: { enabled: false },
        ...faceConfig(true, settings),
      });
      registerFileLoader(human);
      await human.load();
      return new HumanFaceEngine(human, settings);
    } catch (error) {
      throw new DomainError(
        RECOGNITION_ERRORS.ENGINE_UNAVAILABLE,
        `the bundled face engine could not start: ${(error as Error).message}`,
        {},
        { cause: error },
      );
    }
  }

  /**
   * Faces with FaceMesh landmarks. Given `near`, faces overlapping that box only, and when FaceMesh rejects
   * them all (it drops many masked faces) a BlazeFace-only retry at low confidence. Without `near` there
   * is no retry: at low confidence BlazeFace finds "faces" in blank images, which would hide failures to
   * acquire.
   */
  async detect(image: RgbImage, near?: FaceBox): Promise<DetectedFace[]> {
    const faces = await this.run(image, true);
    if (near === undefined) return faces;
    const overlapping = (list: DetectedFace[]) => list.filter((f) => iou(f.box, near) >= MIN_OVERLAP);
    const meshed = overlapping(faces);
    if (meshed.length > 0) return meshed;
    return overlapping(await this.run(image, false)).sort((a, b) => iou(b.box, near) - iou(a.box, near));
  }

  /** The FaceRes embedding of a face; recomputed by matching boxes when the face came from elsewhere. */
  async embed(image: RgbImage, face: DetectedFace): Promise<Float32Array> {
    const cached = this.embeddings.get(face);
    if (cached !== undefined) return cached;
    const faces = await this.detect(image, face.box);
    let best: DetectedFace | undefined;
    let bestOverlap = MIN_OVERLAP;
    for (const candidate of faces) {
      const overlap = iou(candidate.box, face.box);
      if (overlap > bestOverlap) {
        best = candidate;
        bestOverlap = overlap;
      }
    }
    const embedding = best && this.embeddings.get(best);
    if (embedding === undefined) {
      throw new DomainError(
        RECOGNITION_ERRORS.IMAGE_UNREADABLE,
        'the engine found no face matching the given box',
      );
    }
    return embedding;
  }

  /** Human keeps state per detect() call, so calls are serialised. */
  private run(image: RgbImage, mesh: boolean): Promise<DetectedFace[]> {
    const next = this.queue.then(() => this.detectOnce(image, mesh));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async detectOnce(image: RgbImage, mesh: boolean): Promise<DetectedFace[]> {
    const tf = this.human.tf as typeof import('@tensorflow/tfjs-core');
    const pad = Math.round(Math.max(image.width, image.height) * this.options.padding);
    const width = image.width + 2 * pad;
    const height = image.height + 2 * pad;
    const pixels = new Int32Array(width * height * 3);
    for (let y = 0; y < image.height; y++) {
      const from = y * image.width * 3;
      pixels.set(image.data.subarray(from, from + image.width * 3), ((y + pad) * width + pad) * 3);
    }
    const tensor = tf.tensor(pixels, [1, height, width, 3], 'int32');
    try {
      const result = await this.human.detect(tensor, faceConfig(mesh, this.options));
      if (result.error) throw new Error(result.error);
      const faces = result.face
        .filter((f: FaceResult) => f.embedding !== undefined && f.embedding.length > 0)
        .map((f: FaceResult) => {
          const face: DetectedFace = {
            box: { x: f.box[0] - pad, y: f.box[1] - pad, width: f.box[2], height: f.box[3] },
            score: f.boxScore ?? f.score,
            landmarks:
              mesh && f.mesh.length >= 468 ? f.mesh.map((p) => ({ x: p[0] - pad, y: p[1] - pad })) : [],
            landmarkScheme: mesh && f.mesh.length >= 468 ? 'facemesh-468' : 'none',
          };
          this.embeddings.set(face, Float32Array.from(f.embedding as number[]));
          return face;
        });
      return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    } finally {
      tf.dispose(tensor);
    }
  }
}

/** tfjs cannot read file:// URLs without tfjs-node; this router reads model.json and its shards from disk. */
function registerFileLoader(human: Human): void {
  const tf = human.tf as typeof import('@tensorflow/tfjs-core');
  tf.io.registerLoadRouter((url: string | string[]): tfIo.IOHandler => {
    const target = Array.isArray(url) ? url[0] : url;
    // A router declines a URL by returning null (tfjs' typings omit it).
    if (typeof target !== 'string' || !target.startsWith('file://')) return null as unknown as tfIo.IOHandler;
    const file = target.slice('file://'.length);
    return {
      load: async () => {
        const json = JSON.parse(await readFile(file, 'utf8')) as Parameters<
          typeof tf.io.getModelArtifactsForJSON
        >[0];
        return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          const specs = manifest.flatMap((group) => group.weights);
          const shards = await Promise.all(
            manifest.flatMap((group) => group.paths.map((p) => readFile(join(dirname(file), p)))),
          );
          const all = Buffer.concat(shards);
          const weights = new Uint8Array(all.byteLength);
          weights.set(all);
          return [specs, weights.buffer];
        });
      },
    };
  });
}
