import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { REASON_CODES, useFindingLabels } from './finding-labels';

type Finding = Schemas['FindingDto'];

/** The filters the API offers (GET /api/findings), kept in the query string so a list can be shared. */
const FILTERS = ['reason', 'firm', 'case', 'device', 'period', 'order'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Partial<Record<FilterName, string>>;
const PAGE_SIZES = [10, 20, 50, 100, 200] as const;
const DEFAULT_SIZE = 50;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const PERIOD = /^\d{4}(-\d{2}){0,2}(\.\.\d{4}(-\d{2}){0,2})?$/;

/** The cursors of the pages before this one, carried in the history entry (the URL holds only the current one). */
interface PagingState {
  trail?: string[];
}

/**
 * Findings across the firms in scope: filters, order and page size in the URL; keyset pages (next/previous)
 * without counting every row, as the API pages them.
 */
export default function FindingsPage() {
  const { t } = useTranslation(['findings', 'common']);
  const fmt = useFormat();
  const labels = useFindingLabels();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  // The filters change only when the user filters: a page turn (a new cursor) keeps the same object, so the
  // filter form (a memo component) is not rendered again with every page.
  const filterKey = FILTERS.map((k) => params.get(k) ?? '').join('\u0000');
  const filters = useMemo(
    () =>
      Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as Filters,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey],
  );
  const sizeParam = Number(params.get('limit'));
  // Any size the API takes (1–500) may come in a shared link; the choice offers the usual ones.
  const limit = Number.isInteger(sizeParam) && sizeParam >= 1 && sizeParam <= 500 ? sizeParam : DEFAULT_SIZE;
  const sizes = [...new Set<number>([...PAGE_SIZES, limit])].sort((a, b) => a - b);
  const cursor = params.get('cursor') ?? undefined;
  const trail = (location.state as PagingState | null)?.trail ?? [];

  const pageOf = useCallback(
    (at: string | undefined) => ({
      queryKey: ['findings', filters, limit, at],
      queryFn: () =>
        unwrap(
          api.GET('/api/findings', {
            params: {
              query: {
                ...filters,
                order: filters.order === 'desc' ? 'desc' : undefined,
                limit,
                cursor: at,
              },
            },
          }),
        ),
    }),
    [filters, limit],
  );
  const query = useQuery({ ...pageOf(cursor), placeholderData: keepPreviousData });
  // The next page is fetched while this one is read, so "next page" renders from the cache at once (the
  // server audit-logs that read like any other: the rows were delivered to this officer).
  const queryClient = useQueryClient();
  const nextCursor = query.data?.nextCursor ?? undefined;
  useEffect(() => {
    if (nextCursor) void queryClient.prefetchQuery(pageOf(nextCursor));
  }, [queryClient, pageOf, nextCursor]);

  const go = useCallback(
    (next: Record<string, string | undefined>, state: PagingState = {}) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) if (v) q.set(k, v);
      void navigate({ search: q.toString() ? `?${q.toString()}` : '' }, { state });
    },
    [navigate],
  );
  const limitParam = limit === DEFAULT_SIZE ? undefined : String(limit);
  const base = { ...filters, limit: limitParam };
  const applyFilters = useCallback(
    (v: Filters) =>
      go({ ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x?.trim()])), limit: limitParam }),
    [go, limitParam],
  );
  const clearFilters = useCallback(() => go({ limit: limitParam }), [go, limitParam]);

  // Built once per language, not with every page.
  const columns = useMemo<ColumnsType<Finding>>(
    () => [
      {
        title: t('columns.reason'),
        dataIndex: 'reason',
        render: (r: string, f) => (
          <Link to={`/findings/${f.id}`}>
            <ToneTag
              tone={f.kind === 'site' ? 'site' : 'bad'}
              style={{ cursor: 'pointer', marginInlineEnd: 0 }}
            >
              {labels.reason(r)}
            </ToneTag>
          </Link>
        ),
      },
      {
        title: t('columns.firm'),
        dataIndex: 'firm',
        render: (v: string) => (
          <Link to={`/firms/${v}`} style={{ whiteSpace: 'nowrap' }}>
            {v}
          </Link>
        ),
      },
      {
        title: t('columns.subject'),
        dataIndex: 'subjectRef',
        render: (v: string | null) =>
          v ? (
            <Typography.Text code title={v} style={{ whiteSpace: 'nowrap' }}>
              {v}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('unidentified')}</Typography.Text>
          ),
      },
      {
        title: t('columns.device'),
        dataIndex: 'device',
        render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
      },
      { title: t('columns.site'), dataIndex: 'site' },
      {
        title: t('columns.purpose'),
        dataIndex: 'purpose',
        render: (v: string | null) => labels.purpose(v),
      },
      {
        title: t('columns.captures'),
        dataIndex: 'captureCount',
        align: 'right',
        render: (v: number) => fmt.number(v),
      },
      {
        title: t('columns.firstAt'),
        dataIndex: 'firstAt',
        render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
      },
      {
        title: t('columns.lastAt'),
        dataIndex: 'lastAt',
        render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t, fmt and labels change with the language only
    [fmt.language],
  );

  // A shared link may start on a later page: its number (and the cursors before it) are then unknown.
  const page = cursor ? (trail.length > 0 ? trail.length + 1 : null) : 1;

  return (
    <>
      <PageTitle title={t('title')} sub={t('sub')} />
      <FindingsFilters filters={filters} onApply={applyFilters} onClear={clearFilters} />
      <Card>
        <QueryState query={query} isEmpty={(d) => d.items.length === 0 && !cursor} empty={t('empty')}>
          {(data) => (
            <>
              <Table<Finding>
                rowKey="id"
                columns={columns}
                dataSource={data.items}
                pagination={false}
                tableLayout="auto"
                size="middle"
                loading={query.isFetching && query.isPlaceholderData}
                data-testid="findings-table"
                onRow={(f) => ({ onDoubleClick: () => void navigate(`/findings/${f.id}`) })}
              />
              <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">
                  {page !== null && `${t('paging.page', { page })} · `}
                  {t('paging.noCount')}
                </Typography.Text>
                <Flex gap={8} align="center" wrap>
                  <label htmlFor="findings-page-size">{t('paging.pageSize')}</label>
                  <Select
                    id="findings-page-size"
                    value={limit}
                    style={{ width: 130 }}
                    onChange={(n) => go({ ...base, limit: n === DEFAULT_SIZE ? undefined : String(n) })}
                    options={sizes.map((n) => ({ value: n, label: t('paging.perPage', { n }) }))}
                  />
                  <Button disabled={!cursor} onClick={() => go(base)}>
                    {t('paging.first')}
                  </Button>
                  <Button
                    disabled={!cursor}
                    data-testid="findings-previous"
                    onClick={() =>
                      go(
                        { ...base, cursor: trail[trail.length - 1] || undefined },
                        { trail: trail.slice(0, -1) },
                      )
                    }
                  >
                    {t('common:actions.previous')}
                  </Button>
                  <Button
                    disabled={!data.nextCursor}
                    data-testid="findings-next"
                    onClick={() =>
                      go(
                        { ...base, cursor: data.nextCursor ?? undefined },
                        { trail: [...trail, cursor ?? ''] },
                      )
                    }
                  >
                    {t('common:actions.next')}
                  </Button>
                </Flex>
              </Flex>
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}

/** The filter form: follows the URL's filters (back button, shared links), rendered only when they change. */
const FindingsFilters = memo(function FindingsFilters({
  filters,
  onApply,
  onClear,
}: {
  filters: Filters;
  onApply: (v: Filters) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation(['findings', 'common']);
  const labels = useFindingLabels();
  const [form] = Form.useForm<Filters>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [form, filters]);
  return (
    <Card style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="inline"
        aria-label={t('filters.label')}
        initialValues={filters}
        onFinish={onApply}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="reason" label={t('filters.reason')}>
          <Select
            allowClear
            placeholder={t('filters.anyReason')}
            style={{ width: 220 }}
            options={REASON_CODES.map((r) => ({ value: r, label: labels.reason(r) }))}
          />
        </Form.Item>
        <Form.Item
          name="firm"
          label={t('filters.firm')}
          rules={[{ pattern: CREDIT_CODE, message: t('filters.firmInvalid') }]}
        >
          <Input allowClear placeholder={t('filters.firmPlaceholder')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="case" label={t('filters.case')}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="device" label={t('filters.device')}>
          <Input allowClear placeholder={t('filters.devicePlaceholder')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('filters.period')}
          rules={[{ pattern: PERIOD, message: t('filters.periodInvalid') }]}
        >
          <Input allowClear placeholder={t('filters.periodPlaceholder')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="order" label={t('filters.order')}>
          <Select
            style={{ width: 130 }}
            placeholder={t('filters.asc')}
            options={[
              { value: 'asc', label: t('filters.asc') },
              { value: 'desc', label: t('filters.desc') },
            ]}
          />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" data-testid="findings-apply">
            {t('filters.apply')}
          </Button>
          <Button onClick={onClear}>{t('filters.clear')}</Button>
        </Flex>
      </Form>
    </Card>
  );
});
