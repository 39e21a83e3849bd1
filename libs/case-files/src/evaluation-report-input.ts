import * as path from 'node:path';
import type {
  ComparisonsReport,
  DatasetReport,
  ModelInfo,
  RateBlock,
  TrialLogReport,
} from '@app/recognition';
import type { EvaluationCondition, EvaluationReportInput } from './evaluation-report.types';

/*
 * The PDF input of an accuracy evaluation, from the recognition library's report: one layout whether the report
 * was asked for by `bioaudit evaluate … --pdf` or through the API (GET /api/evaluations/{id}/report.pdf).
 */

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toPrecision(3)} %`);

/** A model as a reader names it: engine, model, version (not the JSON it is recorded as). */
const modelOf = (m: ModelInfo): string => `${m.engine} ${m.model} ${m.version}`;

function rateRow(r: RateBlock): EvaluationCondition['genuine'] {
  return {
    n: r.n,
    errors: r.errors,
    rate: pct(r.rate),
    ci95: `${pct(r.ci95[0])} – ${pct(r.ci95[1])}`,
    upper95: pct(r.upper95),
    lower95: pct(r.lower95),
  };
}

function condition(name: string, r: ComparisonsReport): EvaluationCondition {
  return {
    name,
    // A similarity score: four significant digits say which side of it a comparison fell on.
    threshold: r.threshold === null ? 'device decisions' : String(Number(r.threshold.toPrecision(4))),
    eer: pct(r.eer),
    genuine: rateRow(r.genuine),
    impostor: rateRow(r.impostor),
    det: r.det.map((p) => ({ fmr: p.fmr, fnmr: p.fnmr })),
  };
}

function verdictOf(r: { verdict: ComparisonsReport['verdict'] }): EvaluationReportInput['verdict'] {
  if (!r.verdict) return null;
  const need = r.verdict.comparisonsNeeded;
  const parts = need
    ? [
        need.genuine !== null ? `${need.genuine} genuine` : null,
        need.impostor !== null ? `${need.impostor} impostor` : null,
      ].filter(Boolean)
    : [];
  return {
    result: r.verdict.result,
    reason: r.verdict.reason,
    comparisonsNeeded: parts.length ? parts.join(', ') : null,
  };
}

const NOTES = [
  'Intervals are exact (Clopper–Pearson). A claim is SUPPORTED when the one-sided 95 % upper bound of the measured rate is within it, REFUTED when the one-sided 95 % lower bound exceeds it, and INCONCLUSIVE otherwise.',
  'Comparisons of one person are not independent; the subject-level bootstrap in the JSON report shows how much wider the intervals become when that is accounted for.',
];

/** The PDF input of a comparisons evaluation: the file is identified by its name and SHA-256. */
export function comparisonsReportInput(
  file: { name: string; sha256: string },
  report: ComparisonsReport,
  issuedAt: string,
): EvaluationReportInput {
  return {
    title: 'Accuracy evaluation: comparison scores',
    issuedAt,
    inputs: [
      { label: 'Comparisons file', value: `${file.name} (SHA-256 ${file.sha256})` },
      { label: 'Subjects', value: String(report.subjects) },
      {
        label: 'Operating point',
        value: report.operatingPoint ? JSON.stringify(report.operatingPoint) : '–',
      },
    ],
    claim: report.claim ? { statement: report.claim.statement, translation: report.claim.translation } : null,
    verdict: verdictOf(report),
    conditions: [condition('scores', report)],
    notes: NOTES,
  };
}

/**
 * The PDF input of a vendor trial log: the log and its images identified by name and SHA-256; the verdict is on
 * the device's own decisions, the reference engine's scores on the same pairs are the second condition.
 */
export function trialLogReportInput(
  file: { name: string; sha256: string },
  report: TrialLogReport,
  issuedAt: string,
): EvaluationReportInput {
  const e = report.engine;
  return {
    title: 'Accuracy evaluation: vendor trial log',
    issuedAt,
    inputs: [
      { label: 'Trial log', value: `${file.name} (SHA-256 ${file.sha256})` },
      { label: 'Attempts', value: `${report.pairs} pairs of ${report.images} images` },
      { label: 'Subjects', value: String(report.device.subjects) },
      { label: 'Reference detector', value: modelOf(e.detector) },
      { label: 'Reference embedder', value: modelOf(e.embedder) },
    ],
    claim: report.device.claim
      ? { statement: report.device.claim.statement, translation: report.device.claim.translation }
      : null,
    verdict: verdictOf(report.device),
    conditions: [condition('device', report.device), condition('reference engine', report.referenceEngine)],
    notes: [
      ...NOTES,
      'The verdict is on the device’s own logged decisions; the reference engine scores the same image pairs as a baseline, not as the vendor’s algorithm (docs/recognition.md §5).',
    ],
  };
}

/** The PDF input of a dataset evaluation: manifest hash, engine and models, the three NIST conditions. */
export function datasetReportInput(report: DatasetReport, issuedAt: string): EvaluationReportInput {
  const e = report.engine;
  return {
    title: 'Accuracy evaluation: reference engine on a labelled dataset',
    issuedAt,
    inputs: [
      {
        label: 'Manifest',
        value: `${path.basename(report.manifest.path)} (SHA-256 ${report.manifest.sha256}); ${report.manifest.images} images of ${report.manifest.subjects} subjects`,
      },
      { label: 'Detector', value: modelOf(e.detector) },
      { label: 'Embedder', value: modelOf(e.embedder) },
      { label: 'Synthetic mask', value: JSON.stringify(report.maskStyle) },
    ],
    claim: report.claim ? { statement: report.claim.statement, translation: report.claim.translation } : null,
    verdict: verdictOf(report),
    conditions: report.conditions.map((c) => condition(c.condition, c.report)),
    notes: [
      ...NOTES,
      'Masked conditions use masks drawn from landmarks of the unmasked image (NISTIR 8311 method); the bundled model is a baseline, not the vendor’s algorithm (docs/recognition.md §5).',
    ],
  };
}
