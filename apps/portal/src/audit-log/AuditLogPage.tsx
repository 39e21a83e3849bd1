import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { Hash } from '../common/Hash';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';

type Entry = Schemas['AuditLogEntryDto'];
const FILTERS = ['actor', 'object', 'action', 'outcome', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
/** The form's values: the period as a range of days. */
type FormValues = Omit<Filters, 'from' | 'to'> & { period?: [Dayjs, Dayjs] | null };
const OUTCOMES = ['ok', 'refused', 'error', 'none'] as const;
type OutcomeFilter = (typeof OUTCOMES)[number];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Days in the URL (Beijing, both ends included) as the API's instants: from midnight to the next day's midnight. */
function periodQuery(filters: Filters): { from?: string; to?: string } {
  const from = filters.from && DAY.test(filters.from) ? `${filters.from}T00:00:00+08:00` : undefined;
  const to =
    filters.to && DAY.test(filters.to)
      ? `${dayjs(filters.to).add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00`
      : undefined;
  return { from, to };
}
const PAGE_SIZE = 50;

/** The outcome of a request as the officer reads it: allowed, refused (status) or failed (status). */
function Outcome({ value }: { value: string | null }) {
  const { t } = useTranslation('auditLog');
  if (value === null) return <Typography.Text type="secondary">{t('outcome.none')}</Typography.Text>;
  const [kind, status = ''] = value.split(':');
  if (kind === 'ok') return <ToneTag tone="good">{t('outcome.ok')}</ToneTag>;
  if (kind === 'refused') return <ToneTag tone="bad">{t('outcome.refused', { status })}</ToneTag>;
  return <ToneTag tone="warn">{t('outcome.error', { status })}</ToneTag>;
}

/**
 * The audit log (GET /api/audit-log), newest first, in keyset pages: filters by actor, object and action kept
 * in the URL (`?actor=&object=&action=&before=`), each row with its outcome, address and chain hash.
 */
export default function AuditLogPage() {
  const { t } = useTranslation(['auditLog', 'common']);
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const k of FILTERS) {
    const v = params.get(k)?.trim();
    if (v) filters[k] = v;
  }
  const before = params.get('before') ?? undefined;
  // The cursors of the pages before this one (Previous goes back along them); the URL holds the current one.
  const [trail, setTrail] = useState<(string | undefined)[]>([]);
  const [form] = Form.useForm<FormValues>();
  const filterKey = FILTERS.map((k) => filters[k] ?? '').join('\u0000');

  useEffect(() => {
    form.setFieldsValue({
      actor: filters.actor,
      object: filters.object,
      action: filters.action,
      outcome: filters.outcome,
      period: filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);

  const query = useQuery({
    queryKey: ['audit-log', filters, before],
    queryFn: () =>
      unwrap(
        api.GET('/api/audit-log', {
          params: {
            query: {
              actor: filters.actor,
              object: filters.object,
              action: filters.action,
              outcome: OUTCOMES.includes(filters.outcome as OutcomeFilter)
                ? (filters.outcome as OutcomeFilter)
                : undefined,
              ...periodQuery(filters),
              before,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const go = (next: Filters, cursor?: string) => {
    const p = new URLSearchParams();
    for (const k of FILTERS) {
      const v = next[k]?.trim();
      if (v) p.set(k, v);
    }
    if (cursor) p.set('before', cursor);
    setParams(p);
  };
  const apply = ({ period, ...values }: FormValues) => {
    setTrail([]);
    go({
      ...values,
      from: period?.[0]?.format('YYYY-MM-DD'),
      to: period?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const entity = (e: string) => t(`auditLog:entities.${e}` as 'auditLog:entities.Case', { defaultValue: e });
  const columns: ColumnsType<Entry> = [
    {
      title: t('columns.time'),
      dataIndex: 'occurredAt',
      width: 170,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    {
      title: t('columns.actor'),
      dataIndex: 'actor',
      render: (_: string, r) => (
        <Space size={[4, 4]} wrap>
          <Typography.Text strong>{r.actor}</Typography.Text>
          {(r.actorRoles ?? []).map((role) => (
            <Tag key={role}>{t(`common:roles.${role}`, { defaultValue: role })}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('columns.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('columns.object'),
      dataIndex: 'entity',
      render: (_: string, r) => (
        <span>
          {entity(r.entity)}
          {r.entityId && <Typography.Text type="secondary"> #{r.entityId}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('columns.outcome'),
      dataIndex: 'outcome',
      render: (v: string | null) => <Outcome value={v} />,
    },
    {
      title: t('columns.address'),
      dataIndex: 'remoteAddress',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('columns.hash'),
      dataIndex: 'rowHash',
      render: (v: string | null) =>
        v ? <Hash value={v} /> : <Typography.Text type="secondary">{t('noHash')}</Typography.Text>,
    },
  ];

  const pageNo = trail.length + 1;
  return (
    <>
      <PageTitle title={t('title')} sub={t('sub')} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form
          form={form}
          layout="inline"
          aria-label={t('filters.label')}
          onFinish={apply}
          initialValues={{
            actor: filters.actor,
            object: filters.object,
            action: filters.action,
            outcome: filters.outcome,
          }}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="actor" label={t('filters.actor')}>
            <Input placeholder={t('filters.actorPlaceholder')} allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="object" label={t('filters.object')}>
            <Input placeholder={t('filters.objectPlaceholder')} allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="action" label={t('filters.action')}>
            <Input placeholder={t('filters.actionPlaceholder')} allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="outcome" label={t('filters.outcome')}>
            <Select
              allowClear
              placeholder={t('filters.anyOutcome')}
              style={{ width: 150 }}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`filters.outcomes.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="period" label={t('filters.period')}>
            <DatePicker.RangePicker allowClear style={{ width: 260 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('filters.apply')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({
                    actor: undefined,
                    object: undefined,
                    action: undefined,
                    outcome: undefined,
                    period: null,
                  });
                  apply({});
                }}
              >
                {t('filters.clear')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <QueryState query={query}>
        {(data) => (
          <>
            <Table<Entry>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={data.items}
              pagination={false}
              loading={query.isFetching && query.isPlaceholderData}
              locale={{ emptyText: t('empty') }}
              scroll={{ x: 1000 }}
              expandable={{
                expandRowByClick: false,
                expandedRowRender: (r) =>
                  Object.keys(r.details ?? {}).length === 0 ? (
                    <Typography.Text type="secondary">{t('noDetails')}</Typography.Text>
                  ) : (
                    <pre
                      aria-label={t('details')}
                      style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}
                    >
                      {JSON.stringify(r.details, null, 2)}
                    </pre>
                  ),
              }}
            />
            <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">{t('page', { n: pageNo })}</Typography.Text>
              <Space>
                <Button
                  disabled={trail.length === 0}
                  onClick={() => {
                    const prev = trail[trail.length - 1];
                    setTrail(trail.slice(0, -1));
                    go(filters, prev);
                  }}
                >
                  {t('common:actions.previous')}
                </Button>
                <Button
                  disabled={!data.nextCursor}
                  onClick={() => {
                    setTrail([...trail, before]);
                    go(filters, data.nextCursor ?? undefined);
                  }}
                >
                  {t('common:actions.next')}
                </Button>
              </Space>
            </Flex>
          </>
        )}
      </QueryState>
    </>
  );
}
