import {
  DetectedFace,
  FaceBox,
  FaceDetector,
  FaceEmbedder,
  ModelInfo,
  RgbImage,
} from './core/face-engine.ports';
import { cosineSimilarity } from './core/similarity';
import { HumanFaceEngine, HumanFaceEngineOptions } from './human-face-engine';

/** The engine that produced a score: detector and embedder with versions, and the similarity used. */
export interface EngineRecord {
  detector: ModelInfo;
  embedder: ModelInfo;
  similarity: 'cosine';
}

/** One image's enrolment result: its largest face and embedding, or a failure to acquire (face null). */
export interface FaceTemplate {
  faceCount: number;
  face: DetectedFace | null;
  embedding: Float32Array | null;
}

/** A comparison score with the engine that produced it; score null is a failure to acquire. */
export interface EngineScore {
  score: number | null;
  engine: EngineRecord;
}

/**
 * The regulator's reference engine: a FaceDetector and a FaceEmbedder behind ports, compared by cosine.
 * Everything runs in-process on local files; no image is sent anywhere.
 */
export class ReferenceFaceEngine {
  readonly engine: EngineRecord;

  constructor(
    private readonly detector: FaceDetector,
    private readonly embedder: FaceEmbedder,
  ) {
    this.engine = { detector: detector.model, embedder: embedder.model, similarity: 'cosine' };
  }

  /** The bundled engine (Human: BlazeFace + FaceMesh + FaceRes on wasm), installed by npm ci alone. */
  static async bundled(options: HumanFaceEngineOptions = {}): Promise<ReferenceFaceEngine> {
    const human = await HumanFaceEngine.create(options);
    return new ReferenceFaceEngine(
      { model: human.detectorModel, detect: (image, near) => human.detect(image, near) },
      human,
    );
  }

  /** Faces in an image, largest first (with landmarks where the detector gives them); see FaceDetector. */
  detect(image: RgbImage, near?: FaceBox): Promise<DetectedFace[]> {
    return this.detector.detect(image, near);
  }

  /**
   * The template of the largest face (or of the face near `near`, for a masked copy of an image whose
   * unmasked face is known); `face` is null when no face was found (failure to acquire).
   */
  async template(image: RgbImage, near?: FaceBox): Promise<FaceTemplate> {
    const faces = await this.detector.detect(image, near);
    if (faces.length === 0) return { faceCount: 0, face: null, embedding: null };
    const embedding = await this.embedder.embed(image, faces[0]);
    return { faceCount: faces.length, face: faces[0], embedding };
  }

  /** Cosine similarity of two templates with the engine record; null score when either failed to acquire. */
  compare(a: FaceTemplate, b: FaceTemplate): EngineScore {
    const score =
      a.embedding === null || b.embedding === null ? null : cosineSimilarity(a.embedding, b.embedding);
    return { score, engine: this.engine };
  }
}
