import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Table,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/PageTitle';
import { ProblemAlert } from '../common/ProblemAlert';
import { useFormat } from '../common/format-hooks';
import { DetChart, type DetPoint } from './DetChart';

/** The parts of the report (EvaluationReportDto, loosely typed on the server) this page shows. */
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
  claim: { statement: string; translation: string } | null;
  failuresToAcquire: { genuine: number; impostor: number };
  subjects: number;
}

interface Inputs {
  claim?: string;
  threshold?: number | null;
}

function formOf(file: File, v: Inputs): FormData {
  const body = new FormData();
  body.append('comparisons', file, file.name);
  if (v.claim?.trim()) body.append('claim', v.claim.trim());
  if (v.threshold !== undefined && v.threshold !== null) body.append('threshold', String(v.threshold));
  return body;
}

const VERDICT_COLOUR = { SUPPORTED: 'success', REFUTED: 'error', INCONCLUSIVE: 'warning' } as const;

/**
 * A vendor's comparisons CSV with its claim and threshold, evaluated by the server (POST /api/evaluations): the
 * verdict, the rates with exact 95 % intervals, the DET curve, and the PDF report of the same upload.
 */
export default function EvaluationsPage() {
  const { t, i18n } = useTranslation(['evaluations', 'common']);
  const { can } = useSession();
  const [form] = Form.useForm<Inputs>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sent, setSent] = useState<{ file: File; inputs: Inputs } | null>(null);
  const [fileMissing, setFileMissing] = useState(false);

  const evaluate = useMutation({
    mutationFn: async (x: { file: File; inputs: Inputs }) => {
      const report = await unwrap(
        api.POST('/api/evaluations', {
          body: formOf(x.file, x.inputs) as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
      setSent(x);
      return report as unknown as Report;
    },
  });
  const download = useMutation({
    mutationFn: async (x: { file: File; inputs: Inputs }) => {
      const blob = await unwrap(
        api.POST('/api/evaluations/report', {
          body: formOf(x.file, x.inputs) as never,
          bodySerializer: (b: unknown) => b as FormData,
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `evaluation-${x.file.name.replace(/\.[^.]*$/, '')}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });

  const canCreate = can('create:Evaluation');
  const report = evaluate.data;
  return (
    <>
      <PageTitle
        title={t('title')}
        sub={t('sub')}
        extra={
          report &&
          sent && (
            <Button
              type="primary"
              data-testid="evaluation-download"
              loading={download.isPending}
              onClick={() => download.mutate(sent)}
            >
              {t('download')}
            </Button>
          )
        }
      />
      {download.isError && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={download.error} />
        </div>
      )}
      <Row gutter={[16, 16]}>
        {canCreate && (
          <Col xs={24} xl={8}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form.title')}</h2>}>
              <Form<Inputs>
                form={form}
                layout="vertical"
                onFinish={(inputs) => {
                  const file = files[0]?.originFileObj;
                  setFileMissing(!file);
                  if (file) evaluate.mutate({ file, inputs });
                }}
              >
                <Form.Item
                  label={t('form.file')}
                  extra={t('form.fileHelp')}
                  validateStatus={fileMissing ? 'error' : undefined}
                  help={fileMissing ? t('form.fileRequired') : undefined}
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
                <Form.Item label={t('form.claim')} name="claim">
                  <Input placeholder={t('form.claimPlaceholder')} maxLength={2000} />
                </Form.Item>
                <Form.Item label={t('form.threshold')} name="threshold" extra={t('form.thresholdHelp')}>
                  <InputNumber style={{ width: '100%' }} step={0.01} />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={evaluate.isPending}
                  data-testid="evaluation-run"
                >
                  {t('form.run')}
                </Button>
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                  {t('form.notStored')}
                </Typography.Paragraph>
              </Form>
            </Card>
          </Col>
        )}
        <Col xs={24} xl={canCreate ? 16 : 24}>
          {evaluate.isError && <ProblemAlert error={evaluate.error} />}
          {!report && !evaluate.isError && (
            <Card>
              <Empty description={t('empty')} />
            </Card>
          )}
          {report && <ReportView report={report} english={i18n.language.startsWith('en')} />}
        </Col>
      </Row>
    </>
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
        <DetChart det={r.det} floor={floor} operating={operating} eer={r.eer} />
      </Card>
    </>
  );
}
