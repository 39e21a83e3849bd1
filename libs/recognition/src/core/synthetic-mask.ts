import { DomainError } from '@app/common';
import { Point, RgbImage } from './face-engine.ports';
import { RECOGNITION_ERRORS } from './recognition.errors';

/**
 * Synthetic face masks drawn from FaceMesh landmarks, after NIST's mask studies (NISTIR 8311/8331): a polygon
 * along the lower face oval, closed over the nose at a chosen height, filled with a flat colour.
 */

/** FaceMesh indices of the lower face oval, from the left cheek round the chin to the right cheek. */
export const MASK_OVAL_INDICES: readonly number[] = [
  234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397, 288, 361, 323, 454,
];

/** How high the mask reaches (NIST: low leaves the nose uncovered, high reaches up near the eyes). */
export type NoseCoverage = 'low' | 'medium' | 'high';

/** FaceMesh point the mask's top edge passes through: below the nose (164), mid-bridge (197), near the eyes (6). */
export const NOSE_COVERAGE_INDEX: Record<NoseCoverage, number> = { low: 164, medium: 197, high: 6 };

/** Mask colours NIST used: black and a light blue close to surgical masks. */
export const MASK_COLOURS = { black: [24, 24, 24], 'light-blue': [140, 190, 230] } as const;
export type MaskColour = keyof typeof MASK_COLOURS;

/** The parameters of a synthetic mask, recorded in every evaluation that uses it. */
export interface MaskStyle {
  colour: MaskColour;
  noseCoverage: NoseCoverage;
}

/** Light blue, medium coverage: the style the accuracy tables in docs/recognition.md use. */
export const DEFAULT_MASK_STYLE: MaskStyle = { colour: 'light-blue', noseCoverage: 'medium' };

/** The mask polygon for a face's 468 FaceMesh landmarks (take them from the unmasked image). */
export function maskPolygon(landmarks: readonly Point[], noseCoverage: NoseCoverage): Point[] {
  if (landmarks.length < 468) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `a synthetic mask needs 468 FaceMesh landmarks, got ${landmarks.length}`,
    );
  }
  return [...MASK_OVAL_INDICES.map((i) => landmarks[i]), landmarks[NOSE_COVERAGE_INDEX[noseCoverage]]];
}

/**
 * Returns a copy of `image` with `polygon` filled in `rgb` (even-odd rule, pixel centres), so masking is
 * exact and reproducible without a rasteriser.
 */
export function fillPolygon(
  image: RgbImage,
  polygon: readonly Point[],
  rgb: readonly [number, number, number],
): RgbImage {
  const data = Uint8Array.from(image.data);
  const { width, height } = image;
  if (polygon.length < 3) return { width, height, data };
  const ys = polygon.map((p) => p.y);
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  const crossings: number[] = [];
  for (let y = top; y <= bottom; y++) {
    const cy = y + 0.5;
    crossings.length = 0;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i];
      const b = polygon[j];
      if (a.y <= cy !== b.y <= cy) crossings.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    crossings.sort((p, q) => p - q);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k] - 0.5));
      const to = Math.min(width - 1, Math.floor(crossings[k + 1] - 0.5));
      for (let x = from; x <= to; x++) {
        const o = (y * width + x) * 3;
        data[o] = rgb[0];
        data[o + 1] = rgb[1];
        data[o + 2] = rgb[2];
      }
    }
  }
  return { width, height, data };
}

/** Draws a synthetic mask of the given style on `image` using landmarks of the same, unmasked image. */
export function applySyntheticMask(
  image: RgbImage,
  landmarks: readonly Point[],
  style: MaskStyle = DEFAULT_MASK_STYLE,
): RgbImage {
  const [r, g, b] = MASK_COLOURS[style.colour];
  return fillPolygon(image, maskPolygon(landmarks, style.noseCoverage), [r, g, b]);
}
