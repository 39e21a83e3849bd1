/**
 * Ports of the reference face engine. A detector finds faces (with landmarks where it can) and an embedder
 * turns a detected face into a vector; scores are cosine similarities of vectors. Implementations live
 * outside core: the bundled one on @vladmandic/human, and any ONNX model through onnxruntime-node.
 */

/** A decoded image: 8-bit RGB, row-major, interleaved (r, g, b per pixel), no alpha. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned box in image pixels. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which landmark numbering a detector returns; masks need FaceMesh's 468 points. */
export type LandmarkScheme = 'facemesh-468' | 'none';

export interface DetectedFace {
  box: FaceBox;
  /** Detector confidence in [0, 1]. */
  score: number;
  landmarks: Point[];
  landmarkScheme: LandmarkScheme;
}

/** What produced a result: recorded beside every score so a report can name engine, model and version. */
export interface ModelInfo {
  engine: string;
  model: string;
  version: string;
}

export interface FaceDetector {
  readonly model: ModelInfo;
  /**
   * Faces in the image, largest first. With `near` (where the same face was found in an unmasked copy of
   * the image) the detector may search harder, e.g. at a lower confidence, but returns only faces
   * overlapping that box: masked probes are known to contain a face, arbitrary images are not.
   */
  detect(image: RgbImage, near?: FaceBox): Promise<DetectedFace[]>;
}

export interface FaceEmbedder {
  readonly model: ModelInfo;
  /** The embedding of one face of `image` as found by a detector. */
  embed(image: RgbImage, face: DetectedFace): Promise<Float32Array>;
}
