import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';
import { cardTitle } from '../common/card-title';

type Notice = Schemas['FirmNoticeDto'];
type Difference = Schemas['ReauditDifferenceDto'];

/**
 * The consent watch's notices to the firm (GET /api/firms/{creditCode}/notices): what its own account reads and
 * its page notes for the officers. Each says which consent ended, how, and how many captures of the same person
 * followed in which month; the text of record is the stored (Chinese) message, shown under it.
 */
export function FirmNotices({ creditCode }: { creditCode: string }) {
  const { t } = useTranslation('firms');
  const fmt = useFormat();
  const { principal } = useSession();
  const own = principal?.firmCreditCode === creditCode;
  const query = useQuery({
    queryKey: ['firm-notices', creditCode],
    queryFn: () => unwrap(api.GET('/api/firms/{creditCode}/notices', { params: { path: { creditCode } } })),
  });
  return (
    <Card
      title={cardTitle(own ? t('notices.ownTitle') : t('notices.title'))}
      data-testid="firm-notices"
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary">{t('notices.hint')}</Typography.Paragraph>
      <QueryState query={query} isEmpty={(d) => d.length === 0} empty={t('notices.empty')} compact>
        {(notices) => (
          <Flex vertical gap={8}>
            {notices.map((n: Notice) => (
              <Alert
                key={n.id}
                type="warning"
                showIcon
                message={t(`notices.${n.ended === 'withdrawn' ? 'withdrawn' : 'expired'}`, {
                  consent: n.consentId,
                  endedAt: fmt.day(n.endedAt),
                  captures: fmt.number(n.captures),
                  period: n.period,
                })}
                description={
                  <Flex vertical gap={2}>
                    <span>
                      {t('notices.span', {
                        first: fmt.dateTime(n.firstCaptureAt),
                        last: fmt.dateTime(n.lastCaptureAt),
                        raised: fmt.day(n.createdAt),
                      })}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {n.message}
                    </Typography.Text>
                  </Flex>
                }
              />
            ))}
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}

/**
 * What the scheduled re-audit found at the firm (GET /api/firms/{creditCode}/supervision), for officers: each
 * re-audit's new findings by reason against the previous audit, and the clue it keeps open until its case ends.
 */
export function FirmReaudits({ creditCode }: { creditCode: string }) {
  const { t } = useTranslation(['firms', 'findings']);
  const fmt = useFormat();
  const query = useQuery({
    queryKey: ['firm-supervision', creditCode],
    queryFn: () =>
      unwrap(api.GET('/api/firms/{creditCode}/supervision', { params: { path: { creditCode } } })),
  });
  const columns: ColumnsType<Difference> = [
    {
      title: t('reaudits.at'),
      dataIndex: 'createdAt',
      width: 120,
      render: (v: string) => fmt.dateTime(v),
    },
    {
      title: t('reaudits.case'),
      dataIndex: 'caseNumber',
      width: 200,
      render: (n: string, d) => (
        <Flex vertical>
          <Link to={`/cases/${d.caseId}`} style={{ wordBreak: 'break-all' }}>
            {n}
          </Link>
          {d.previousCaseNumber && (
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {t('reaudits.against', { previous: d.previousCaseNumber })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('reaudits.newFindings'),
      key: 'reasons',
      render: (_, d) => (
        <Flex vertical gap={4}>
          {d.newTotal === 0 ? (
            <Typography.Text type="secondary">{t('reaudits.none')}</Typography.Text>
          ) : (
            <Flex wrap gap={4}>
              {Object.entries(d.newFindings).map(([reason, n]) => (
                <ToneTag key={reason} tone="bad">
                  {t(`findings:reasons.${reason}`, { defaultValue: reason })} {fmt.number(n)}
                </ToneTag>
              ))}
            </Flex>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reaudits.totals', { total: fmt.number(d.newTotal), threshold: fmt.number(d.threshold) })}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <Card title={cardTitle(t('reaudits.title'))} data-testid="firm-reaudits" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('reaudits.hint')}</Typography.Paragraph>
      <QueryState
        query={query}
        isEmpty={(d) => d.reaudits.length === 0 && !d.openClue}
        compact
        empty={t('reaudits.empty')}
      >
        {(data) => (
          <Flex vertical gap={12}>
            {data.openClue && (
              <Alert
                type="error"
                showIcon
                data-testid="supervision-clue"
                message={t('reaudits.clue', {
                  caseNumber: data.openClue.caseNumber,
                  openedAt: fmt.day(data.openClue.openedAt),
                })}
                action={<Link to={`/cases/${data.openClue.caseId}`}>{t('reaudits.openClue')}</Link>}
              />
            )}
            <Table<Difference>
              rowKey="caseId"
              size="small"
              columns={columns}
              dataSource={data.reaudits}
              pagination={false}
            />
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}
