import { Prng } from './prng';

describe('Prng', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Prng(seed);
      return Array.from({ length: 5 }, () => r.uint32());
    };
    expect(draw(2021)).toEqual(draw(2021));
    expect(draw(2021)).not.toEqual(draw(2022));
  });

  it('draws floats in [0, 1) with a plausible mean and integers in range', () => {
    const r = new Prng(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.float();
      if (x < 0 || x >= 1) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
    const hits = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) hits[r.int(6)]++;
    for (const h of hits) expect(Math.abs(h - 10_000)).toBeLessThan(500);
  });
});
