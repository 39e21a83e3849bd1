import { FaceBox, RgbImage } from './face-engine.ports';

/** How an ONNX embedder wants its input: square side, per-channel normalisation, and box enlargement. */
export interface CropSpec {
  size: number;
  /** Subtracted from each 0–255 channel value before dividing by `std`. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** The box is scaled by this factor about its centre and made square before cropping. */
  margin: number;
}

/**
 * Crops a square around `box` (scaled by `margin`), resamples it bilinearly to size × size and returns it
 * as a planar NCHW float32 tensor, normalised per channel. Pixels outside the image read as black.
 */
export function cropToTensor(image: RgbImage, box: FaceBox, spec: CropSpec): Float32Array {
  const { size, mean, std, margin } = spec;
  const side = Math.max(box.width, box.height) * margin;
  const x0 = box.x + box.width / 2 - side / 2;
  const y0 = box.y + box.height / 2 - side / 2;
  const scale = side / size;
  const out = new Float32Array(3 * size * size);
  const { width, height, data } = image;
  const at = (x: number, y: number, c: number): number =>
    x < 0 || y < 0 || x >= width || y >= height ? 0 : data[(y * width + x) * 3 + c];
  for (let v = 0; v < size; v++) {
    const sy = y0 + (v + 0.5) * scale - 0.5;
    const yi = Math.floor(sy);
    const fy = sy - yi;
    for (let u = 0; u < size; u++) {
      const sx = x0 + (u + 0.5) * scale - 0.5;
      const xi = Math.floor(sx);
      const fx = sx - xi;
      for (let c = 0; c < 3; c++) {
        const top = at(xi, yi, c) * (1 - fx) + at(xi + 1, yi, c) * fx;
        const bottom = at(xi, yi + 1, c) * (1 - fx) + at(xi + 1, yi + 1, c) * fx;
        out[c * size * size + v * size + u] = (top * (1 - fy) + bottom * fy - mean[c]) / std[c];
      }
    }
  }
  return out;
}
