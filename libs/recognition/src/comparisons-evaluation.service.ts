import { readFile } from 'node:fs/promises';
import { DomainError } from '@app/common';
import { ComparisonsReport, analyseComparisons } from './core/analyse-comparisons';
import { ClaimDocument, parseClaim } from './core/claim';
import { RECOGNITION_ERRORS } from './core/recognition.errors';
import { readComparisonsCsv } from './comparisons-csv.reader';

/** Options of evaluateComparisonsFile: a score threshold and/or a claim to judge. */
export interface EvaluateComparisonsOptions {
  /** Accept when score ≥ threshold; logged decisions still override it. */
  threshold?: number;
  /** A claim document or a vendor's plain statement (see readClaimFile). */
  claim?: ClaimDocument | string;
  /** Subject-bootstrap replicates (default 1,000) and seed (default 19795). */
  bootstrapReplicates?: number;
  bootstrapSeed?: number;
}

/**
 * Reads a comparisons CSV and evaluates it: rates at the operating point with exact 95 % intervals, DET,
 * EER and the verdict on the claim (the `bioaudit evaluate comparisons` command).
 */
export async function evaluateComparisonsFile(
  path: string,
  options: EvaluateComparisonsOptions = {},
): Promise<ComparisonsReport> {
  const claim = options.claim === undefined ? undefined : parseClaim(options.claim);
  const set = await readComparisonsCsv(path);
  return analyseComparisons(set, {
    threshold: options.threshold,
    claim,
    bootstrapReplicates: options.bootstrapReplicates,
    bootstrapSeed: options.bootstrapSeed,
  });
}

/**
 * Reads a claim file: a JSON claim document, a JSON string, or plain text such as `accuracy ≥ 99.5 %`.
 */
export async function readClaimFile(path: string): Promise<ClaimDocument | string> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new DomainError(
      RECOGNITION_ERRORS.FILE_NOT_FOUND,
      `claim file not readable: ${path}`,
      { path },
      { cause: error },
    );
  });
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  try {
    return JSON.parse(trimmed) as ClaimDocument | string;
  } catch {
    return trimmed;
  }
}
