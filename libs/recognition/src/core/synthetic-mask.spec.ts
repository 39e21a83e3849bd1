import { RgbImage, Point } from './face-engine.ports';
import { MASK_OVAL_INDICES, applySyntheticMask, fillPolygon, maskPolygon } from './synthetic-mask';
import { cosineSimilarity } from './similarity';
import { cropToTensor } from './face-crop';
import { thrown } from './thrown.test-helper';

const blank = (width: number, height: number, value = 255): RgbImage => ({
  width,
  height,
  data: new Uint8Array(width * height * 3).fill(value),
});

const painted = (image: RgbImage): number => {
  let n = 0;
  for (let i = 0; i < image.width * image.height; i++) if (image.data[i * 3] !== 255) n++;
  return n;
};

describe('fillPolygon', () => {
  it('fills exactly the pixels whose centres lie inside (a 4×3 rectangle → 12 pixels)', () => {
    const out = fillPolygon(
      blank(10, 10),
      [
        { x: 2, y: 3 },
        { x: 6, y: 3 },
        { x: 6, y: 6 },
        { x: 2, y: 6 },
      ],
      [0, 0, 0],
    );
    expect(painted(out)).toBe(12);
    expect(out.data[(3 * 10 + 2) * 3]).toBe(0);
    expect(out.data[(2 * 10 + 2) * 3]).toBe(255);
  });

  it('fills half of a square for a right triangle on its diagonal, and never alters the input', () => {
    const input = blank(100, 100);
    // The hypotenuse x + y = 100.25 passes through no pixel centre, so the count is unambiguous.
    const out = fillPolygon(
      input,
      [
        { x: 0, y: 0 },
        { x: 100.25, y: 0 },
        { x: 0, y: 100.25 },
      ],
      [0, 0, 0],
    );
    let expected = 0;
    for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) if (x + 0.5 + (y + 0.5) < 100.25) expected++;
    expect(expected).toBe(5050);
    expect(painted(out)).toBe(expected);
    expect(painted(input)).toBe(0);
  });

  it('clips polygons that leave the image', () => {
    const out = fillPolygon(
      blank(4, 4),
      [
        { x: -10, y: -10 },
        { x: 20, y: -10 },
        { x: 20, y: 20 },
        { x: -10, y: 20 },
      ],
      [1, 2, 3],
    );
    expect(painted(out)).toBe(16);
    expect(Array.from(out.data.slice(0, 3))).toEqual([1, 2, 3]);
  });
});

describe('maskPolygon / applySyntheticMask', () => {
  // Fake landmarks: all 468 at (50, 10) except the oval placed on a 40-px circle round (50, 60) and the nose points.
  const landmarks: Point[] = Array.from({ length: 468 }, () => ({ x: 50, y: 10 }));
  MASK_OVAL_INDICES.forEach((index, k) => {
    const angle = Math.PI * (k / (MASK_OVAL_INDICES.length - 1));
    landmarks[index] = { x: 50 - 40 * Math.cos(angle), y: 60 + 40 * Math.sin(angle) };
  });
  landmarks[164] = { x: 50, y: 55 };
  landmarks[197] = { x: 50, y: 40 };
  landmarks[6] = { x: 50, y: 25 };

  it('closes the lower oval over the nose point of the chosen coverage', () => {
    const polygon = maskPolygon(landmarks, 'medium');
    expect(polygon).toHaveLength(MASK_OVAL_INDICES.length + 1);
    expect(polygon[polygon.length - 1]).toEqual({ x: 50, y: 40 });
  });

  it('covers more of the face the higher the nose coverage, in the chosen colour', () => {
    const image = blank(100, 110);
    const low = painted(applySyntheticMask(image, landmarks, { colour: 'black', noseCoverage: 'low' }));
    const medium = painted(applySyntheticMask(image, landmarks, { colour: 'black', noseCoverage: 'medium' }));
    const high = painted(applySyntheticMask(image, landmarks, { colour: 'black', noseCoverage: 'high' }));
    expect(low).toBeGreaterThan(2000);
    expect(medium).toBeGreaterThan(low);
    expect(high).toBeGreaterThan(medium);
    const blue = applySyntheticMask(image, landmarks, { colour: 'light-blue', noseCoverage: 'medium' });
    const centre = (80 * 100 + 50) * 3;
    expect(Array.from(blue.data.slice(centre, centre + 3))).toEqual([140, 190, 230]);
  });

  it('needs FaceMesh landmarks', () => {
    expect(thrown(() => maskPolygon([{ x: 0, y: 0 }], 'low'))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for parallel, 0 for orthogonal and −1 for opposite vectors', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 15);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(thrown(() => cosineSimilarity([1], [1, 2]))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
  });
});

describe('cropToTensor', () => {
  it('returns planar NCHW values normalised per channel, black outside the image', () => {
    const image: RgbImage = {
      width: 2,
      height: 2,
      data: Uint8Array.from([10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30]),
    };
    const out = cropToTensor(
      image,
      { x: 0, y: 0, width: 2, height: 2 },
      { size: 2, mean: [10, 0, 0], std: [1, 2, 10], margin: 1 },
    );
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 10, 10, 10, 10, 3, 3, 3, 3]);
    // Doubling the margin pulls in black border: the centre sample mixes image and outside.
    const wide = cropToTensor(
      image,
      { x: 0, y: 0, width: 2, height: 2 },
      { size: 4, mean: [0, 0, 0], std: [1, 1, 1], margin: 2 },
    );
    expect(wide[0]).toBe(0);
    expect(wide[1 * 4 + 1]).toBeGreaterThan(0);
  });
});
