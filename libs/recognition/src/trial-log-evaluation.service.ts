import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DomainError } from '@app/common';
import { ComparisonsReport, analyseComparisons } from './core/analyse-comparisons';
import { ClaimDocument, parseClaim } from './core/claim';
import { ComparisonSetBuilder } from './core/comparison-set';
import { RECOGNITION_ERRORS } from './core/recognition.errors';
import { decodeImage } from './image-decoder';
import { EngineRecord, FaceTemplate, ReferenceFaceEngine } from './reference-face-engine';

/** A vendor's device judged on its own trial log, with the reference engine scored on the same pairs. */
export interface TrialLogReport {
  /** The device's decisions (and scores, when logged) judged against the claim. */
  device: ComparisonsReport;
  /** The reference engine's scores on the same image pairs: a baseline, reported at its EER threshold. */
  referenceEngine: ComparisonsReport;
  engine: EngineRecord;
  pairs: number;
  images: number;
}

/** Options of evaluateTrialLogFile. */
export interface TrialLogOptions {
  claim?: ClaimDocument | string;
  engine?: ReferenceFaceEngine;
}

const REQUIRED = ['probeimage', 'referenceimage', 'probesubject', 'referencesubject', 'decision'] as const;

/**
 * Evaluates a vendor trial log: a labelled walk-through where the device logged a decision per attempt
 * (CSV `probeImage,referenceImage,probeSubject,referenceSubject,decision[,score]`, image paths relative to
 * the log). The claim is about the device, so the verdict comes from the device's own decisions; the
 * reference engine scores the same image pairs beside it.
 */
export async function evaluateTrialLogFile(
  path: string,
  options: TrialLogOptions = {},
): Promise<TrialLogReport> {
  const claim = options.claim === undefined ? undefined : parseClaim(options.claim);
  const text = await readFile(path).catch((error: unknown) => {
    throw new DomainError(
      RECOGNITION_ERRORS.FILE_NOT_FOUND,
      `trial log not found: ${path}`,
      { path },
      { cause: error },
    );
  });
  const records: string[][] = parse(text, {
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  });
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_COMPARISONS_FILE,
      `${path}: header lacks ${missing.join(', ')}`,
      { header: records[0] },
    );
  }
  const col = (name: string): number => header.indexOf(name);
  const engine = options.engine ?? (await ReferenceFaceEngine.bundled());
  const templates = new Map<string, FaceTemplate>();
  const template = async (ref: string): Promise<FaceTemplate> => {
    const file = isAbsolute(ref) ? ref : resolve(dirname(path), ref);
    let t = templates.get(file);
    if (t === undefined) {
      t = await engine.template(await decodeImage(file));
      templates.set(file, t);
    }
    return t;
  };
  const device = new ComparisonSetBuilder();
  const reference = new ComparisonSetBuilder();
  for (const [k, record] of records.slice(1).entries()) {
    const line = k + 2;
    const value = (name: string): string => record[col(name)] ?? '';
    const decision = value('decision').toLowerCase();
    if (decision !== 'accept' && decision !== 'reject') {
      throw new DomainError(
        RECOGNITION_ERRORS.BAD_COMPARISONS_FILE,
        `${path}: line ${line}: decision must be accept or reject`,
        { line },
      );
    }
    const rawScore = col('score') < 0 ? '' : value('score');
    const score = rawScore === '' ? NaN : Number(rawScore);
    if (rawScore !== '' && !Number.isFinite(score)) {
      throw new DomainError(
        RECOGNITION_ERRORS.BAD_COMPARISONS_FILE,
        `${path}: line ${line}: score "${rawScore}" is not a number`,
        { line },
      );
    }
    const [probeSubject, referenceSubject] = [value('probesubject'), value('referencesubject')];
    if (
      probeSubject === '' ||
      referenceSubject === '' ||
      value('probeimage') === '' ||
      value('referenceimage') === ''
    ) {
      throw new DomainError(
        RECOGNITION_ERRORS.BAD_COMPARISONS_FILE,
        `${path}: line ${line}: images and subjects are required`,
        { line },
      );
    }
    device.add(probeSubject, referenceSubject, score, decision);
    const engineScore = engine.compare(
      await template(value('probeimage')),
      await template(value('referenceimage')),
    ).score;
    reference.add(probeSubject, referenceSubject, engineScore ?? NaN);
  }
  if (device.size === 0)
    throw new DomainError(RECOGNITION_ERRORS.NO_COMPARISONS, `${path}: the trial log has no attempts`);
  const deviceSet = device.build();
  return {
    device: analyseComparisons(deviceSet, { claim }),
    referenceEngine: analyseComparisons(reference.build()),
    engine: engine.engine,
    pairs: deviceSet.size,
    images: templates.size,
  };
}
