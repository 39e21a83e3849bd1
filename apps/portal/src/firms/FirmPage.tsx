import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Result, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiProblem, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { Hash } from '../common/Hash';
import { PageTitle } from '../common/PageTitle';
import { KeysetPager, useKeysetPages } from '../common/keyset';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { BatchCustody, BatchStatus, CountsEquation } from './BatchCustody';
import { CoverageChart } from './CoverageChart';
import { FirmNotices, FirmReaudits } from './FirmSupervision';
import { cardTitle } from '../common/card-title';

type Batch = Schemas['BatchDto'];
type Site = Schemas['SiteDto'];
type Device = Schemas['DeviceDto'];
type CaseItem = Schemas['CaseListItemDto'];
const BATCH_PAGE = 50;

/**
 * A firm (GET /api/firms/{creditCode}): its sites and devices, its evidence batches with their custody, consent
 * coverage by month and its cases. Out of the caller's scope the server answers 404: a not-found state.
 */
export default function FirmPage() {
  const { creditCode = '' } = useParams();
  const { t } = useTranslation(['firms', 'common']);
  const fmt = useFormat();
  const { can } = useSession();
  const firm = useQuery({
    queryKey: ['firm', creditCode],
    queryFn: () => unwrap(api.GET('/api/firms/{creditCode}', { params: { path: { creditCode } } })),
    retry: (n, e) => !(e instanceof ApiProblem && e.status === 404) && n < 2,
  });

  if (firm.error instanceof ApiProblem && firm.error.status === 404) {
    return (
      <Result
        status="404"
        data-testid="firm-not-found"
        title={<h1 style={{ fontSize: 22 }}>{t('page.notFound')}</h1>}
        subTitle={t('page.notFoundDetail', { creditCode })}
        extra={
          <Link to="/firms">
            <Button type="primary">{t('page.back')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <QueryState query={firm}>
      {(f) => (
        <>
          <PageTitle
            title={f.name}
            sub={t('page.sub', {
              creditCode: f.creditCode,
              region: f.region,
              timezone: f.timezone,
              registeredAt: fmt.day(f.registeredAt),
            })}
            extra={<Link to={`/findings?firm=${f.creditCode}`}>{t('findingsLink')}</Link>}
          />
          <Flex vertical gap={16}>
            {can('read:Supervision') ? (
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <FirmNotices creditCode={f.creditCode} />
                </Col>
                <Col xs={24} xl={12}>
                  <FirmReaudits creditCode={f.creditCode} />
                </Col>
              </Row>
            ) : (
              <FirmNotices creditCode={f.creditCode} />
            )}
            <Batches creditCode={f.creditCode} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Coverage creditCode={f.creditCode} />
              </Col>
              <Col xs={24} xl={12}>
                <Cases creditCode={f.creditCode} />
              </Col>
            </Row>
            <SitesAndDevices sites={f.sites} devices={f.devices} />
          </Flex>
        </>
      )}
    </QueryState>
  );
}

function Batches({ creditCode }: { creditCode: string }) {
  const { t } = useTranslation(['firms', 'common']);
  const fmt = useFormat();
  const { principal } = useSession();
  const pages = useKeysetPages();
  const { cursor } = pages;
  const query = useQuery({
    queryKey: ['firm-batches', creditCode, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/firms/{creditCode}/batches', {
          params: { path: { creditCode }, query: { cursor, limit: BATCH_PAGE } },
        }),
      ),
  });
  const columns: ColumnsType<Batch> = [
    {
      title: t('batches.file'),
      dataIndex: 'fileName',
      width: 170,
      render: (name: string, b) => (
        <Flex vertical>
          <strong style={{ wordBreak: 'break-all' }}>{name}</strong>
          {b.sourceEntry && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('batches.entry', { entry: b.sourceEntry })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('batches.sha256'),
      dataIndex: 'sha256',
      width: 150,
      render: (v: string) => <Hash value={v} />,
    },
    {
      title: t('batches.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => t(`batches.kinds.${k}`, { defaultValue: k }),
    },
    {
      title: t('batches.format'),
      key: 'format',
      width: 120,
      render: (_, b) => (
        <span>
          {b.captureFormat ?? b.format}
          <br />
          <Typography.Text type="secondary">{b.encoding}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('batches.received'),
      key: 'received',
      width: 230,
      render: (_, b) => (
        <Flex vertical style={{ fontSize: 13, maxWidth: 214 }}>
          <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(b.receivedAt)}</span>
          <span>{t('batches.receivedBy', { who: b.receivedBy })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: b.receivedFrom }}>
            {t('batches.receivedFrom', { from: b.receivedFrom })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('batches.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <BatchStatus status={s} />,
    },
    {
      title: t('batches.counts'),
      key: 'counts',
      width: 300,
      render: (_, b) => <CountsEquation counts={b.counts} />,
    },
  ];
  const own = principal?.firmCreditCode === creditCode;
  return (
    <Card title={cardTitle(own ? t('batches.ownTitle') : t('batches.title'))}>
      <Typography.Paragraph type="secondary">{t('batches.hint')}</Typography.Paragraph>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0 && !cursor} empty={t('batches.empty')}>
        {(data) => (
          <>
            <Table<Batch>
              data-testid="batch-table"
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data.items}
              pagination={false}
              scroll={{ x: 1000 }}
              expandable={{ expandedRowRender: (b) => <BatchCustody batch={b} /> }}
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
  );
}

function Coverage({ creditCode }: { creditCode: string }) {
  const { t } = useTranslation('firms');
  const query = useQuery({
    queryKey: ['firm-coverage', creditCode],
    queryFn: () => unwrap(api.GET('/api/firms/{creditCode}/coverage', { params: { path: { creditCode } } })),
  });
  return (
    <Card title={cardTitle(t('coverage.title'))} style={{ height: '100%' }}>
      <QueryState query={query} isEmpty={(d) => d.months.length === 0} empty={t('coverage.empty')}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">
              {t('coverage.hint', { timezone: data.timezone })}
            </Typography.Paragraph>
            <CoverageChart months={data.months} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function Cases({ creditCode }: { creditCode: string }) {
  const { t } = useTranslation('firms');
  const fmt = useFormat();
  const { principal } = useSession();
  const query = useQuery({
    queryKey: ['cases', { firm: creditCode }],
    queryFn: () => unwrap(api.GET('/api/cases', { params: { query: { firm: creditCode, limit: 50 } } })),
  });
  const columns: ColumnsType<CaseItem> = [
    {
      title: t('cases.caseNumber'),
      dataIndex: 'caseNumber',
      render: (n: string, c) => <Link to={`/cases/${c.id}`}>{c.docketNumber ?? n}</Link>,
    },
    {
      title: t('cases.state'),
      dataIndex: 'state',
      render: (s: string) => <ToneTag tone="neutral">{t(`cases.states.${s}`, { defaultValue: s })}</ToneTag>,
    },
    {
      title: t('cases.openedAt'),
      dataIndex: 'openedAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.day(v)}</span>,
    },
  ];
  const own = principal?.firmCreditCode === creditCode;
  return (
    <Card title={cardTitle(own ? t('cases.ownTitle') : t('cases.title'))} style={{ height: '100%' }}>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} empty={t('cases.empty')}>
        {(data) => (
          <Table<CaseItem>
            data-testid="firm-cases"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data.items}
            pagination={false}
          />
        )}
      </QueryState>
    </Card>
  );
}

function SitesAndDevices({ sites, devices }: { sites: Site[]; devices: Device[] }) {
  const { t } = useTranslation('firms');
  const siteName = new Map(sites.map((s) => [s.siteCode, s.name]));
  const siteColumns: ColumnsType<Site> = [
    { title: t('sites.siteCode'), dataIndex: 'siteCode', render: (v: string) => <code>{v}</code> },
    { title: t('sites.site'), dataIndex: 'name' },
    {
      title: t('sites.siteType'),
      dataIndex: 'siteType',
      render: (v: string) => t(`siteTypes.${v}`, { defaultValue: v }),
    },
    {
      title: t('sites.faceOnly'),
      dataIndex: 'faceOnlyAccess',
      render: (v: boolean) => (v ? <ToneTag tone="bad">{t('sites.yes')}</ToneTag> : t('sites.no')),
    },
  ];
  const deviceColumns: ColumnsType<Device> = [
    { title: t('sites.device'), dataIndex: 'deviceCode', render: (v: string) => <code>{v}</code> },
    {
      title: t('sites.site'),
      dataIndex: 'siteCode',
      render: (v: string) => siteName.get(v) ?? v,
    },
    {
      title: t('sites.purpose'),
      dataIndex: 'declaredPurpose',
      render: (v: string | null) =>
        v ? (
          t(`purposes.${v}`, { defaultValue: v })
        ) : (
          <Typography.Text type="secondary">{t('sites.noPurpose')}</Typography.Text>
        ),
    },
    { title: t('sites.vendor'), dataIndex: 'vendor' },
    { title: t('sites.model'), dataIndex: 'model' },
    { title: t('sites.timezone'), dataIndex: 'timezone' },
  ];
  return (
    <Card title={cardTitle(t('sites.title'))}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {t('sites.sitesCount', { count: sites.length })}
          </Typography.Title>
          <Table<Site>
            rowKey="siteCode"
            size="small"
            columns={siteColumns}
            dataSource={sites}
            pagination={false}
          />
        </Col>
        <Col xs={24} xl={15}>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {t('sites.devices', { count: devices.length })}
          </Typography.Title>
          <Table<Device>
            rowKey="deviceCode"
            size="small"
            columns={deviceColumns}
            dataSource={devices}
            pagination={false}
            scroll={{ x: 640 }}
          />
        </Col>
      </Row>
    </Card>
  );
}
