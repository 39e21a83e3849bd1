import { detAxisMin, detChartOption, detHasClamped, placeRate, type DetChartInput } from './det-chart-option';

const text = {
  curve: 'DET',
  operating: 'Operating point',
  eer: 'EER',
  fmrAxis: 'FMR axis',
  fnmrAxis: 'FNMR axis',
  fmr: 'FMR',
  fnmr: 'FNMR',
  onEdge: (rate: string) => `${rate} (axis edge)`,
  claimLine: (metric: string, max: string) => `Claim: ${metric} ≤ ${max}`,
  pct: (v: number) => `${+(v * 100).toFixed(3)} %`,
};

interface Datum {
  value: [number, number];
  rates: [number, number];
  clamped: boolean;
  symbol?: string;
  label?: { show: boolean; formatter: string; position: string; align: string };
}
interface Series {
  name: string;
  data: Datum[];
  markLine?: {
    data: { xAxis?: number; yAxis?: number; name: string; label: { show?: boolean; position?: string } }[];
  };
}
const seriesOf = (input: DetChartInput) => detChartOption(input, text).series as unknown as Series[];
const tooltip = (input: DetChartInput, series: number, index: number) => {
  const s = seriesOf(input)[series];
  const d = s.data[index];
  return detChartOption(input, text).tooltip.formatter({ seriesName: s.name, data: d, value: d.value });
};

/** The portal spec's trial log: one false reject and one false accept in four attempts, claim "accuracy ≥ 99 %". */
const trialLog: DetChartInput = {
  det: [
    { threshold: 0.12, fmr: 1, fnmr: 0 },
    { threshold: 0.42, fmr: 0.5, fnmr: 0 },
    { threshold: 0.77, fmr: 0.5, fnmr: 0.5 },
    { threshold: 0.91, fmr: 0, fnmr: 0.5 },
    { threshold: null, fmr: 0, fnmr: 1 },
  ],
  floor: 0.5 / 2,
  operating: { fmr: 0.5, fnmr: 0.5 },
  eer: 0.5,
  claim: { metric: 'ACCURACY', max: 0.01, atFMR: null },
};

/** fmr-claim-refuted.csv at threshold 0.7: 20 of 200 false matches, no false non-match in 40; claim FMR ≤ 1 %. */
const comparisons: DetChartInput = {
  det: [
    { threshold: 0.1, fmr: 1, fnmr: 0 },
    { threshold: 0.7, fmr: 0.1, fnmr: 0 },
    { threshold: 0.8, fmr: 0.02, fnmr: 0.3 },
    { threshold: null, fmr: 0, fnmr: 1 },
  ],
  floor: 0.5 / 200,
  operating: { fmr: 0.1, fnmr: 0 },
  eer: 0.0667,
  claim: { metric: 'FMR', max: 0.01, atFMR: null },
};

describe('the DET chart of a stored evaluation run', () => {
  it('draws without animation, so a run opened after another never shows points gliding from the old ones', () => {
    // The reported "50 % drawn near 10–20 %" was ECharts morphing the previous run's series into this one's.
    expect(detChartOption(trialLog, text).animation).toBe(false);
  });

  it("puts a trial log's operating point and EER at their rates: FMR 50 %, FNMR 50 %", () => {
    const [curve, operating, eer] = seriesOf(trialLog);
    expect(operating.data).toEqual([{ value: [0.5, 0.5], rates: [0.5, 0.5], clamped: false }]);
    expect(eer.data).toEqual([{ value: [0.5, 0.5], rates: [0.5, 0.5], clamped: false }]);
    // The curve passes through the operating point at its own value, in the same units (fractions).
    expect(curve.data.map((d) => d.value)).toContainEqual([0.5, 0.5]);
    // The axes reach below the claim's 1 %, so the claim is drawn inside the plot on both rates.
    const option = detChartOption(trialLog, text);
    expect([option.xAxis.min, option.yAxis.min, option.xAxis.max]).toEqual([0.001, 0.001, 1]);
    // One limit on both rates is said once, on the FNMR line; the FMR line beside it carries no label to cross it.
    expect(curve.markLine?.data.map((l) => [l.xAxis, l.yAxis, l.name])).toEqual([
      [0.01, undefined, 'Claim: FMR ≤ 1 %'],
      [undefined, 0.01, 'Claim: FMR, FNMR ≤ 1 %'],
    ]);
    expect(curve.markLine?.data.map((l) => l.label)).toEqual([
      { show: false },
      { formatter: '{b}', position: 'insideStartTop', color: '#7d5a00' },
    ]);
  });

  it('draws a rate of 0 on the axis edge with a hollow mark and a label, and the tooltip keeps the true 0 %', () => {
    const [curve, operating] = seriesOf(comparisons);
    const min = detChartOption(comparisons, text).xAxis.min;
    expect(min).toBe(0.001);
    expect(operating.data[0]).toMatchObject({
      value: [0.1, min],
      rates: [0.1, 0],
      clamped: true,
      symbol: 'emptyCircle',
      label: { show: true, formatter: 'FNMR 0 % (axis edge)', position: 'top', align: 'left' },
    });
    // At FMR 100 % the label reaches left, into the plot.
    const right = seriesOf({ ...comparisons, operating: { fmr: 1, fnmr: 0 } })[1].data[0];
    expect(right.label).toMatchObject({ position: 'top', align: 'right' });
    expect(tooltip(comparisons, 1, 0)).toBe('Operating point<br/>FMR 10 %<br/>FNMR 0 %');
    // The curve's accept-nothing end (FMR 0, FNMR 100 %) sits on the left edge and its tooltip says 0 %.
    expect(curve.data[3]).toMatchObject({ value: [min, 1], rates: [0, 1], clamped: true });
    expect(tooltip(comparisons, 0, 3)).toBe('DET<br/>FMR 0 %<br/>FNMR 100 %');
    expect(detHasClamped(comparisons)).toBe(true);
    expect(detHasClamped({ ...comparisons, det: [], operating: { fmr: 0.1, fnmr: 0.05 } })).toBe(false);
  });

  it('places rates on a logarithmic axis as they are: no rescaling, 100 % at the top, 0 % on the edge', () => {
    expect(placeRate(0.5, 0.1)).toEqual({ at: 0.5, value: 0.5, clamped: false });
    expect(placeRate(1, 0.1)).toEqual({ at: 1, value: 1, clamped: false });
    expect(placeRate(0.1, 0.1)).toEqual({ at: 0.1, value: 0.1, clamped: false });
    expect(placeRate(0, 0.001)).toEqual({ at: 0.001, value: 0, clamped: true });
    expect(placeRate(Number.NaN, 0.001).clamped).toBe(true);
  });

  it.each([
    [0.25, null, 0.1],
    [0.0025, null, 0.001],
    [0.001, null, 0.001],
    [0.5 / 3, null, 0.1],
    [0.0025, { metric: 'FNMR' as const, max: 0.05, atFMR: 0.0001 }, 0.00001],
    [0.25, { metric: 'ACCURACY' as const, max: 0.01, atFMR: null }, 0.001],
    [0.0025, { metric: 'FMR' as const, max: 0.01, atFMR: null }, 0.001],
    [0.25, { metric: 'FMR' as const, max: 0, atFMR: null }, 0.1],
  ])('starts the axes at the decade below floor %s and the claim %j: %s', (floor, claim, min) => {
    expect(detAxisMin(floor, claim)).toBe(min);
  });
});
