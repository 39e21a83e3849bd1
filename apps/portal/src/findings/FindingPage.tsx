import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { Hash } from '../common/Hash';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { useFindingLabels } from './finding-labels';

type Detail = Schemas['FindingDetailDto'];
type Capture = Schemas['FindingCaptureDto'];
type Consent = Schemas['FindingConsentDto'];
type InputLine = Schemas['InputLineDto'];

/** Where a record was read: the firm's file and line, and the batch (by SHA-256) on the firm's page. */
function InputLineCell({ line, firm }: { line: InputLine; firm: string }) {
  const { t } = useTranslation('findings');
  const file = line.sourceEntry ? `${line.fileName} › ${line.sourceEntry}` : line.fileName;
  return (
    <Flex vertical gap={2}>
      <span style={{ whiteSpace: 'nowrap' }}>{t('detail.fileLine', { file, line: line.lineNo })}</span>
      <Flex gap={4} align="center" wrap>
        <Hash value={line.batchSha256} />
        <Link to={`/firms/${firm}?batch=${line.batch}`} aria-label={`${t('detail.openBatch')} ${line.batch}`}>
          #{line.batch}
        </Link>
      </Flex>
    </Flex>
  );
}

/**
 * One finding down to its evidence: the captures with the firm's input lines, and the consent records the audit
 * weighed, each with the coverage step it fails (judged on the server by the detection core).
 */
export default function FindingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['findings', 'common']);
  const query = useQuery({
    queryKey: ['finding', id],
    queryFn: () => unwrap(api.GET('/api/findings/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      {!query.isSuccess && <PageTitle title={t('detail.title', { id })} />}
      <QueryState query={query}>{(f) => <FindingView f={f} />}</QueryState>
    </>
  );
}

function FindingView({ f }: { f: Detail }) {
  const { t } = useTranslation(['findings', 'common']);
  const fmt = useFormat();
  const labels = useFindingLabels();
  const navigate = useNavigate();

  const captureColumns: ColumnsType<Capture> = [
    {
      title: t('detail.occurredAt'),
      dataIndex: 'occurredAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    { title: t('detail.eventType'), dataIndex: 'eventType', render: (v: string) => labels.eventType(v) },
    { title: t('columns.device'), dataIndex: 'device' },
    {
      title: t('detail.eventId'),
      dataIndex: 'eventId',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('detail.inputLine'),
      key: 'source',
      render: (_: unknown, c) => <InputLineCell line={c.source} firm={f.firm} />,
    },
  ];

  const yesNo = (b: boolean) => (b ? t('detail.yes') : t('detail.no'));
  const consentColumns: ColumnsType<Consent> = [
    {
      title: t('detail.consentId'),
      dataIndex: 'consentId',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('detail.failedBecause'),
      dataIndex: 'failedBecause',
      render: (v: string | null) =>
        v ? (
          <ToneTag tone="bad" testId="consent-failure">
            {labels.reason(v)}
          </ToneTag>
        ) : (
          <ToneTag tone="good">{t('detail.wouldCover')}</ToneTag>
        ),
    },
    {
      title: t('detail.givenAt'),
      dataIndex: 'givenAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    {
      title: t('detail.purposes'),
      dataIndex: 'purposes',
      render: (v: string[]) => v.map((p) => labels.purpose(p)).join('、'),
    },
    { title: t('detail.method'), dataIndex: 'method', render: (v: string) => labels.method(v) },
    { title: t('detail.separate'), dataIndex: 'separateConsent', render: yesNo },
    { title: t('detail.guardian'), dataIndex: 'guardianConsent', render: yesNo },
    {
      title: t('detail.withdrawnAt'),
      dataIndex: 'withdrawnAt',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? fmt.dateTime(v) : '—'}</span>,
    },
    {
      title: t('detail.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? fmt.dateTime(v) : '—'}</span>,
    },
    {
      title: t('detail.inputLine'),
      key: 'source',
      render: (_: unknown, c) => <InputLineCell line={c.source} firm={f.firm} />,
    },
  ];

  const firstAt = f.captures[0]?.occurredAt ?? f.firstAt;
  return (
    <>
      <PageTitle
        title={`${labels.reason(f.reason)} · ${t('detail.title', { id: f.id })}`}
        sub={`${labels.kind(f.kind)} · ${t('detail.case')} ${f.caseNumber}`}
        extra={
          <>
            <Button onClick={() => void navigate(`/cases/${f.caseId}`)}>{t('detail.openCase')}</Button>
            <Button onClick={() => void navigate(`/findings?firm=${f.firm}`)}>
              {t('detail.firmFindings')}
            </Button>
          </>
        }
      />
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.summary')}</h2>}
        style={{ marginBottom: 16 }}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'reason', label: t('columns.reason'), children: labels.reason(f.reason) },
            {
              key: 'firm',
              label: t('columns.firm'),
              children: <Link to={`/firms/${f.firm}`}>{f.firm}</Link>,
            },
            {
              key: 'subject',
              label: t('columns.subject'),
              children: f.subjectRef ? (
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {f.subjectRef}
                </Typography.Text>
              ) : (
                t('unidentified')
              ),
            },
            { key: 'device', label: t('columns.device'), children: f.device ?? '—' },
            { key: 'site', label: t('columns.site'), children: f.site },
            { key: 'purpose', label: t('columns.purpose'), children: labels.purpose(f.purpose) },
            { key: 'captures', label: t('columns.captures'), children: fmt.number(f.captureCount) },
            { key: 'firstAt', label: t('columns.firstAt'), children: fmt.dateTime(f.firstAt) },
            { key: 'lastAt', label: t('columns.lastAt'), children: fmt.dateTime(f.lastAt) },
          ]}
        />
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.consents')}</h2>}
        style={{ marginBottom: 16 }}
        data-testid="finding-consents"
      >
        {f.consents.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {f.kind === 'site' ? t('detail.noConsentsSite') : t('detail.noConsents')}
          </Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              {t('detail.consentsIntro', { at: fmt.dateTime(firstAt) })}
            </Typography.Paragraph>
            <Table<Consent>
              rowKey="consentId"
              columns={consentColumns}
              dataSource={f.consents}
              pagination={false}
              size="small"
            />
          </>
        )}
      </Card>
      {f.kind !== 'site' && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.captures')}</h2>}
          extra={
            <Typography.Text type="secondary">
              {t('detail.capturesShown', { shown: f.captures.length, total: f.captureCount })}
            </Typography.Text>
          }
          data-testid="finding-captures"
        >
          <Table<Capture>
            rowKey="eventId"
            columns={captureColumns}
            dataSource={f.captures}
            pagination={f.captures.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            size="small"
          />
        </Card>
      )}
    </>
  );
}
