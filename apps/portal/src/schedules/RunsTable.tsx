import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Form, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { KeysetPager, useKeysetPages } from '../common/keyset';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { deliveryTone, RUN_STATES, STATE_TONE, useScheduleLabels, type RunState } from './schedule-labels';
import { cardTitle } from '../common/card-title';

type Run = Schemas['ScheduleRunDto'];
type Schedule = Schemas['ScheduleDto'];
type Alert = Schemas['ScheduleAlertDto'];
export interface RunFilters {
  schedule?: string;
  state?: RunState;
}

const PAGE_SIZE = 50;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
// The colour of antd's error text in our theme (AA on white and on the alert's tint).
const ALERT_RED = '#c0262d';

/** A firm (by its credit code) as a link to its page; anything else as it is. */
function FirmOrText({ value, firm }: { value: string; firm: boolean }) {
  return firm && CREDIT_CODE.test(value) ? (
    <Link to={`/firms/${value}`} style={{ whiteSpace: 'nowrap' }}>
      {value}
    </Link>
  ) : (
    <Typography.Text code style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  );
}

/** A run's result summary as the server wrote it (`key: value · …`). */
function summaryText(result: Run['result']): string {
  return Object.entries((result ?? {}) as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The alerts a run raised, each with what it is about, its message and how its webhook delivery went. */
function RunAlerts({ alerts }: { alerts: Alert[] }) {
  const { t } = useTranslation('schedules');
  const fmt = useFormat();
  const labels = useScheduleLabels();
  return (
    <section
      aria-label={t('runs.alerts.label')}
      data-testid="run-alerts"
      style={{
        borderInlineStart: `4px solid ${ALERT_RED}`,
        background: '#fff1f0',
        padding: '8px 12px',
        borderRadius: 4,
      }}
    >
      <Typography.Text strong style={{ color: '#a8071a' }}>
        {t('runs.alerts.title', { count: alerts.length })}
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {alerts.map((a, i) => (
          <li key={`${a.code}-${a.object}-${i}`} style={{ marginTop: 4 }}>
            <Space size={[8, 4]} wrap>
              <ToneTag tone="bad">{a.code}</ToneTag>
              <FirmOrText value={a.object.replace(/^firm:/, '')} firm={a.object.startsWith('firm:')} />
              <span style={{ wordBreak: 'break-word' }}>{a.message}</span>
              <ToneTag tone={deliveryTone(a.delivery)}>{labels.delivery(a.delivery)}</ToneTag>
              <Typography.Text type="secondary">
                {t('runs.alerts.raisedAt', { at: fmt.dateTime(a.raisedAt) })}
              </Typography.Text>
            </Space>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The runs (GET /api/schedules/runs), newest first in keyset pages, filtered by job and state (the page keeps
 * the filters in the URL and mounts this afresh when they change, which starts again at the first page). A run's
 * alerts are always shown under it; a failed run is marked in red.
 */
export function RunsTable({
  filters,
  schedules,
  onFilter,
}: {
  filters: RunFilters;
  schedules: Schedule[];
  onFilter: (next: RunFilters) => void;
}) {
  const { t } = useTranslation('schedules');
  const fmt = useFormat();
  const labels = useScheduleLabels();
  const pages = useKeysetPages();
  const { cursor } = pages;
  const byName = new Map(schedules.map((s) => [s.name, s]));

  const query = useQuery({
    queryKey: ['schedule-runs', filters, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/schedules/runs', {
          params: { query: { schedule: filters.schedule, state: filters.state, cursor, limit: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const failed = (r: Run) => r.state === 'failed';
  const columns: ColumnsType<Run> = [
    {
      title: t('runs.columns.schedule'),
      dataIndex: 'schedule',
      // A failed run carries a red bar down its first cell, so it stands out in a long list.
      onCell: (r) => (failed(r) ? { style: { boxShadow: `inset 4px 0 0 ${ALERT_RED}` } } : {}),
      render: (name: string) => (
        <Flex vertical align="flex-start" style={{ whiteSpace: 'nowrap' }}>
          <span>{labels.title(name)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('runs.columns.target'),
      dataIndex: 'targetKey',
      render: (key: string, r) =>
        byName.get(r.schedule)?.fanOut === 'once' || key === 'once' ? (
          t('runs.target.once')
        ) : (
          <FirmOrText value={key} firm={(byName.get(r.schedule)?.fanOut ?? 'firm') === 'firm'} />
        ),
    },
    {
      title: t('runs.columns.period'),
      dataIndex: 'period',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    {
      title: t('runs.columns.state'),
      dataIndex: 'state',
      render: (s: RunState) => (
        <ToneTag tone={STATE_TONE[s]} data-state={s}>
          {labels.state(s)}
        </ToneTag>
      ),
    },
    {
      title: t('runs.columns.attempts'),
      dataIndex: 'attempts',
      align: 'right',
      render: (n: number, r) => {
        const max = byName.get(r.schedule)?.attempts;
        return <span style={{ whiteSpace: 'nowrap' }}>{max ? `${n} / ${max}` : n}</span>;
      },
    },
    {
      title: t('runs.columns.duration'),
      dataIndex: 'finishedAt',
      render: (_: string | null, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>{labels.duration(r.startedAt, r.finishedAt)}</span>
      ),
    },
    {
      title: t('runs.columns.outcome'),
      dataIndex: 'lastError',
      render: (error: string | null, r) => {
        if (error && r.state !== 'completed')
          return (
            <Typography.Text type="danger" style={{ wordBreak: 'break-word' }} data-testid="run-error">
              {error}
            </Typography.Text>
          );
        const summary = summaryText(r.result);
        return summary ? (
          <Typography.Text type="secondary" style={{ wordBreak: 'break-word', fontSize: 12 }}>
            {summary}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('runs.noResult')}</Typography.Text>
        );
      },
    },
  ];

  return (
    <Card title={cardTitle(t('runs.title'))}>
      <Form
        layout="inline"
        aria-label={t('runs.filters.label')}
        initialValues={filters}
        onValuesChange={(_, all: RunFilters) => onFilter(all)}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="schedule" label={t('runs.filters.schedule')}>
          <Select
            allowClear
            placeholder={t('runs.filters.anySchedule')}
            style={{ width: 220 }}
            options={schedules.map((s) => ({ value: s.name, label: labels.title(s.name) }))}
            data-testid="filter-schedule"
          />
        </Form.Item>
        <Form.Item name="state" label={t('runs.filters.state')}>
          <Select
            allowClear
            placeholder={t('runs.filters.anyState')}
            style={{ width: 160 }}
            options={RUN_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
            data-testid="filter-state"
          />
        </Form.Item>
      </Form>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0 && !cursor} empty={t('runs.empty')}>
        {(data) => (
          <div data-testid="runs-table">
            <Table<Run>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={data.items}
              pagination={false}
              loading={query.isFetching && query.isPlaceholderData}
              scroll={{ x: 960 }}
              expandable={{
                showExpandColumn: false,
                expandedRowKeys: data.items.filter((r) => r.alerts.length > 0).map((r) => r.id),
                rowExpandable: (r) => r.alerts.length > 0,
                expandedRowRender: (r) => <RunAlerts alerts={r.alerts} />,
              }}
            />
            <KeysetPager
              hasPrevious={pages.hasPrevious}
              nextCursor={data.nextCursor}
              onPrevious={pages.previous}
              onNext={pages.next}
            />
          </div>
        )}
      </QueryState>
    </Card>
  );
}
