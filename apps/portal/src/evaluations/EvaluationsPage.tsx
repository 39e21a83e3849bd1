import { FilePdfOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Table,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { Hash } from '../common/Hash';
import { PageTitle } from '../common/PageTitle';
import { ProblemAlert } from '../common/ProblemAlert';
import { QueryState } from '../common/QueryState';
import { ToneTag } from '../common/ToneTag';
import { cardTitle } from '../common/card-title';
import { useFormat } from '../common/format-hooks';
import { KeysetPager, useKeysetPages } from '../common/keyset';
import { DetChart, type DetClaim, type DetPoint } from './DetChart';

/** The parts of a comparisons report (EvaluationReportDto, loosely typed on the server) this page shows. */
interface RateBlock {
  n: number;
  errors: number;
  rate: number | null;
  ci95: [number, number];
  upper95: number;
  lower95: number;
}
interface Report {
  genuine: RateBlock;
  impostor: RateBlock;
  threshold: number | null;
  eer: number | null;
  eerThreshold: number | null;
  det: DetPoint[];
  operatingPoint: string;
  verdict: {
    result: 'SUPPORTED' | 'REFUTED' | 'INCONCLUSIVE';
    reason: string;
    comparisonsNeeded: { genuine: number | null; impostor: number | null } | null;
  } | null;
  claim: ({ statement: string; translation: string } & DetClaim) | null;
  failuresToAcquire: { genuine: number; impostor: number };
  subjects: number;
}

type Kind = 'comparisons' | 'trial-log';
type Run = Schemas['EvaluationRunDto'];
type RunSummary = Schemas['EvaluationRunSummaryDto'];
interface TrialLogReport {
  device: Report;
  referenceEngine: Report;
  pairs: number;
  images: number;
}

interface Inputs {
  kind: Kind;
  claim?: string;
  threshold?: number | null;
}

function formOf(kind: Kind, file: File, images: File[], v: Inputs): FormData {
  const body = new FormData();
  body.append(kind === 'comparisons' ? 'comparisons' : 'trialLog', file, file.name);
  if (kind === 'trial-log') for (const image of images) body.append('images', image, image.name);
  if (v.claim?.trim()) body.append('claim', v.claim.trim());
  if (kind === 'comparisons' && v.threshold !== undefined && v.threshold !== null) {
    body.append('threshold', String(v.threshold));
  }
  return body;
}

const VERDICT_COLOUR = { SUPPORTED: 'success', REFUTED: 'error', INCONCLUSIVE: 'warning' } as const;
const VERDICT_TONE = { SUPPORTED: 'good', REFUTED: 'bad', INCONCLUSIVE: 'warn' } as const;
const runsKey = ['evaluations'] as const;

/**
 * Accuracy evaluations (issue 11): a vendor's comparisons CSV, or its trial log with the images it names, with the
 * claim, evaluated and stored by the server (POST /api/evaluations); the past runs newest first; a stored run's
 * verdict, rates, DET curve and PDF report (rendered from the stored run). The open run is in the address
 * (`?run=`), so a reload or a shared link opens it again.
 */
export default function EvaluationsPage() {
  const { t } = useTranslation(['evaluations', 'common']);
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const selected = params.get('run');
  const open = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id === null) next.delete('run');
        else next.set('run', id);
        return next;
      },
      { replace: false },
    );
  const canCreate = can('create:Evaluation');
  return (
    <>
      <PageTitle title={t('title')} sub={t('sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          {canCreate && <UploadCard onStored={(id) => open(id)} />}
          <RunList selected={selected} onOpen={open} />
        </Col>
        <Col xs={24} xl={16}>
          {selected ? (
            <RunView id={selected} />
          ) : (
            <Card>
              <Empty description={t(canCreate ? 'empty' : 'emptyRead')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

function UploadCard({ onStored }: { onStored: (id: string) => void }) {
  const { t } = useTranslation('evaluations');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Inputs>();
  const kind = Form.useWatch('kind', form) ?? 'comparisons';
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [images, setImages] = useState<UploadFile[]>([]);
  const [fileMissing, setFileMissing] = useState(false);
  const evaluate = useMutation({
    mutationFn: async (x: { file: File; images: File[]; inputs: Inputs }) =>
      unwrap(
        api.POST('/api/evaluations', {
          body: formOf(x.inputs.kind, x.file, x.images, x.inputs) as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      ),
    onSuccess: async (run) => {
      queryClient.setQueryData(['evaluation', run.id], run);
      await queryClient.invalidateQueries({ queryKey: runsKey });
      setFiles([]);
      setImages([]);
      onStored(run.id);
    },
  });
  return (
    <Card title={cardTitle(t('form.title'))} style={{ marginBottom: 16 }}>
      <Form<Inputs>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'comparisons' }}
        onFinish={(inputs) => {
          const file = files[0]?.originFileObj;
          setFileMissing(!file);
          if (file) {
            const chosen = images.flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));
            evaluate.mutate({ file, images: chosen, inputs });
          }
        }}
      >
        <Form.Item label={t('form.kind')} name="kind">
          <Radio.Group
            optionType="button"
            data-testid="evaluation-kind"
            onChange={() => {
              setFiles([]);
              setImages([]);
              setFileMissing(false);
              evaluate.reset();
            }}
            options={[
              { value: 'comparisons', label: t('kinds.comparisons') },
              { value: 'trial-log', label: t('kinds.trial-log') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t(kind === 'comparisons' ? 'form.file' : 'form.log')}
          extra={t(kind === 'comparisons' ? 'form.fileHelp' : 'form.logHelp')}
          validateStatus={fileMissing ? 'error' : undefined}
          help={
            fileMissing ? t(kind === 'comparisons' ? 'form.fileRequired' : 'form.logRequired') : undefined
          }
          required
        >
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setFileMissing(false);
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="evaluation-choose">
              {t('form.choose')}
            </Button>
          </Upload>
        </Form.Item>
        {kind === 'trial-log' && (
          <Form.Item label={t('form.images')} extra={t('form.imagesHelp')}>
            <Upload
              accept="image/*"
              multiple
              fileList={images}
              beforeUpload={() => false}
              onChange={({ fileList }) => setImages(fileList)}
            >
              <Button icon={<PictureOutlined />} data-testid="evaluation-images">
                {t('form.chooseImages')}
              </Button>
            </Upload>
          </Form.Item>
        )}
        <Form.Item label={t('form.claim')} name="claim">
          <Input placeholder={t('form.claimPlaceholder')} maxLength={2000} />
        </Form.Item>
        {kind === 'comparisons' && (
          <Form.Item label={t('form.threshold')} name="threshold" extra={t('form.thresholdHelp')}>
            <InputNumber style={{ width: '100%' }} step={0.01} />
          </Form.Item>
        )}
        {evaluate.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={evaluate.error} />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={evaluate.isPending} data-testid="evaluation-run">
          {t('form.run')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('form.stored')}
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}

function RunList({ selected, onOpen }: { selected: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation('evaluations');
  const fmt = useFormat();
  const pages = useKeysetPages();
  const query = useQuery({
    queryKey: [...runsKey, pages.cursor ?? ''],
    queryFn: () =>
      unwrap(api.GET('/api/evaluations', { params: { query: { cursor: pages.cursor, limit: 10 } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={cardTitle(t('runs.title'))}>
      <QueryState query={query} isEmpty={(p) => p.items.length === 0} empty={t('runs.empty')} compact>
        {(page) => (
          <>
            <List<RunSummary>
              size="small"
              data-testid="evaluation-runs"
              dataSource={page.items}
              renderItem={(r) => (
                <List.Item
                  key={r.id}
                  data-testid="evaluation-run-item"
                  data-run={r.id}
                  aria-current={r.id === selected ? 'true' : undefined}
                  style={{
                    cursor: 'pointer',
                    paddingInline: 8,
                    background: r.id === selected ? '#e6f4ff' : undefined,
                  }}
                  onClick={() => onOpen(r.id)}
                >
                  <List.Item.Meta
                    title={
                      <Flex justify="space-between" gap={8} align="start">
                        <Typography.Link
                          ellipsis
                          style={{ minWidth: 0 }}
                          onClick={(e) => {
                            e.preventDefault();
                            onOpen(r.id);
                          }}
                        >
                          {[r.vendor, r.device].filter(Boolean).join(' · ') || r.file.name}
                        </Typography.Link>
                        <VerdictTag verdict={r.verdict} />
                      </Flex>
                    }
                    description={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`kinds.${r.kind}`)} · {r.vendor || r.device ? `${r.file.name} · ` : ''}
                        {fmt.dateTime(r.createdAt)} · {r.createdBy}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
            <KeysetPager
              size="small"
              hasPrevious={pages.hasPrevious}
              nextCursor={page.nextCursor}
              onPrevious={pages.previous}
              onNext={pages.next}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function VerdictTag({ verdict }: { verdict: string | null }) {
  const { t } = useTranslation('evaluations');
  if (verdict === 'SUPPORTED' || verdict === 'REFUTED' || verdict === 'INCONCLUSIVE') {
    return (
      <ToneTag tone={VERDICT_TONE[verdict]} style={{ marginInlineEnd: 0 }}>
        {t(`verdictShort.${verdict}`)}
      </ToneTag>
    );
  }
  return (
    <ToneTag tone="neutral" style={{ marginInlineEnd: 0 }}>
      {t('verdictShort.none')}
    </ToneTag>
  );
}

function RunView({ id }: { id: string }) {
  const { t, i18n } = useTranslation('evaluations');
  const fmt = useFormat();
  const query = useQuery({
    queryKey: ['evaluation', id],
    queryFn: () => unwrap(api.GET('/api/evaluations/{id}', { params: { path: { id } } })),
  });
  const english = i18n.language.startsWith('en');
  return (
    <QueryState query={query}>
      {(run: Run) => {
        const trial = run.kind === 'trial-log' ? (run.report as unknown as TrialLogReport) : null;
        const report = trial ? trial.device : (run.report as unknown as Report);
        return (
          <>
            <Card
              title={cardTitle(t('run.title', { id: run.id }))}
              style={{ marginBottom: 16 }}
              data-testid="evaluation-stored"
              extra={
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  href={`/api/evaluations/${run.id}/report.pdf`}
                  download
                  data-testid="evaluation-download"
                >
                  {t('download')}
                </Button>
              }
            >
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'kind', label: t('run.kind'), children: t(`kinds.${run.kind}`) },
                  { key: 'at', label: t('run.createdAt'), children: fmt.dateTime(run.createdAt) },
                  { key: 'by', label: t('run.createdBy'), children: run.createdBy },
                  ...(run.vendor ? [{ key: 'vendor', label: t('run.vendor'), children: run.vendor }] : []),
                  ...(run.device ? [{ key: 'device', label: t('run.device'), children: run.device }] : []),
                  {
                    key: 'file',
                    label: t('run.file'),
                    children: (
                      <span data-testid="evaluation-file">
                        {run.file.name} ({fmt.bytes(run.file.bytes)})
                      </span>
                    ),
                  },
                  { key: 'sha', label: t('run.sha256'), children: <Hash value={run.file.sha256} /> },
                  ...(trial
                    ? [
                        {
                          key: 'images',
                          label: t('run.images'),
                          children: t('run.imagesValue', {
                            pairs: fmt.number(trial.pairs),
                            images: fmt.number(run.attachments.length),
                          }),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <ReportView report={report} english={english} />
            {trial && <ReferenceEngineCard report={trial.referenceEngine} />}
          </>
        );
      }}
    </QueryState>
  );
}

/** A trial log's baseline: the reference engine's rates on the same image pairs, at its EER threshold. */
function ReferenceEngineCard({ report: r }: { report: Report }) {
  const { t } = useTranslation('evaluations');
  const fmt = useFormat();
  const pct = (v: number | null) => (v === null ? '—' : fmt.percent(v, v !== 0 && v < 0.01 ? 3 : 2));
  return (
    <Card
      title={cardTitle(t('reference.title'))}
      style={{ marginTop: 16 }}
      data-testid="evaluation-reference"
    >
      <Typography.Paragraph type="secondary">{t('reference.help')}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'eer', label: t('summary.eer'), children: pct(r.eer) },
          {
            key: 'fmr',
            label: t('rates.fmr'),
            children: `${pct(r.impostor.rate)} (${fmt.number(r.impostor.errors)} / ${fmt.number(r.impostor.n)})`,
          },
          {
            key: 'fnmr',
            label: t('rates.fnmr'),
            children: `${pct(r.genuine.rate)} (${fmt.number(r.genuine.errors)} / ${fmt.number(r.genuine.n)})`,
          },
        ]}
      />
    </Card>
  );
}

function ReportView({ report: r, english }: { report: Report; english: boolean }) {
  const { t } = useTranslation('evaluations');
  const fmt = useFormat();
  const pct = (v: number | null) => (v === null ? '—' : fmt.percent(v, v !== 0 && v < 0.01 ? 3 : 2));
  const v = r.verdict;
  const explain = v
    ? t(
        v.result === 'SUPPORTED'
          ? 'verdict.explainSupported'
          : v.result === 'REFUTED'
            ? 'verdict.explainRefuted'
            : 'verdict.explainInconclusive',
      )
    : '';
  const rows = [
    { key: 'fmr', metric: t('rates.fmr'), ...r.impostor },
    { key: 'fnmr', metric: t('rates.fnmr'), ...r.genuine },
  ];
  const floor = 0.5 / Math.max(1, r.genuine.n, r.impostor.n);
  const operating =
    r.impostor.rate !== null && r.genuine.rate !== null
      ? { fmr: r.impostor.rate, fnmr: r.genuine.rate }
      : null;
  return (
    <>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('verdict.title')}</h2>}
        style={{ marginBottom: 16 }}
        data-testid="evaluation-verdict"
      >
        {v ? (
          <Alert
            type={VERDICT_COLOUR[v.result]}
            showIcon
            title={<strong>{t(`verdict.${v.result}`)}</strong>}
            description={
              <>
                <div>{explain}</div>
                {english && <div>{v.reason}</div>}
                {v.comparisonsNeeded && (
                  <div>
                    {t('verdict.needed', {
                      genuine: v.comparisonsNeeded.genuine ?? '—',
                      impostor: v.comparisonsNeeded.impostor ?? '—',
                    })}
                  </div>
                )}
              </>
            }
          />
        ) : (
          <Alert type="info" showIcon title={t('verdict.none')} />
        )}
        <Descriptions
          size="small"
          style={{ marginTop: 16 }}
          column={{ xs: 1, md: 2, xxl: 3 }}
          items={[
            ...(r.claim
              ? [
                  {
                    key: 'claim',
                    label: t('verdict.claim'),
                    children: <Typography.Text code>{r.claim.statement}</Typography.Text>,
                    span: 'filled' as const,
                  },
                ]
              : []),
            ...(r.claim && english
              ? [
                  {
                    key: 'readAs',
                    label: t('verdict.readAs'),
                    children: r.claim.translation,
                    span: 'filled' as const,
                  },
                ]
              : []),
            {
              key: 'op',
              label: t('summary.operatingPoint'),
              children: t(`operatingPoints.${r.operatingPoint}` as 'operatingPoints.eer', {
                defaultValue: r.operatingPoint,
              }),
            },
            {
              key: 'threshold',
              label: t('summary.threshold'),
              children: r.threshold === null ? t('summary.deviceDecisions') : fmt.number(r.threshold),
            },
            { key: 'eer', label: t('summary.eer'), children: pct(r.eer) },
            {
              key: 'eerThreshold',
              label: t('summary.eerThreshold'),
              children: r.eerThreshold === null ? '—' : fmt.number(r.eerThreshold),
            },
            { key: 'subjects', label: t('summary.subjects'), children: fmt.number(r.subjects) },
            {
              key: 'fta',
              label: t('summary.fta'),
              children: t('summary.ftaValue', {
                genuine: fmt.number(r.failuresToAcquire.genuine),
                impostor: fmt.number(r.failuresToAcquire.impostor),
              }),
            },
          ]}
        />
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('rates.title')}</h2>}
        style={{ marginBottom: 16 }}
      >
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="evaluation-rates"
          columns={[
            { title: t('rates.metric'), dataIndex: 'metric' },
            {
              title: t('rates.errors'),
              key: 'errors',
              render: (_: unknown, x: RateBlock) => `${fmt.number(x.errors)} / ${fmt.number(x.n)}`,
            },
            {
              title: t('rates.rate'),
              dataIndex: 'rate',
              render: (x: number | null) => <strong>{pct(x)}</strong>,
            },
            {
              title: t('rates.ci95'),
              dataIndex: 'ci95',
              render: (x: [number, number]) => `${pct(x[0])} – ${pct(x[1])}`,
            },
            { title: t('rates.lower95'), dataIndex: 'lower95', render: (x: number) => pct(x) },
            { title: t('rates.upper95'), dataIndex: 'upper95', render: (x: number) => pct(x) },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('det.title')}</h2>}>
        <DetChart det={r.det} floor={floor} operating={operating} eer={r.eer} claim={r.claim} />
      </Card>
    </>
  );
}
