import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { useFormat } from '../common/format-hooks';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useStateLabel } from '../cases/case-labels';
import { ToneTag } from '../common/ToneTag';

type Task = Schemas['CaseTaskDto'];

/** Overdue first (the longest overdue on top), then by the last day, then by case. */
export function byUrgency(a: Task, b: Task): number {
  const over = (x: Task) => (x.deadline.status === 'overdue' ? 0 : 1);
  return (
    over(a) - over(b) ||
    a.deadline.due.localeCompare(b.deadline.due) ||
    a.caseNumber.localeCompare(b.caseNumber) ||
    a.deadline.id.localeCompare(b.deadline.id)
  );
}

/** My work: the signed-in person's time limits near or past (a firm: its own windows), each linked to its case. */
export default function MyWorkPage() {
  const { t } = useTranslation(['work', 'dashboard']);
  const { principal } = useSession();
  const firm = Boolean(principal?.firmCreditCode);
  const query = useQuery({
    queryKey: ['tasks'],
    queryFn: async () => [...(await unwrap(api.GET('/api/tasks')))].sort(byUrgency),
  });
  return (
    <>
      <PageTitle
        title={t('title')}
        sub={firm ? t('subFirm') : t('sub')}
        extra={query.data ? <Tag>{t('count', { count: query.data.length })}</Tag> : undefined}
      />
      <QueryState query={query}>
        {(tasks) =>
          tasks.length === 0 ? (
            <Card>
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={<Typography.Text>{firm ? t('emptyFirm') : t('empty')}</Typography.Text>}
              />
            </Card>
          ) : (
            <TaskTable tasks={tasks} />
          )
        }
      </QueryState>
    </>
  );
}

function Countdown({ d }: { d: Task['deadline'] }) {
  const { t } = useTranslation('work');
  const overdue = d.status === 'overdue';
  const working = d.workingDaysLeft;
  const days = d.daysLeft;
  let text: string;
  if (d.suspended) text = t('suspended');
  else if (working !== null && working !== undefined)
    text =
      working < 0
        ? t('left.overdueWorking', { count: -working })
        : working === 0
          ? t('left.today')
          : t('left.working', { count: working });
  else if (days !== null && days !== undefined)
    text =
      days < 0
        ? t('left.overdueDays', { count: -days })
        : days === 0
          ? t('left.today')
          : t('left.days', { count: days });
  else text = overdue ? t('left.overdue') : t('left.near');
  return (
    <ToneTag
      tone={d.suspended ? 'neutral' : overdue ? 'bad' : 'warn'}
      icon={overdue ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
      data-countdown={d.id}
    >
      {text}
    </ToneTag>
  );
}

function TaskTable({ tasks }: { tasks: Task[] }) {
  const { t, i18n } = useTranslation(['work', 'dashboard']);
  const stateLabel = useStateLabel();
  const fmt = useFormat();
  const zh = i18n.language.startsWith('zh');
  return (
    <Table<Task>
      rowKey={(x) => `${x.caseId}:${x.deadline.id}`}
      dataSource={tasks}
      pagination={tasks.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: true }}
      columns={[
        {
          title: t('col.countdown'),
          key: 'countdown',
          render: (_, x) => <Countdown d={x.deadline} />,
          width: 200,
        },
        {
          title: t('col.task'),
          key: 'task',
          render: (_, x) => (zh ? x.deadline.label.zh : x.deadline.label.en),
        },
        {
          title: t('col.due'),
          key: 'due',
          render: (_, x) => (
            <Flex gap={4} align="center">
              <span>{fmt.day(x.deadline.due)}</span>
              {x.deadline.provisional && (
                <Tooltip title={t('provisional')}>
                  <Tag>{t('provisional').split(/[:：]/)[0]}</Tag>
                </Tooltip>
              )}
            </Flex>
          ),
        },
        {
          title: t('col.case'),
          key: 'case',
          render: (_, x) => <Link to={`/cases/${x.caseId}`}>{x.docketNumber ?? x.caseNumber}</Link>,
        },
        { title: t('col.firm'), key: 'firm', render: (_, x) => x.firm.name },
        {
          title: t('col.state'),
          key: 'state',
          render: (_, x) => stateLabel(x.state),
        },
      ]}
    />
  );
}
