import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../common/format-hooks';

export interface DetPoint {
  fmr: number;
  fnmr: number;
  threshold: number | null;
}

const FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/**
 * The DET curve as DET plots are read: FNMR against FMR, both on logarithmic axes (a rate of 0 cannot be drawn
 * on them and sits at the axis floor, half an error of the larger sample).
 */
export function DetChart({
  det,
  floor,
  operating,
  eer,
}: {
  det: DetPoint[];
  /** The smallest rate drawn (0.5 / n): zero rates are put here. */
  floor: number;
  operating: { fmr: number; fnmr: number } | null;
  eer: number | null;
}) {
  const { t } = useTranslation('evaluations');
  const fmt = useFormat();
  const lo = Math.pow(10, Math.floor(Math.log10(floor)));
  const at = (x: number) => Math.max(lo, Math.min(1, x));
  const pct = (v: number) => fmt.percent(v, v < 0.001 ? 3 : v < 0.01 ? 2 : 1);
  const axis = (name: string) => ({
    type: 'log' as const,
    logBase: 10,
    min: lo,
    max: 1,
    name,
    nameLocation: 'middle' as const,
    nameGap: 36,
    axisLabel: { formatter: (v: number) => pct(v) },
    splitLine: { show: true, lineStyle: { color: '#e5e5e5' } },
    minorSplitLine: { show: true, lineStyle: { color: '#f3f3f3' } },
    minorTick: { show: true },
  });
  const option = {
    aria: { enabled: true, label: { description: t('det.aria') } },
    textStyle: { fontFamily: FONT },
    legend: { top: 0, data: [t('det.curve'), t('det.operating'), t('det.eer')] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) =>
        `${p.seriesName}<br/>FMR ${pct(p.value[0])}<br/>FNMR ${pct(p.value[1])}`,
    },
    grid: { left: 72, right: 28, top: 40, bottom: 56 },
    xAxis: axis(t('det.fmr')),
    yAxis: { ...axis(t('det.fnmr')), nameGap: 56 },
    series: [
      {
        name: t('det.curve'),
        type: 'line',
        showSymbol: false,
        lineStyle: { color: '#1f4e79', width: 2 },
        itemStyle: { color: '#1f4e79' },
        data: det.map((p) => [at(p.fmr), at(p.fnmr)]),
      },
      {
        name: t('det.operating'),
        type: 'scatter',
        symbolSize: 12,
        itemStyle: { color: '#b03a2e' },
        data: operating ? [[at(operating.fmr), at(operating.fnmr)]] : [],
      },
      {
        name: t('det.eer'),
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 12,
        itemStyle: { color: '#1e8449' },
        data: eer !== null ? [[at(eer), at(eer)]] : [],
      },
    ],
  };
  return (
    <div role="img" aria-label={t('det.aria')} data-testid="det-chart">
      <ReactECharts option={option} style={{ height: 360 }} notMerge />
    </div>
  );
}
