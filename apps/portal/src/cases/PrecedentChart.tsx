import ReactEChartsCore from 'echarts-for-react/lib/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { useFormat } from '../common/format-hooks';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

type Precedent = Schemas['CaseDetailDto']['precedents'][number];

/**
 * Where this case's amount sits among the public precedents: their fines as bars (oldest first), this case's amount
 * as a marked line; the same figures in a table for screen readers and exact reading.
 */
export function PrecedentChart({ precedents, amount }: { precedents: Precedent[]; amount: string | null }) {
  const { t, i18n } = useTranslation('cases');
  const fmt = useFormat();
  const zh = i18n.language.startsWith('zh');
  const authority = (p: Precedent) => (zh && p.authorityZh ? p.authorityZh : p.authority);
  const rows = [...precedents].sort((a, b) => a.decisionDate.localeCompare(b.decisionDate));
  const option = {
    grid: { left: 8, right: 90, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
    xAxis: {
      type: 'category',
      data: rows.map((p) => `${authority(p)}\n${p.decisionDate.slice(0, 7)}`),
      axisLabel: { interval: 0, fontSize: 11, width: 110, overflow: 'truncate' },
    },
    // Logarithmic: public fines run from tens of thousands of yuan to billions (the CAC's Didi decision); on a
    // linear axis every property-developer case sat flat on zero beside it.
    yAxis: { type: 'log', logBase: 10, axisLabel: { formatter: (v: number) => fmt.wan(v) } },
    series: [
      {
        name: t('precedents.precedent'),
        type: 'bar',
        barMaxWidth: 36,
        itemStyle: { color: '#5b7fa6' },
        data: rows.map((p) => Number(p.amount)),
        markLine:
          amount === null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { color: '#b03a2e', width: 2 },
                label: { formatter: `${t('precedents.thisCase')}\n${fmt.wan(amount)}`, color: '#7a1f16' },
                data: [{ yAxis: Number(amount) }],
              },
      },
    ],
  };
  return (
    <>
      <div role="img" aria-label={t('precedents.chartLabel')} data-testid="precedent-chart">
        <ReactEChartsCore echarts={echarts} option={option} style={{ height: 260 }} notMerge />
      </div>
      <div data-testid="precedent-table">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          style={{ marginTop: 8 }}
          columns={[
            {
              title: t('precedents.precedent'),
              key: 'authority',
              render: (_: unknown, p: Precedent) => authority(p),
            },
            {
              title: t('precedents.decisionDate'),
              dataIndex: 'decisionDate',
              render: (v: string) => fmt.day(v),
            },
            {
              title: t('precedents.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: string) => fmt.money(v),
            },
          ]}
        />
      </div>
    </>
  );
}
