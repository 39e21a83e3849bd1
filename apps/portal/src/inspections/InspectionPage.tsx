import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Spin, Steps, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiProblem, unwrap, type Schemas } from '../api/client';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { useFindingLabels } from '../findings/finding-labels';

type Status = Schemas['InspectionStatusDto'];
const STAGES = ['ingest', 'audit', 'assess', 'render'] as const;
const COUNT_KEYS = ['read', 'accepted', 'duplicates', 'conflicts', 'skipped', 'rejected'] as const;
type Counts = Record<(typeof COUNT_KEYS)[number], number>;

/** The parts of the `inspect --json` document the page shows (libs/inspection InspectionReport). */
interface Report {
  firm?: { creditCode?: string; name?: string };
  case?: { number?: string } | null;
  ingest?: {
    captures?: Counts;
    consents?: Counts;
    refusedFiles?: { fileName: string; code: string; message: string }[];
  };
  findings?: {
    capturesAudited?: number;
    capturesWithoutValidConsent?: number;
    affectedSubjects?: number;
    byReason?: Record<string, number>;
  };
  penalty?: { amount: string; currency: string } | null;
}

const finished = (s: Status | undefined) => s?.status === 'done' || s?.status === 'failed';

/**
 * An inspection's progress, live from its event stream (GET /api/inspections/{id}/events, the session cookie),
 * with a poll of GET /api/inspections/{id} as the fallback; when done, its results and the case it opened.
 */
export default function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['inspections', 'common']);
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const key = ['inspection', id];
  const query = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/inspections/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (finished(q.state.data) ? false : live ? 10_000 : 2_000),
    retry: (n, e) => !(e instanceof ApiProblem && e.status === 404) && n < 2,
  });
  const done = finished(query.data);

  useEffect(() => {
    if (done || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/inspections/${encodeURIComponent(id)}/events`, {
      withCredentials: true,
    });
    source.onopen = () => setLive(true);
    source.onmessage = (e: MessageEvent<string>) => {
      try {
        const status = JSON.parse(e.data) as Status;
        queryClient.setQueryData(['inspection', id], status);
        if (finished(status)) source.close();
      } catch {
        // A malformed event: the poll keeps the page right.
      }
    };
    source.onerror = () => {
      setLive(false);
      source.close();
    };
    return () => source.close();
  }, [id, done, queryClient]);

  if (query.error instanceof ApiProblem && query.error.status === 404) {
    return <Result status="404" title={<h1 style={{ fontSize: 22 }}>{t('run.notFound')}</h1>} />;
  }

  return (
    <QueryState query={query}>
      {(s) => {
        const report = (s.result ?? null) as Report | null;
        const title = report?.firm?.name ? `${t('run.title')} · ${report.firm.name}` : t('run.title');
        return (
          <>
            <PageTitle title={title} sub={t('run.sub', { at: fmt.dateTime(s.createdAt) })} />
            <Flex vertical gap={16}>
              <Progress status={s} live={live} />
              {s.status === 'failed' && s.error && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  data-testid="inspection-failed"
                  title={t('run.failedTitle')}
                  description={
                    <>
                      <div>{s.error.message}</div>
                      <div className="problem-code">{t('common:state.code', { code: s.error.code })}</div>
                    </>
                  }
                />
              )}
              {s.status === 'done' && report && <Done report={report} firm={s.firm} />}
            </Flex>
          </>
        );
      }}
    </QueryState>
  );
}

function Progress({ status: s, live }: { status: Status; live: boolean }) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const stageIndex = s.progress.stage ? (STAGES as readonly string[]).indexOf(s.progress.stage) : -1;
  const current = s.status === 'done' ? STAGES.length : Math.max(stageIndex, 0);
  const running = s.status === 'queued' || s.status === 'running';
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('run.status')}</h2>}
      extra={
        <ToneTag
          testId="inspection-status"
          tone={s.status === 'done' ? 'good' : s.status === 'failed' ? 'bad' : 'info'}
        >
          {t(`run.statuses.${s.status}`, { defaultValue: s.status })}
        </ToneTag>
      }
    >
      <Flex vertical gap={16}>
        <Steps
          current={current}
          status={s.status === 'failed' ? 'error' : running ? 'process' : 'finish'}
          items={STAGES.map((stage) => ({ title: t(`run.stages.${stage}`) }))}
        />
        <Flex gap={32} wrap align="center" aria-live="polite" data-testid="inspection-progress">
          {s.status === 'queued' && <Typography.Text>{t('run.waiting')}</Typography.Text>}
          {running && (
            <>
              <Typography.Text strong>
                {t('run.captures', { n: fmt.number(s.progress.captures) })}
              </Typography.Text>
              <Typography.Text strong>
                {t('run.consents', { n: fmt.number(s.progress.consents) })}
              </Typography.Text>
            </>
          )}
          {running && (
            <Flex gap={8} align="center">
              <Spin size="small" />
              <Typography.Text type="secondary">{live ? t('run.live') : t('run.polling')}</Typography.Text>
            </Flex>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The case an inspection opened, found among the firm's cases by its case number. */
function useCaseOf(firm: string | null, caseNumber: string | undefined) {
  return useQuery({
    queryKey: ['cases', { firm, limit: 100 }],
    enabled: !!firm && !!caseNumber,
    queryFn: () => unwrap(api.GET('/api/cases', { params: { query: { firm: firm!, limit: 100 } } })),
    select: (page) => page.items.find((c) => c.caseNumber === caseNumber) ?? null,
  });
}

function Done({ report, firm }: { report: Report; firm: string | null }) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const reasonName = useFindingLabels().reason;
  const caseNumber = report.case?.number;
  const found = (report.findings?.capturesWithoutValidConsent ?? 0) > 0;
  const theCase = useCaseOf(firm, found ? caseNumber : undefined);
  const countRows = [
    { key: 'captures', label: t('run.captureRecords'), ...report.ingest?.captures },
    { key: 'consents', label: t('run.consentRecords'), ...report.ingest?.consents },
  ];
  const reasons = Object.entries(report.findings?.byReason ?? {}).filter(([, n]) => n > 0);
  return (
    <Card
      data-testid="inspection-done"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('run.doneTitle')}</h2>}
      extra={
        <Flex gap={12} wrap>
          {firm && <Link to={`/firms/${firm}`}>{t('run.firmLink')}</Link>}
          {firm && found && <Link to={`/findings?firm=${firm}`}>{t('run.findingsLink')}</Link>}
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {found && caseNumber ? (
          <Alert
            type="warning"
            showIcon
            title={t('run.caseNumber', { number: caseNumber })}
            action={
              theCase.data ? (
                <Link to={`/cases/${theCase.data.id}`} data-testid="inspection-case-link">
                  <Button type="primary">{t('run.openCase')}</Button>
                </Link>
              ) : undefined
            }
          />
        ) : (
          <Alert type="success" showIcon title={t('run.noFindings')} />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} title={t('run.findings')}>
          <Descriptions.Item label={t('run.capturesAudited')}>
            {fmt.number(report.findings?.capturesAudited ?? 0)}
          </Descriptions.Item>
          <Descriptions.Item label={t('run.withoutConsent')}>
            <strong data-testid="without-consent">
              {fmt.number(report.findings?.capturesWithoutValidConsent ?? 0)}
            </strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('run.subjects')}>
            {fmt.number(report.findings?.affectedSubjects ?? 0)}
          </Descriptions.Item>
          {reasons.length > 0 && (
            <Descriptions.Item label={t('run.byReason')} span={3}>
              <Flex gap={8} wrap>
                {reasons.map(([reason, n]) => (
                  <ToneTag key={reason} tone="warn">
                    {reasonName(reason)}: {fmt.number(n)}
                  </ToneTag>
                ))}
              </Flex>
            </Descriptions.Item>
          )}
          {report.penalty && (
            <Descriptions.Item label={t('run.penalty')} span={3}>
              <strong>{fmt.money(report.penalty.amount, report.penalty.currency)}</strong>
            </Descriptions.Item>
          )}
        </Descriptions>
        <div>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {t('run.ingest')}
          </Typography.Title>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={countRows}
            columns={[
              { title: t('run.kind'), dataIndex: 'label' },
              ...COUNT_KEYS.map((k) => ({
                title: t(`run.${k}`),
                dataIndex: k,
                align: 'right' as const,
                render: (v: number | undefined) => fmt.number(v ?? 0),
              })),
            ]}
          />
        </div>
        {(report.ingest?.refusedFiles?.length ?? 0) > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('run.refused')}
            description={report.ingest!.refusedFiles!.map((f) => (
              <div key={f.fileName}>
                <code>{f.fileName}</code> — {f.message} ({f.code})
              </div>
            ))}
          />
        )}
      </Flex>
    </Card>
  );
}
