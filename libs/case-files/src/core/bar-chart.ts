export interface BarChartDatum {
  key: string;
  value: number;
}

export interface BarChartLayout {
  /** The value at the right end of the axis: a "nice" number at or above the largest value. */
  axisMax: number;
  /** Axis tick values from 0 to `axisMax`, evenly spaced. */
  ticks: number[];
  /** Bar length in the same units as `plotWidth`; a non-zero value is never drawn shorter than 1. */
  bars: { key: string; value: number; length: number }[];
}

/** The smallest 1, 2 or 5 × 10^k that is ≥ `x`, so the axis reads in round steps. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) {
    if (m * magnitude >= x) return m * magnitude;
  }
  return 10 * magnitude;
}

/** Lays out a horizontal bar chart: scale, ticks and bar lengths for a plot `plotWidth` wide. */
export function layoutBarChart(data: BarChartDatum[], plotWidth: number, targetTicks = 4): BarChartLayout {
  const max = Math.max(0, ...data.map((d) => d.value));
  const step = Math.max(1, niceStep(max / targetTicks));
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= axisMax + step / 2; t += step) ticks.push(t);
  const bars = data.map((d) => {
    const raw = (d.value / axisMax) * plotWidth;
    return { key: d.key, value: d.value, length: d.value > 0 ? Math.max(1, raw) : 0 };
  });
  return { axisMax, ticks, bars };
}
