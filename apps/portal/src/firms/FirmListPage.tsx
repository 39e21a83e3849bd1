import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/PageTitle';
import { KeysetPager, useKeysetPages } from '../common/keyset';
import { QueryState } from '../common/QueryState';
import { useFormat } from '../common/format-hooks';

type Firm = Schemas['FirmDto'];
const PAGE_SIZE = 50;

/**
 * The firms in the caller's scope (GET /api/firms, keyset pages by credit code). A firm's own account has one
 * firm in scope: the section lands directly on its page.
 */
export default function FirmListPage() {
  const { t } = useTranslation(['firms', 'common']);
  const { principal } = useSession();
  if (principal?.firmCreditCode) return <Navigate to={`/firms/${principal.firmCreditCode}`} replace />;
  return <FirmList t={t} />;
}

function FirmList({ t }: { t: ReturnType<typeof useTranslation<['firms', 'common']>>['t'] }) {
  const fmt = useFormat();
  const navigate = useNavigate();
  const pages = useKeysetPages();
  const { cursor } = pages;
  const query = useQuery({
    queryKey: ['firms', cursor],
    queryFn: () => unwrap(api.GET('/api/firms', { params: { query: { cursor, limit: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<Firm> = [
    {
      title: t('columns.name'),
      dataIndex: 'name',
      render: (name: string, f) => <Link to={`/firms/${f.creditCode}`}>{name}</Link>,
    },
    {
      title: t('columns.creditCode'),
      dataIndex: 'creditCode',
      render: (v: string) => <code>{v}</code>,
    },
    { title: t('columns.region'), dataIndex: 'region' },
    {
      title: t('columns.registeredAt'),
      dataIndex: 'registeredAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
  ];

  return (
    <>
      <PageTitle title={t('title')} sub={t('list.sub')} />
      <Card>
        <QueryState query={query} isEmpty={(d) => d.items.length === 0 && !cursor} empty={t('list.empty')}>
          {(data) => (
            <>
              <Table<Firm>
                rowKey="creditCode"
                columns={columns}
                dataSource={data.items}
                pagination={false}
                size="middle"
                loading={query.isFetching && query.isPlaceholderData}
                onRow={(f) => ({
                  onDoubleClick: () => void navigate(`/firms/${f.creditCode}`),
                })}
              />
              <KeysetPager
                hasPrevious={pages.hasPrevious}
                nextCursor={data.nextCursor}
                onPrevious={pages.previous}
                onNext={pages.next}
              />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
