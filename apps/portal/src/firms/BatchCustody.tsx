import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { ProblemAlert } from '../common/ProblemAlert';
import { KeysetPager, useKeysetPages } from '../common/keyset';
import { QueryState } from '../common/QueryState';
import { ToneTag, type Tone } from '../common/ToneTag';
import { useFormat } from '../common/format-hooks';

type Batch = Schemas['BatchDto'];
type Quarantined = Schemas['QuarantinedRecordDto'];
const PAGE_SIZE = 20;

const STATUS_TONE: Record<string, Tone> = {
  completed: 'good',
  receiving: 'info',
  failed: 'bad',
  discarded: 'neutral',
};

export function BatchStatus({ status }: { status: string }) {
  const { t } = useTranslation('firms');
  return (
    <ToneTag tone={STATUS_TONE[status] ?? 'neutral'}>
      {t(`batches.statuses.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

/** read = accepted + duplicates + conflicts + skipped + rejected, written out, with whether it holds. */
export function CountsEquation({ counts }: { counts: Batch['counts'] }) {
  const { t } = useTranslation('firms');
  const fmt = useFormat();
  const sum = counts.accepted + counts.duplicates + counts.conflicts + counts.skipped + counts.rejected;
  const ok = sum === counts.read;
  const n = (v: number) => fmt.number(v);
  return (
    <Flex vertical gap={2} data-testid="batch-counts">
      <span>
        {t('batches.equation', {
          read: n(counts.read),
          accepted: n(counts.accepted),
          duplicates: n(counts.duplicates),
          conflicts: n(counts.conflicts),
          skipped: n(counts.skipped),
          rejected: n(counts.rejected),
        })}
      </span>
      <Typography.Text type={ok ? 'success' : 'danger'} strong>
        {ok ? `✓ ${t('batches.reconciles')}` : `✗ ${t('batches.doesNotReconcile')}`}
      </Typography.Text>
    </Flex>
  );
}

/** The quarantined lines of a batch (GET /api/batches/{id}/quarantine), by line, in keyset pages. */
function Quarantine({ batch }: { batch: Batch }) {
  const { t } = useTranslation(['firms', 'common']);
  const pages = useKeysetPages();
  const { cursor } = pages;
  const query = useQuery({
    queryKey: ['batch-quarantine', batch.id, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/batches/{id}/quarantine', {
          params: { path: { id: batch.id }, query: { cursor, limit: PAGE_SIZE } },
        }),
      ),
  });
  const reason = (code: string) => {
    const key = code.replace(/^INGEST\./, '');
    return /^[A-Z_]+$/.test(key) ? t(`quarantine.reasons.${key}`, { defaultValue: code }) : code;
  };
  const columns: ColumnsType<Quarantined> = [
    { title: t('quarantine.line'), dataIndex: 'lineNo', width: 70 },
    {
      title: t('quarantine.field'),
      dataIndex: 'field',
      width: 130,
      render: (v: string | null) => (v ? <code>{v}</code> : '—'),
    },
    {
      title: t('quarantine.reason'),
      dataIndex: 'reasonCode',
      width: 220,
      render: (code: string, q) => (
        <Flex vertical>
          <span>
            <ToneTag tone={q.kind === 'conflict' ? 'warn' : 'bad'}>
              {t(`quarantine.kinds.${q.kind}`, { defaultValue: q.kind })}
            </ToneTag>
            {reason(code)}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('quarantine.message'), dataIndex: 'message' },
  ];
  return (
    <section>
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
        {t('quarantine.title')}
      </Typography.Title>
      <QueryState
        query={query}
        isEmpty={(d) => d.items.length === 0 && !cursor}
        empty={t('quarantine.empty')}
      >
        {(data) => (
          <>
            <Table<Quarantined>
              data-testid="quarantine-table"
              rowKey={(q) => `${q.lineNo}`}
              size="small"
              columns={columns}
              dataSource={data.items}
              pagination={false}
            />
            <KeysetPager
              size="small"
              hasPrevious={pages.hasPrevious}
              nextCursor={data.nextCursor}
              onPrevious={pages.previous}
              onNext={pages.next}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Re-hashes the stored raw file (POST /api/batches/{id}/verify): recorded vs actual SHA-256, intact or tampered. */
function Verify({ batch }: { batch: Batch }) {
  const { t } = useTranslation('firms');
  const fmt = useFormat();
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/batches/{id}/verify', { params: { path: { id: batch.id } } })),
  });
  const r = verify.data;
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <div>
        <Button
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          aria-label={t('verify.label', { file: batch.fileName })}
          data-testid="verify-button"
        >
          {t('verify.button')}
        </Button>
      </div>
      {verify.isError && <ProblemAlert error={verify.error} />}
      {r && (
        <Alert
          data-testid="verify-result"
          type={r.intact ? 'success' : r.retired ? 'info' : 'error'}
          showIcon
          role={r.intact || r.retired ? 'status' : 'alert'}
          title={
            r.intact
              ? t('verify.intact')
              : r.retired
                ? t('verify.retired', {
                    record: r.retired.retentionRecord,
                    case: r.retired.case,
                    removedAt: fmt.day(r.retired.removedAt),
                  })
                : t('verify.tampered')
          }
          description={
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('verify.recorded')}>
                <code style={{ wordBreak: 'break-all' }}>{r.recordedSha256}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.actual')}>
                {r.actualSha256 ? (
                  <code style={{ wordBreak: 'break-all' }}>{r.actualSha256}</code>
                ) : (
                  t('verify.unreadable')
                )}
              </Descriptions.Item>
            </Descriptions>
          }
        />
      )}
    </Flex>
  );
}

/** One batch's custody (who, from where, when, size, failure), its quarantined lines and the verify button. */
export function BatchCustody({ batch }: { batch: Batch }) {
  const { t } = useTranslation('firms');
  const fmt = useFormat();
  return (
    <div data-testid={`batch-custody-${batch.id}`}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        title={
          <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>
            {t('batches.details', { file: batch.fileName })}
          </Typography.Title>
        }
      >
        <Descriptions.Item label={t('batches.sha256')}>
          <code style={{ wordBreak: 'break-all' }}>{batch.sha256}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('batches.size')}>{fmt.bytes(batch.fileSize)}</Descriptions.Item>
        <Descriptions.Item label={t('batches.received')}>
          {fmt.dateTime(batch.receivedAt)} · {t('batches.receivedBy', { who: batch.receivedBy })}
        </Descriptions.Item>
        <Descriptions.Item label={t('batches.origin')}>
          <span style={{ wordBreak: 'break-all' }}>{batch.receivedFrom}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('batches.completedAt')}>
          {fmt.dateTime(batch.completedAt)}
        </Descriptions.Item>
        {batch.failureCode && (
          <Descriptions.Item label={t('batches.failure')}>
            <code>{batch.failureCode}</code> {batch.failureMessage}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Verify batch={batch} />
      <Quarantine batch={batch} />
    </div>
  );
}
