/** One point of a stored run's DET curve, as the server reports it (rates as fractions, 0…1). */
export interface DetPoint {
  fmr: number;
  fnmr: number;
  threshold: number | null;
}

/** The claim's limits as the server read them (fractions): what the chart draws as dashed lines. */
export interface DetClaim {
  metric: 'FMR' | 'FNMR' | 'ACCURACY';
  max: number;
  atFMR: number | null;
}

export interface DetChartInput {
  det: DetPoint[];
  /** The smallest rate worth drawing (0.5 / n of the larger sample): the axis starts at its decade. */
  floor: number;
  /** The rates at the run's operating point (the given threshold, or the device's own decisions). */
  operating: { fmr: number; fnmr: number } | null;
  eer: number | null;
  claim: DetClaim | null;
}

/** The words the chart shows, already translated; `pct` formats a fraction as a percentage. */
export interface DetChartText {
  curve: string;
  operating: string;
  eer: string;
  /** The axis names. */
  fmrAxis: string;
  fnmrAxis: string;
  /** The rates' short names (tooltip, labels). */
  fmr: string;
  fnmr: string;
  /** "FNMR 0 %, on the axis edge": said beside a point that cannot sit where its value is. */
  onEdge: (rate: string) => string;
  claimLine: (metric: string, max: string) => string;
  pct: (v: number) => string;
}

/** A rate placed on a logarithmic axis running from `min` to 1 (100 %). */
export interface PlacedRate {
  /** Where it is drawn. */
  at: number;
  /** The rate itself, for the tooltip and labels. */
  value: number;
  /** True when the rate is below the axis (0 %, which no logarithmic axis holds) and is drawn on its edge. */
  clamped: boolean;
}

/**
 * The lower end of both axes: the decade at or below the floor and below half of every positive claimed limit, so a
 * claim's dashed line lies inside the plot (not on its edge, over the axis and the rates of 0 drawn there) even when
 * the sample's floor is above it.
 */
export function detAxisMin(floor: number, claim: DetClaim | null): number {
  const limits = [floor, (claim?.max ?? 0) / 2, (claim?.atFMR ?? 0) / 2].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0,
  );
  const smallest = Math.min(...limits, 1);
  // 1eN, not 10 ** N: Math.pow(10, -4) is 0.00009999999999999999, which no axis label should show.
  return Number(`1e${Math.floor(Math.log10(smallest) + 1e-9)}`);
}

/**
 * Places a rate (a fraction) on a logarithmic axis [min, 1]. The axis value is the rate itself — the axis does the
 * logarithm, nothing here rescales it — except below `min` (0 %): such a rate is drawn on the axis edge and says so.
 */
export function placeRate(value: number, min: number): PlacedRate {
  if (!(value >= min)) return { at: min, value, clamped: true };
  return { at: Math.min(value, 1), value, clamped: false };
}

interface PointDatum {
  value: [number, number];
  rates: [number, number];
  clamped: boolean;
  symbol?: string;
  label?: object;
}

function pointDatum(
  fmr: number,
  fnmr: number,
  min: number,
  text: DetChartText,
  emptySymbol: string,
  labelled: boolean,
): PointDatum {
  const x = placeRate(fmr, min);
  const y = placeRate(fnmr, min);
  const datum: PointDatum = { value: [x.at, y.at], rates: [fmr, fnmr], clamped: x.clamped || y.clamped };
  if (datum.clamped && labelled) {
    const said = [
      ...(x.clamped ? [`${text.fmr} ${text.pct(fmr)}`] : []),
      ...(y.clamped ? [`${text.fnmr} ${text.pct(fnmr)}`] : []),
    ].join(', ');
    datum.symbol = emptySymbol;
    datum.label = {
      show: true,
      // Above the point, reaching right: the curve beyond a point on the bottom edge runs along that edge, and from a
      // point on the left edge it rises along it, so neither crosses the label. Near the right end it reaches left.
      position: 'top',
      align: Math.log10(x.at) / Math.log10(min) < 0.3 ? 'right' : 'left',
      formatter: text.onEdge(said),
      color: '#444',
      backgroundColor: '#fff',
      padding: [2, 4],
    };
  }
  return datum;
}

/**
 * The ECharts option of a stored run's DET chart: FNMR against FMR on logarithmic axes, the operating point, the EER
 * point and the claim's limits. Rates of 0 are drawn on the axis edge with a hollow mark and a label, and every
 * tooltip shows the true rate. Animation is off: ECharts otherwise glides the previous run's points to the new ones,
 * and for a second (and in a screenshot) a 50 % point sits near 20 %.
 */
export function detChartOption(input: DetChartInput, text: DetChartText) {
  const min = detAxisMin(input.floor, input.claim);
  const axis = (name: string) => ({
    type: 'log' as const,
    logBase: 10,
    min,
    max: 1,
    name,
    nameLocation: 'middle' as const,
    nameGap: 36,
    axisLabel: { formatter: (v: number) => text.pct(v) },
    splitLine: { show: true, lineStyle: { color: '#e5e5e5' } },
    minorSplitLine: { show: true, lineStyle: { color: '#f3f3f3' } },
    minorTick: { show: true },
  });
  const claimLines: object[] = [];
  const claim = input.claim;
  if (claim) {
    // At the low end: a DET curve runs from high FNMR at low FMR to low FNMR at high FMR, so a limit's low end
    // (bottom of an FMR line, left of an FNMR line) is where the curve is not. With two lines, the FMR line's label
    // would cross the FNMR line: an accuracy claim (one limit on both) is said once, on the FNMR line, and an FMR
    // line beside an FNMR limit is labelled at its middle.
    const line = (metric: string, v: number, along: 'xAxis' | 'yAxis', position: string | null) => {
      const placed = placeRate(v, min);
      const said = text.claimLine(metric, text.pct(v));
      claimLines.push({
        [along]: placed.at,
        name: placed.clamped ? text.onEdge(said) : said,
        label: position ? { formatter: '{b}', position, color: '#7d5a00' } : { show: false },
      });
    };
    switch (claim.metric) {
      case 'FMR':
        line(text.fmr, claim.max, 'xAxis', 'insideStartTop');
        break;
      case 'FNMR':
        line(text.fnmr, claim.max, 'yAxis', 'insideStartTop');
        if (claim.atFMR !== null) line(text.fmr, claim.atFMR, 'xAxis', 'insideMiddleTop');
        break;
      case 'ACCURACY':
        line(text.fmr, claim.max, 'xAxis', null);
        line(`${text.fmr}, ${text.fnmr}`, claim.max, 'yAxis', 'insideStartTop');
        break;
    }
  }
  const operating = input.operating;
  return {
    animation: false,
    legend: { top: 0, data: [text.curve, text.operating, text.eer] },
    tooltip: {
      trigger: 'item' as const,
      formatter: (p: {
        seriesName: string;
        data?: { rates?: [number, number] };
        value: [number, number];
      }) => {
        const [fmr, fnmr] = p.data?.rates ?? p.value;
        return `${p.seriesName}<br/>${text.fmr} ${text.pct(fmr)}<br/>${text.fnmr} ${text.pct(fnmr)}`;
      },
    },
    grid: { left: 72, right: 28, top: 40, bottom: 56 },
    xAxis: axis(text.fmrAxis),
    yAxis: { ...axis(text.fnmrAxis), nameGap: 56 },
    series: [
      {
        name: text.curve,
        type: 'line' as const,
        showSymbol: false,
        lineStyle: { color: '#1f4e79', width: 2 },
        itemStyle: { color: '#1f4e79' },
        data: input.det.map((p) => pointDatum(p.fmr, p.fnmr, min, text, 'emptyCircle', false)),
        markLine:
          claimLines.length > 0
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#b7950b', type: 'dashed' as const, width: 1.5 },
                data: claimLines,
              }
            : undefined,
      },
      {
        name: text.operating,
        type: 'scatter' as const,
        // Above the curve, so a label on the axis edge is not crossed by it.
        z: 4,
        symbolSize: 12,
        itemStyle: { color: '#b03a2e', borderColor: '#b03a2e', borderWidth: 2 },
        data: operating ? [pointDatum(operating.fmr, operating.fnmr, min, text, 'emptyCircle', true)] : [],
      },
      {
        name: text.eer,
        type: 'scatter' as const,
        symbol: 'diamond',
        z: 4,
        symbolSize: 12,
        itemStyle: { color: '#1e8449', borderColor: '#1e8449', borderWidth: 2 },
        data: input.eer !== null ? [pointDatum(input.eer, input.eer, min, text, 'emptyDiamond', true)] : [],
      },
    ],
  };
}

/** Whether anything the chart draws sits on an axis edge instead of at its value (the chart then says so). */
export function detHasClamped(input: DetChartInput): boolean {
  const min = detAxisMin(input.floor, input.claim);
  const rates = [
    ...input.det.flatMap((p) => [p.fmr, p.fnmr]),
    ...(input.operating ? [input.operating.fmr, input.operating.fnmr] : []),
    ...(input.eer !== null ? [input.eer] : []),
  ];
  return rates.some((v) => placeRate(v, min).clamped);
}
