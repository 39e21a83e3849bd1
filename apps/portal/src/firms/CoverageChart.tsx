import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { useFormat } from '../common/format-hooks';

type Month = Schemas['CoverageMonthDto'];

/** Captures per month, stacked: covered by a valid consent (green) and without one (red, the findings). */
export function CoverageChart({ months }: { months: Month[] }) {
  const { t } = useTranslation('firms');
  const fmt = useFormat();
  const covered = t('coverage.covered');
  const flagged = t('coverage.flagged');
  const option = {
    aria: { enabled: true },
    textStyle: { fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => fmt.number(v),
    },
    legend: { top: 0, data: [covered, flagged] },
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', name: t('coverage.captures'), minInterval: 1 },
    series: [
      {
        name: covered,
        type: 'bar',
        stack: 'captures',
        data: months.map((m) => m.covered),
        itemStyle: { color: '#237804' },
        barMaxWidth: 48,
      },
      {
        name: flagged,
        type: 'bar',
        stack: 'captures',
        data: months.map((m) => m.flagged),
        itemStyle: { color: '#c41d7f' },
        barMaxWidth: 48,
      },
    ],
  };
  return (
    <div role="img" aria-label={t('coverage.title')}>
      <ReactECharts option={option} style={{ height: 280 }} notMerge />
    </div>
  );
}
