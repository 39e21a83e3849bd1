import { Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../common/format-hooks';
import { detChartOption, detHasClamped, type DetChartInput } from './det-chart-option';

export type { DetClaim, DetPoint } from './det-chart-option';

const FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/**
 * The DET curve as DET plots are read: FNMR against FMR, both on logarithmic axes. A rate of 0 has no place on them:
 * it is drawn on the axis edge with a hollow mark, labelled, and the note under the chart says so.
 */
export function DetChart(input: DetChartInput) {
  const { t } = useTranslation('evaluations');
  const fmt = useFormat();
  const pct = (v: number) => fmt.percent(v, v !== 0 && v < 0.001 ? 3 : v !== 0 && v < 0.01 ? 2 : 1);
  const option = {
    aria: { enabled: true, label: { description: t('det.aria') } },
    textStyle: { fontFamily: FONT },
    ...detChartOption(input, {
      curve: t('det.curve'),
      operating: t('det.operating'),
      eer: t('det.eer'),
      fmrAxis: t('det.fmr'),
      fnmrAxis: t('det.fnmr'),
      fmr: t('det.fmrShort'),
      fnmr: t('det.fnmrShort'),
      onEdge: (rate) => t('det.onEdge', { rate }),
      claimLine: (metric, max) => t('det.claimLine', { metric, max }),
      pct,
    }),
  };
  return (
    <div role="img" aria-label={t('det.aria')} data-testid="det-chart">
      <ReactECharts option={option} style={{ height: 360 }} notMerge />
      {detHasClamped(input) && (
        <Typography.Paragraph
          type="secondary"
          style={{ margin: 0, fontSize: 12 }}
          data-testid="det-edge-note"
        >
          {t('det.edgeNote')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
