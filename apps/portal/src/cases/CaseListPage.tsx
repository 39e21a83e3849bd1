import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useFormat } from '../common/format-hooks';
import { NewClueModal } from './NewClueModal';
import { StateTag } from './StateTag';
import { CASE_STATES } from './case-labels';

type Item = Schemas['CaseListItemDto'];
const PAGE = 20;

/** Cases in the officer's scope, filtered on the server (state, firm), newest first, paged by the server's cursor. */
export default function CaseListPage() {
  const { t } = useTranslation(['cases', 'common']);
  const fmt = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? undefined;
  const firm = params.get('firm') ?? undefined;
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ state?: string; firm?: string }>();

  const query = useInfiniteQuery({
    queryKey: ['cases', { state, firm }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/cases', {
          params: { query: { state, firm, cursor: pageParam, limit: PAGE } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const apply = (v: { state?: string; firm?: string }) => {
    const next = new URLSearchParams();
    if (v.state) next.set('state', v.state);
    if (v.firm?.trim()) next.set('firm', v.firm.trim().toUpperCase());
    setParams(next);
  };

  return (
    <>
      <PageTitle
        title={t('title')}
        extra={
          can('create:Case') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('list.newClue')}
            </Button>
          ) : undefined
        }
      />
      <Form
        form={form}
        layout="inline"
        initialValues={{ state, firm }}
        onFinish={apply}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="state" label={t('list.filterState')}>
          <Select
            allowClear
            placeholder={t('list.allStates')}
            style={{ width: 180 }}
            options={CASE_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="firm"
          label={t('list.filterFirm')}
          rules={[{ pattern: /^[0-9A-Za-z]{18}$/, message: t('list.firmInvalid') }]}
        >
          <Input allowClear style={{ width: 220 }} maxLength={18} />
        </Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit">
              {t('list.apply')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ state: undefined, firm: undefined });
                setParams(new URLSearchParams());
              }}
            >
              {t('list.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <QueryState query={query} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('list.empty')}>
        {(data) => (
          <>
            <Table<Item>
              rowKey="id"
              data-testid="case-table"
              pagination={false}
              dataSource={data.pages.flatMap((p) => p.items)}
              onRow={(r) => ({ onDoubleClick: () => void navigate(`/cases/${r.id}`) })}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: t('list.caseNumber'),
                  dataIndex: 'caseNumber',
                  render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link>,
                },
                {
                  title: t('list.docketNumber'),
                  dataIndex: 'docketNumber',
                  render: (v: string | null) => v ?? <span className="muted">{t('list.notFiled')}</span>,
                },
                {
                  title: t('list.firm'),
                  key: 'firm',
                  render: (_, r) => (
                    <>
                      <div>{r.firm.name}</div>
                      <code style={{ fontSize: 12 }}>{r.firm.creditCode}</code>
                    </>
                  ),
                },
                {
                  title: t('list.state'),
                  dataIndex: 'state',
                  render: (s: string) => <StateTag state={s} />,
                },
                { title: t('list.clueDate'), dataIndex: 'clueDate', render: (d: string) => fmt.day(d) },
              ]}
            />
            {query.hasNextPage && (
              <Flex justify="center" style={{ marginTop: 16 }}>
                <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                  {t('list.loadMore')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </QueryState>
      {creating && (
        <NewClueModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/cases/${id}`);
          }}
        />
      )}
    </>
  );
}
