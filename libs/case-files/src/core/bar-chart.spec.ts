import { layoutBarChart, niceStep } from './bar-chart';

describe('niceStep', () => {
  it.each([
    [0, 1],
    [0.3, 0.5],
    [1, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [66.5, 100],
    [76250, 100000],
    [12000, 20000],
  ])('niceStep(%d) = %d', (x, step) => expect(niceStep(x)).toBe(step));
});

describe('layoutBarChart', () => {
  it('scales bars to a round axis maximum with even ticks', () => {
    const layout = layoutBarChart(
      [
        { key: 'NO_CONSENT', value: 266 },
        { key: 'CONSENT_EXPIRED', value: 22 },
        { key: 'CONSENT_WITHDRAWN', value: 0 },
      ],
      300,
    );
    expect(layout.axisMax).toBe(300);
    expect(layout.ticks).toEqual([0, 100, 200, 300]);
    expect(layout.bars.map((b) => b.length)).toEqual([266, 22, 0]);
  });

  it('never draws a non-zero value invisibly short', () => {
    const layout = layoutBarChart(
      [
        { key: 'a', value: 1_000_000 },
        { key: 'b', value: 1 },
      ],
      200,
    );
    expect(layout.bars[1].length).toBe(1);
    expect(layout.bars[0].length).toBe(200);
  });

  it('keeps integer ticks for small counts and a usable axis when every value is zero', () => {
    expect(layoutBarChart([{ key: 'a', value: 3 }], 100).ticks).toEqual([0, 1, 2, 3]);
    const empty = layoutBarChart([{ key: 'a', value: 0 }], 100);
    expect(empty.axisMax).toBe(1);
    expect(empty.bars[0].length).toBe(0);
  });
});
