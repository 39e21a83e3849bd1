import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { useFormat } from '../common/format-hooks';
import { PageTitle } from '../common/PageTitle';
import { CASE_STATES, useStateLabel } from '../cases/case-labels';
import { QueryState } from '../common/QueryState';
import { REASON_CODES, useFindingLabels } from '../findings/finding-labels';
import { CHART_FONT, ChartCard } from './ChartCard';
import { toCsv } from './csv';
import { saveFile } from './download';

type Report = Schemas['StatisticsDto'];
type Preset = 'm12' | 'm3' | 'm6' | 'm24' | 'year';
const PRESETS: Preset[] = ['m3', 'm6', 'm12', 'm24', 'year'];

/** Distinguishable colours with AA contrast against white (for the marks and the legend). */
const PALETTE = [
  '#1d4ed8',
  '#b45309',
  '#047857',
  '#b91c1c',
  '#6d28d9',
  '#0e7490',
  '#a21caf',
  '#4d7c0f',
  '#475569',
];

/** `YYYY-MM` shifted by `n` months. */
function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function rangeOf(preset: Preset, anchor: string | null): { from?: string; to?: string } {
  if (preset === 'm12' || anchor === null) return {};
  if (preset === 'year') return { from: `${anchor.slice(0, 4)}-01`, to: anchor };
  const n = { m3: 3, m6: 6, m24: 24 }[preset];
  return { from: shiftMonth(anchor, -(n - 1)), to: anchor };
}

export default function DashboardPage() {
  const { t } = useTranslation(['dashboard', 'common']);
  const [preset, setPreset] = useState<Preset>('m12');
  // The server's current month (its clock), learnt from the first report: the presets count back from it.
  const [anchor, setAnchor] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['statistics', preset, anchor],
    queryFn: async () => {
      const r = await unwrap(api.GET('/api/statistics', { params: { query: rangeOf(preset, anchor) } }));
      if (anchor === null) setAnchor(r.period.to);
      return r;
    },
  });
  return (
    <>
      <PageTitle
        title={t('title')}
        sub={
          query.data
            ? `${t('sub')} · ${t('period.range', { from: query.data.period.from, to: query.data.period.to })}`
            : t('sub')
        }
        extra={
          <Flex align="center" gap={8}>
            <label htmlFor="dashboard-period">{t('period.label')}</label>
            <Select<Preset>
              id="dashboard-period"
              value={preset}
              onChange={setPreset}
              style={{ minWidth: 150 }}
              disabled={anchor === null}
              options={PRESETS.map((p) => ({ value: p, label: t(`period.${p}`) }))}
            />
          </Flex>
        }
      />
      <QueryState query={query}>{(r) => <Report report={r} />}</QueryState>
    </>
  );
}

function Report({ report: r }: { report: Report }) {
  const { t } = useTranslation(['dashboard', 'common']);
  const fmt = useFormat();
  const stateName = useStateLabel();
  const reasonName = useFindingLabels().reason;
  const slug = `${r.period.from}_${r.period.to}`;
  const nothing =
    r.totals.openCases === 0 && r.totals.findings === 0 && r.totals.captures === 0 && r.fines.length === 0;
  const base = { textStyle: { fontFamily: CHART_FONT }, aria: { enabled: true }, animation: false } as const;

  // Open cases by state, in the procedure's order.
  const states = [
    ...CASE_STATES.filter((s) => r.openCasesByState.some((x) => x.state === s)),
    ...r.openCasesByState.map((x) => x.state).filter((s) => !(CASE_STATES as readonly string[]).includes(s)),
  ];
  const countOf = (s: string) => r.openCasesByState.find((x) => x.state === s)?.count ?? 0;
  const statesOption: EChartsOption = {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 16, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: t('chart.cases'), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', inverse: true, data: states.map(stateName) },
    series: [
      {
        type: 'bar',
        name: t('chart.cases'),
        data: states.map(countOf),
        itemStyle: { color: PALETTE[0] },
        barMaxWidth: 28,
        label: { show: true, position: 'right' },
      },
    ],
  };

  // Findings by month and reason: stacked areas.
  const reasons = [
    ...REASON_CODES.filter((x) => r.findingsByMonth.some((f) => f.reason === x)),
    ...[...new Set(r.findingsByMonth.map((f) => f.reason))].filter(
      (x) => !(REASON_CODES as readonly string[]).includes(x),
    ),
  ];
  const findingsOf = (month: string, reason: string) =>
    r.findingsByMonth.find((f) => f.month === month && f.reason === reason)?.count ?? 0;
  const findingsOption: EChartsOption = {
    ...base,
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: r.period.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: reasons.map((reason) => ({
      type: 'line',
      name: reasonName(reason),
      stack: 'findings',
      areaStyle: { opacity: 0.5 },
      symbolSize: 6,
      data: r.period.months.map((m) => findingsOf(m, reason)),
    })),
  };

  // Fines: each case's proposal and decision, and the public precedents, on one amount axis.
  const categories = [t('chart.proposed'), t('chart.decided'), t('chart.precedents')];
  const precedents = r.precedents.filter((p) => p.currency === 'CNY');
  type Point = { value: [number, number]; name: string };
  const jitter = (i: number) => ((i % 7) - 3) * 0.06;
  const points = (col: number, list: { name: string; amount: string | null }[]): Point[] =>
    list
      .filter((x): x is { name: string; amount: string } => x.amount !== null && Number(x.amount) > 0)
      .map((x, i) => ({ value: [col + jitter(i), Number(x.amount)], name: x.name }));
  const proposedPts = points(
    0,
    r.fines.map((f) => ({ name: f.caseNumber, amount: f.proposed })),
  );
  const decidedPts = points(
    1,
    r.fines.map((f) => ({ name: f.caseNumber, amount: f.decided })),
  );
  const precedentPts = points(
    2,
    precedents.map((p) => ({ name: `${p.authority} ${p.decisionDate}`, amount: p.amount })),
  );
  const finesOption: EChartsOption = {
    ...base,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { data: Point; seriesName: string };
        return `${q.seriesName}<br/>${q.data.name}<br/>${fmt.money(q.data.value[1])}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: -1,
      max: 3,
      interval: 1,
      splitLine: { show: false },
      axisTick: { show: false },
      axisLabel: { formatter: (v: number) => categories[v] ?? '' },
    },
    // Fines span ten thousand yuan to billions (the public precedents): a logarithmic axis.
    yAxis: {
      type: 'log',
      logBase: 10,
      axisLine: { onZero: false },
      axisLabel: { formatter: (v: number) => fmt.wan(v) },
    },
    series: [
      {
        type: 'scatter',
        name: categories[0],
        data: proposedPts,
        itemStyle: { color: PALETTE[1] },
        symbolSize: 12,
      },
      {
        type: 'scatter',
        name: categories[1],
        data: decidedPts,
        itemStyle: { color: PALETTE[0] },
        symbolSize: 12,
      },
      {
        type: 'scatter',
        name: categories[2],
        data: precedentPts,
        itemStyle: { color: PALETTE[8] },
        symbol: 'diamond',
        symbolSize: 12,
      },
    ],
  };

  return (
    <Flex vertical gap={16}>
      {nothing && <Alert type="info" showIcon title={t('empty')} />}
      <Row gutter={[16, 16]}>
        <Kpi
          title={t('kpi.openCases')}
          value={fmt.number(r.totals.openCases)}
          hint={t('kpi.openCasesHint')}
          id="openCases"
        />
        <Kpi
          title={t('kpi.findings')}
          value={fmt.number(r.totals.findings)}
          hint={t('kpi.findingsHint')}
          id="findings"
        />
        <Kpi
          title={t('kpi.captures')}
          value={fmt.number(r.totals.captures)}
          hint={t('kpi.capturesHint')}
          id="captures"
        />
        <Kpi
          title={t('kpi.finesDecided')}
          value={fmt.wan(r.totals.decidedAmount)}
          hint={t('kpi.finesDecidedHint', {
            count: r.totals.finesDecided,
            proposed: fmt.wan(r.totals.proposedAmount),
          })}
          id="finesDecided"
        />
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ChartCard
            id="chart-open-cases"
            title={t('chart.openCases')}
            option={statesOption}
            empty={states.length === 0}
            fileName={`open-cases_${slug}`}
            data={{
              header: [t('chart.state'), t('chart.cases')],
              rows: states.map((s) => [stateName(s), countOf(s)]),
            }}
          />
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard
            id="chart-findings"
            title={t('chart.findings')}
            option={findingsOption}
            empty={reasons.length === 0}
            fileName={`findings_${slug}`}
            data={{
              header: [t('chart.month'), ...reasons.map(reasonName)],
              rows: r.period.months.map((m) => [m, ...reasons.map((x) => findingsOf(m, x))]),
            }}
          />
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard
            id="chart-fines"
            title={t('chart.fines')}
            option={finesOption}
            empty={r.fines.length === 0}
            fileName={`fines_${slug}`}
            footer={
              r.finesTruncated ? (
                <Typography.Text type="secondary">
                  {t('chart.truncated', { count: r.fines.length })}
                </Typography.Text>
              ) : null
            }
            data={{
              header: [t('chart.series'), t('chart.case'), t('chart.date'), `${t('chart.amount')} (CNY)`],
              rows: [
                ...r.fines.flatMap((f) => [
                  ...(f.proposed !== null ? [[categories[0], f.caseNumber, f.date, f.proposed]] : []),
                  ...(f.decided !== null ? [[categories[1], f.caseNumber, f.date, f.decided]] : []),
                ]),
                ...precedents.map((p) => [categories[2], p.authority, p.decisionDate, p.amount]),
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={14}>
          <RegionsCard report={r} slug={slug} />
        </Col>
      </Row>
    </Flex>
  );
}

function Kpi({ id, title, value, hint }: { id: string; title: string; value: string; hint: string }) {
  return (
    <Col xs={12} xl={6}>
      <Card data-kpi={id} style={{ height: '100%' }}>
        <Statistic
          title={<h2 style={{ fontSize: 14, margin: 0, fontWeight: 'normal' }}>{title}</h2>}
          value={value}
        />
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </Card>
    </Col>
  );
}

function RegionsCard({ report: r, slug }: { report: Report; slug: string }) {
  const { t } = useTranslation(['dashboard', 'common']);
  const fmt = useFormat();
  const keys = [
    'code',
    'firms',
    'openCases',
    'findings',
    'captures',
    'finesDecided',
    'decidedAmount',
  ] as const;
  const exportCsv = () =>
    saveFile(
      new Blob(
        [
          toCsv(
            keys.map((k) => t(`region.${k}`)),
            r.regions.map((x) => [
              x.regionCode,
              x.firms,
              x.openCases,
              x.findings,
              x.captures,
              x.finesDecided,
              x.decidedAmount,
            ]),
          ),
        ],
        { type: 'text/csv;charset=utf-8' },
      ),
      `regions_${slug}.csv`,
    );
  return (
    <Card
      data-chart="regions"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('chart.regions')}</h2>}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          aria-label={t('export.csv', { chart: t('chart.regions') })}
          onClick={exportCsv}
          disabled={r.regions.length === 0}
        >
          CSV
        </Button>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      <Table<Schemas['RegionRowDto']>
        rowKey="regionCode"
        size="small"
        pagination={false}
        scroll={{ x: true, y: 300 }}
        dataSource={r.regions}
        columns={[
          { title: t('region.code'), dataIndex: 'regionCode' },
          {
            title: t('region.firms'),
            dataIndex: 'firms',
            align: 'right',
            render: (v: number) => fmt.number(v),
          },
          {
            title: t('region.openCases'),
            dataIndex: 'openCases',
            align: 'right',
            render: (v: number) => fmt.number(v),
          },
          {
            title: t('region.findings'),
            dataIndex: 'findings',
            align: 'right',
            render: (v: number) => fmt.number(v),
          },
          {
            title: t('region.captures'),
            dataIndex: 'captures',
            align: 'right',
            render: (v: number) => fmt.number(v),
          },
          {
            title: t('region.finesDecided'),
            dataIndex: 'finesDecided',
            align: 'right',
            render: (v: number) => fmt.number(v),
          },
          {
            title: t('region.decidedAmount'),
            dataIndex: 'decidedAmount',
            align: 'right',
            render: (v: string) => fmt.money(v),
          },
        ]}
      />
    </Card>
  );
}
