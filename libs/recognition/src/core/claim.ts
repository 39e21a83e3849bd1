import { DomainError } from '@app/common';
import { RECOGNITION_ERRORS } from './recognition.errors';

/** A claim document as a vendor or officer writes it, e.g. `{ "metric": "FNMR", "max": 0.01, "atFMR": 0.0001 }`. */
export interface ClaimDocument {
  metric: string;
  max: number;
  atFMR?: number;
  condition?: string;
}

/** A claim in ISO/IEC 19795 terms: an error rate (FMR, FNMR, or both for "accuracy") bounded by `max`. */
export interface Claim {
  /** The claim as given (a JSON document re-serialised, or the vendor's own words). */
  statement: string;
  /** ACCURACY means both FNMR ≤ max and FMR ≤ max at the operating point. */
  metric: 'FNMR' | 'FMR' | 'ACCURACY';
  max: number;
  /** For FNMR: the FMR at which the threshold is set (NIST FRTE convention); null when none is stated. */
  atFMR: number | null;
  /** Capture condition the claim is about (e.g. masked-probe); recorded, not inferred from the data. */
  condition: string | null;
  /** How the statement was read, in words; every report repeats it. */
  translation: string;
}

function badClaim(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(RECOGNITION_ERRORS.BAD_CLAIM, message, details);
}

function checkRate(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw badClaim(`claim field "${field}" must be a rate strictly between 0 and 1 (e.g. 0.01 for 1 %)`, {
      field,
      value,
    });
  }
  return value;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?(?:e-?\d+)?)\s*(%|％|percent)?`;
const ACCURACY_WORDS = String.raw`accuracy|recognition rate|accuracy rate|准确率|识别率|识别准确率|正确率`;
const FNMR_WORDS = String.raw`FNMR|FRR|false non-?match rate|false reject(?:ion)? rate|拒识率|拒认率|误拒率`;
const FMR_WORDS = String.raw`FMR|FAR|false match rate|false accept(?:ance)? rate|误识率|误认率|误识别率`;
const RELATION = String.raw`(?:\s*(?:of|is|:|：|=|≥|>=|>|≤|<=|<|at least|at most|below|under|not less than|not more than|不低于|不高于|低于|大于等于|小于等于|小于|达到|为))*\s*`;

function rateOf(value: string, percent: string | undefined): number {
  const x = Number(value);
  return percent !== undefined ? x / 100 : x;
}

function formatPercent(rate: number): string {
  return `${Number((rate * 100).toPrecision(6))} %`;
}

/** Reads a vendor's words ("accuracy ≥ 99.5 %", "FRR < 1 % at FAR 0.01 %", "识别率99.7%") as a claim. */
function parsePlainClaim(statement: string): Claim {
  const accuracy = new RegExp(`(?<![A-Za-z])(?:${ACCURACY_WORDS})${RELATION}${NUMBER}`, 'i').exec(statement);
  if (accuracy) {
    const given = rateOf(accuracy[1], accuracy[2]);
    // "accuracy 99.5" without a percent sign can only mean percent.
    const level = accuracy[2] === undefined && given > 1 && given < 100 ? given / 100 : given;
    if (!(level > 0 && level < 1))
      throw badClaim(`accuracy must lie strictly between 0 and 100 %`, { statement });
    const max = Number((1 - level).toPrecision(12));
    return {
      statement,
      metric: 'ACCURACY',
      max,
      atFMR: null,
      condition: null,
      translation:
        `"${statement}" read as: at the device's operating point, FNMR ≤ ${formatPercent(max)} and FMR ≤ ${formatPercent(max)}. ` +
        'An accuracy figure pooled over genuine and impostor attempts depends on their mix in the test, so each ' +
        'error rate is held to 1 − accuracy separately (ISO/IEC 19795-1 reports FMR and FNMR, not accuracy).',
    };
  }
  const fnmr = new RegExp(`(?<![A-Za-z])(?:${FNMR_WORDS})${RELATION}${NUMBER}`, 'i').exec(statement);
  const fmr = new RegExp(`(?<![A-Za-z])(?:${FMR_WORDS})${RELATION}${NUMBER}`, 'i').exec(statement);
  if (fnmr && fmr) {
    const max = checkRate(rateOf(fnmr[1], fnmr[2]), 'FNMR');
    const atFMR = checkRate(rateOf(fmr[1], fmr[2]), 'FMR');
    return {
      statement,
      metric: 'FNMR',
      max,
      atFMR,
      condition: null,
      translation:
        `"${statement}" read as: FNMR ≤ ${formatPercent(max)} at a threshold giving FMR ≤ ${formatPercent(atFMR)}. ` +
        'FAR/FRR are read as the comparison-level FMR/FNMR; failures to acquire are reported beside them.',
    };
  }
  const single = fnmr ?? fmr;
  if (single) {
    const metric = fnmr ? 'FNMR' : 'FMR';
    const max = checkRate(rateOf(single[1], single[2]), metric);
    return {
      statement,
      metric,
      max,
      atFMR: null,
      condition: null,
      translation: `"${statement}" read as: ${metric} ≤ ${formatPercent(max)} at the device's operating point.`,
    };
  }
  throw badClaim(
    'the claim names no measurable rate: state accuracy, FNMR/FRR or FMR/FAR with a number, or give a claim document',
    { statement },
  );
}

/**
 * Turns a claim document or a vendor's plain statement into a Claim, stating how it was read. Throws
 * RECOGNITION.BAD_CLAIM for anything that is not a bounded error rate.
 */
export function parseClaim(input: unknown): Claim {
  if (typeof input === 'string') {
    const statement = input.trim();
    if (statement === '') throw badClaim('the claim is empty');
    return parsePlainClaim(statement);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badClaim('a claim is a JSON object like { "metric": "FMR", "max": 0.0001 } or a plain statement');
  }
  const doc = input as Record<string, unknown>;
  // `vendor` and `device` name whose claim it is: recorded with the claim (its statement), not judged.
  const known = new Set(['metric', 'max', 'atFMR', 'condition', 'vendor', 'device']);
  const unknown = Object.keys(doc).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw badClaim(`unknown claim field(s): ${unknown.join(', ')}`, { fields: unknown });
  const metric = typeof doc.metric === 'string' ? doc.metric.toUpperCase() : doc.metric;
  if (metric !== 'FNMR' && metric !== 'FMR') {
    throw badClaim('claim "metric" must be "FNMR" or "FMR"', { metric: doc.metric });
  }
  const max = checkRate(doc.max, 'max');
  const atFMR = doc.atFMR === undefined ? null : checkRate(doc.atFMR, 'atFMR');
  if (metric === 'FMR' && atFMR !== null) throw badClaim('"atFMR" applies to an FNMR claim only');
  if (doc.condition !== undefined && (typeof doc.condition !== 'string' || doc.condition.trim() === '')) {
    throw badClaim('claim "condition" must be a non-empty string', { condition: doc.condition });
  }
  for (const field of ['vendor', 'device'] as const) {
    if (doc[field] !== undefined && (typeof doc[field] !== 'string' || doc[field].trim() === '')) {
      throw badClaim(`claim "${field}" must be a non-empty string`, { [field]: doc[field] });
    }
  }
  const condition = typeof doc.condition === 'string' ? doc.condition.trim() : null;
  const where = condition === null ? '' : ` under condition "${condition}"`;
  const translation =
    metric === 'FMR'
      ? `FMR ≤ ${formatPercent(max)} at the operating point${where}.`
      : atFMR === null
        ? `FNMR ≤ ${formatPercent(max)} at the operating point${where}.`
        : `FNMR ≤ ${formatPercent(max)} at a threshold giving FMR ≤ ${formatPercent(atFMR)}${where}.`;
  return { statement: JSON.stringify(input), metric, max, atFMR, condition, translation };
}
