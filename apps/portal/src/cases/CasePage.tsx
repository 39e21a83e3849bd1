import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Row,
  Table,
  Tag,
  Timeline,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { Hash } from '../common/Hash';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useFormat } from '../common/format-hooks';
import { ActionModal } from './ActionModal';
import { PrecedentChart } from './PrecedentChart';
import { StateTag } from './StateTag';

type Detail = Schemas['CaseDetailDto'];
type Deadline = Schemas['DeadlineDto'];
type TraceStep = Schemas['TraceStepDto'];

const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** One case: its header, time limits with the server's countdown, steps, fine, precedents, documents, your actions. */
export default function CasePage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={query}>{(d) => <CaseView detail={d} />}</QueryState>;
}

function CaseView({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const fmt = useFormat();
  const client = useQueryClient();
  const [acting, setActing] = useState<string | null>(null);
  const zh = i18n.language.startsWith('zh');
  const proposedStep = [...d.timeline].reverse().find((s) => s.action === 'decide' || s.action === 'propose');
  const caseAmount =
    typeof proposedStep?.input.amount === 'string'
      ? proposedStep.input.amount
      : (d.assessment?.amount ?? null);

  return (
    <>
      <PageTitle
        title={`${t('title')} ${d.caseNumber}`}
        sub={d.firm.name}
        extra={<StateTag state={d.state} large testId="case-state" />}
      />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Flex vertical gap={16}>
            <Card title={h2(t('detail.actions'))} size="small">
              {d.actions.length === 0 ? (
                <Typography.Text type="secondary" data-testid="no-actions">
                  {t('detail.noActions')}
                </Typography.Text>
              ) : (
                <Flex wrap gap={8} data-testid="case-actions">
                  {d.actions.map((a) => (
                    <Button key={a} type="primary" data-testid={`action-${a}`} onClick={() => setActing(a)}>
                      {t(`action.${a}`, { defaultValue: a })}
                    </Button>
                  ))}
                </Flex>
              )}
            </Card>

            <Card title={h2(t('detail.firm'))} size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('detail.docket')}>
                  {d.docketNumber ?? t('list.notFiled')}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.state')}>
                  {t(`state.${d.state}`, { defaultValue: d.state })}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.firm')}>
                  {d.firm.name} <code>{d.firm.creditCode}</code>
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.clueDate')}>{fmt.day(d.clueDate)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.source')}>
                  {d.source === 'inspection' ? t('detail.sourceInspection') : t('detail.sourceHand')}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.findings')}>
                  <Link to={`/findings?firm=${d.firm.creditCode}`}>{t('detail.findings')}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.handlers')} span={2}>
                  <span data-testid="case-handlers">
                    {d.handlers.length === 0
                      ? t('detail.noHandlers')
                      : d.handlers.map((h, i) => (
                          <span key={h.userId}>
                            {i > 0 && '、'}
                            {h.name ?? h.userId}
                            {h.certificateNumber && (
                              <Typography.Text type="secondary">
                                {' '}
                                ({t('detail.certificate', { number: h.certificateNumber })})
                              </Typography.Text>
                            )}
                          </span>
                        ))}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.parties')} span={2}>
                  {d.parties.map((p) => `${p.name}（${p.creditCode}）`).join('、')}
                  {d.partyAddress && ` · ${t('detail.partyAddress')}: ${d.partyAddress}`}
                </Descriptions.Item>
                {d.description && (
                  <Descriptions.Item label={t('detail.description')} span={2}>
                    {d.description}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>

            <Card title={h2(t('deadlines.title'))} size="small">
              <Deadlines deadlines={d.deadlines} zh={zh} />
            </Card>

            <Card title={h2(t('fine.title'))} size="small" data-testid="case-fine">
              {d.assessment ? (
                <Fine a={d.assessment} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fine.none')} />
              )}
            </Card>

            <Card title={h2(t('precedents.title'))} size="small">
              {d.precedents.length > 0 ? (
                <PrecedentChart precedents={d.precedents} amount={caseAmount} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('precedents.empty')} />
              )}
            </Card>

            <Card title={h2(t('timeline.title'))} size="small">
              {d.timeline.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />
              ) : (
                <Timeline
                  data-testid="case-timeline"
                  items={d.timeline.map((s) => ({
                    key: s.seq,
                    color: 'blue',
                    content: (
                      <div>
                        <Typography.Text strong>
                          {t(`action.${s.action}`, { defaultValue: s.action })}
                        </Typography.Text>{' '}
                        <Typography.Text type="secondary">
                          {fmt.day(s.date)} · {t('timeline.by', { name: s.actor.name ?? s.actor.userId })}
                        </Typography.Text>
                        {s.document && (
                          <div>
                            <a href={`/api/documents/${s.document.id}`} download>
                              {t(`doc.${s.document.kind}`, { defaultValue: s.document.kind })}
                            </a>
                          </div>
                        )}
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>

            <Card title={h2(t('documents.title'))} size="small">
              {d.documents.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.empty')} />
              ) : (
                <Table
                  rowKey="id"
                  size="small"
                  data-testid="case-documents"
                  pagination={false}
                  dataSource={d.documents}
                  locale={{ emptyText: t('documents.empty') }}
                  scroll={{ x: 600 }}
                  columns={[
                    {
                      title: t('documents.kind'),
                      dataIndex: 'kind',
                      render: (k: string) => t(`doc.${k}`, { defaultValue: k }),
                    },
                    {
                      title: t('documents.issuedAt'),
                      dataIndex: 'issuedAt',
                      render: (v: string) => fmt.dateTime(v),
                    },
                    {
                      title: t('documents.sha256'),
                      dataIndex: 'sha256',
                      render: (v: string) => <Hash value={v} />,
                    },
                    {
                      title: t('documents.download'),
                      key: 'dl',
                      render: (_, r) => (
                        <a
                          href={`/api/documents/${r.id}`}
                          download
                          aria-label={`${t('documents.download')} ${t(`doc.${r.kind}`, { defaultValue: r.kind })}`}
                        >
                          <DownloadOutlined /> {t('documents.download')}
                        </a>
                      ),
                    },
                  ]}
                />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
      {acting && (
        <ActionModal
          detail={d}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            void client.invalidateQueries({ queryKey: ['case', d.id] });
            void client.invalidateQueries({ queryKey: ['cases'] });
          }}
        />
      )}
    </>
  );
}

function Deadlines({ deadlines, zh }: { deadlines: Deadline[]; zh: boolean }) {
  const { t } = useTranslation('cases');
  const { token } = theme.useToken();
  const fmt = useFormat();
  if (deadlines.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.empty')} />;
  }
  const tone: Record<string, string | undefined> = {
    open: undefined,
    near: token.colorWarning,
    overdue: token.colorError,
    met: token.colorSuccess,
  };
  return (
    <Table<Deadline>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={deadlines}
      data-testid="case-deadlines"
      scroll={{ x: 760 }}
      columns={[
        { title: t('deadlines.label'), key: 'label', render: (_, r) => (zh ? r.label.zh : r.label.en) },
        {
          title: t('deadlines.due'),
          key: 'due',
          render: (_, r) => (
            <>
              <div style={{ whiteSpace: 'nowrap' }}>{fmt.day(r.due)}</div>
              {r.acceptedUntil && r.acceptedUntil !== r.due && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('deadlines.acceptedUntil', { day: fmt.day(r.acceptedUntil) })}
                </Typography.Text>
              )}
            </>
          ),
        },
        {
          title: t('deadlines.countdown'),
          key: 'left',
          render: (_, r) => <Countdown d={r} />,
        },
        {
          title: t('deadlines.status'),
          key: 'status',
          render: (_, r) => (
            <Flex gap={4} wrap>
              <Tag style={{ color: tone[r.status] }}>
                {r.status === 'met' && r.metOn
                  ? t('deadlines.metOn', { day: fmt.day(r.metOn) })
                  : t(`deadlines.${r.status as 'open'}`)}
              </Tag>
              {r.suspended && <Tag>{t('deadlines.suspended')}</Tag>}
              {r.provisional && <Tag>{t('deadlines.provisional')}</Tag>}
              {r.provisional && r.provisionalReason && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.provisionalReason}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: t('deadlines.basis'),
          key: 'basis',
          // The article as the statutes print it in the page's language; an unconfirmed number says so in the
          // citation itself, one from secondary sources is marked here.
          render: (_, r) => (
            <Typography.Text style={{ fontSize: 12 }} data-testid={`basis-${r.id}`}>
              {zh ? (r.basisZh ?? r.basis) : r.basis}
              {r.basisConfidence === 'S' ? t('deadlines.basisSecondary') : ''}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** The server's countdown (working or calendar days), highlighted when near or past. */
function Countdown({ d }: { d: Deadline }) {
  const { t } = useTranslation('cases');
  const w = d.workingDaysLeft;
  const c = d.daysLeft;
  let text: string | null = null;
  if (w !== null && w !== undefined) {
    text =
      w > 0
        ? t('deadlines.workingLeft', { count: w })
        : w === 0
          ? t('deadlines.workingToday')
          : t('deadlines.workingOverdue', { count: -w });
  } else if (c !== null && c !== undefined) {
    text =
      c > 0
        ? t('deadlines.daysLeft', { count: c })
        : c === 0
          ? t('deadlines.workingToday')
          : t('deadlines.daysOverdue', { count: -c });
  }
  if (text === null) return <span aria-hidden="true">—</span>;
  const type = d.status === 'overdue' ? 'danger' : d.status === 'near' ? 'warning' : undefined;
  return (
    <Typography.Text type={type} strong={type !== undefined} data-testid={`countdown-${d.id}`}>
      {text}
    </Typography.Text>
  );
}

function Fine({ a }: { a: NonNullable<Detail['assessment']> }) {
  const { t, i18n } = useTranslation('cases');
  // The Chinese rulebooks give every step in Chinese too; the EU and US rulebooks only in English.
  const zh = i18n.language.startsWith('zh');
  const fmt = useFormat();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, lg: 2 }}>
        <Descriptions.Item label={t('fine.proposal')}>
          <Typography.Text strong data-testid="fine-amount">
            {fmt.money(a.amount, a.currency)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('fine.range')}>
          {a.max != null
            ? `${fmt.money(a.min, a.currency)} – ${fmt.money(a.max ?? '', a.currency)}`
            : t('fine.rangeOpen', { min: fmt.money(a.min, a.currency) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('fine.tier')}>
          {t(`tier.${a.tier as 'ordinary'}`, { defaultValue: a.tier })}
        </Descriptions.Item>
        <Descriptions.Item label={t('fine.rulebook')}>
          {a.rulebook} · {a.rulebookVersion} (v{a.version})
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        size="small"
        data-testid="fine-trace"
        items={[
          {
            key: 'trace',
            label: `${t('fine.trace')} (${a.steps.length})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={a.steps}
                scroll={{ x: 600 }}
                columns={[
                  {
                    title: t('fine.step'),
                    key: 'description',
                    width: '45%',
                    render: (_: unknown, s: TraceStep) => (zh && s.zh ? s.zh.description : s.description),
                  },
                  {
                    title: t('fine.citation'),
                    key: 'citation',
                    width: '25%',
                    render: (_: unknown, s: TraceStep) => (
                      <Typography.Text style={{ fontSize: 12 }}>
                        {zh && s.zh ? s.zh.citation : s.citation}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('fine.value'),
                    key: 'value',
                    width: '30%',
                    render: (_: unknown, s: TraceStep) => (
                      <Typography.Text style={{ fontSize: 13 }}>
                        {(zh && s.zh?.value) || s.value}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
