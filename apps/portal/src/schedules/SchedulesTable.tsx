import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { RUN_STATES, STATE_TONE, useScheduleLabels } from './schedule-labels';
import { cardTitle } from '../common/card-title';

type Schedule = Schemas['ScheduleDto'];

/** The schedules (GET /api/schedules): when each runs, for what, its next run and how its last run ended. */
export function SchedulesTable({ query }: { query: UseQueryResult<Schedule[]> }) {
  const { t } = useTranslation('schedules');
  const fmt = useFormat();
  const labels = useScheduleLabels();

  const columns: ColumnsType<Schedule> = [
    {
      title: t('schedules.columns.name'),
      dataIndex: 'name',
      render: (name: string, s) => (
        <Flex vertical gap={2} align="flex-start">
          <Space size={8} wrap>
            <Typography.Text strong>{labels.title(name)}</Typography.Text>
            <Typography.Text code>{name}</Typography.Text>
          </Space>
          <Typography.Text type="secondary">{labels.description(name, s.description)}</Typography.Text>
          <Link to={`/schedules?schedule=${encodeURIComponent(name)}`}>{t('schedules.showRuns')}</Link>
        </Flex>
      ),
    },
    {
      title: t('schedules.columns.when'),
      dataIndex: 'cron',
      render: (cron: string, s) => {
        const words = labels.when(cron);
        return (
          <Flex vertical gap={2} align="flex-start">
            {words ? (
              <span style={{ whiteSpace: 'nowrap' }}>{words}</span>
            ) : (
              <Typography.Text code>{cron}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {words && <code>{cron}</code>}
              {words && ' · '}
              {t('cron.zone', { zone: s.timeZone })}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: t('schedules.columns.fanOut'),
      dataIndex: 'fanOut',
      render: (f: Schedule['fanOut'], s) => (
        <Flex vertical gap={2} align="flex-start" style={{ whiteSpace: 'nowrap' }}>
          <span>{labels.fanOut(f)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('schedules.attempts', { count: s.attempts })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('schedules.columns.nextRun'),
      dataIndex: 'nextRun',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    {
      title: t('schedules.columns.lastRun'),
      dataIndex: 'lastRun',
      render: (last: Schedule['lastRun'], s) =>
        last ? (
          <Flex vertical gap={4} align="flex-start">
            <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(last.period)}</span>
            <Space size={[0, 4]} wrap data-testid={`last-run-${s.name}`}>
              {RUN_STATES.filter((state) => last.counts[state] > 0).map((state) => (
                <ToneTag key={state} tone={STATE_TONE[state]}>
                  {t(`counts.${state}`, { count: last.counts[state] })}
                </ToneTag>
              ))}
            </Space>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('schedules.never')}</Typography.Text>
        ),
    },
  ];

  return (
    <Card title={cardTitle(t('schedules.title'))} style={{ marginBottom: 16 }}>
      <QueryState query={query} isEmpty={(d) => d.length === 0} empty={t('schedules.empty')}>
        {(data) => (
          <div data-testid="schedules-table">
            <Table<Schedule>
              rowKey="name"
              size="middle"
              columns={columns}
              dataSource={data}
              pagination={false}
            />
          </div>
        )}
      </QueryState>
    </Card>
  );
}
