import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DomainError } from '@app/common';
import { RECOGNITION_ERRORS } from './core/recognition.errors';
import {
  ReturningVisitorsResult,
  VisitorSnapshot,
  analyseReturningVisitors,
} from './core/returning-visitors';
import { decodeImage } from './image-decoder';
import { EngineRecord, ReferenceFaceEngine } from './reference-face-engine';

/** The returning-visitor analysis with the engine that scored it. */
export interface ReturningVisitorsReport extends ReturningVisitorsResult {
  engine: EngineRecord;
}

/** Options of evaluateReturningVisitorsFile. */
export interface ReturningVisitorsOptions {
  /** Score at which two snapshots count as one person (calibrate it on a labelled set first). */
  threshold: number;
  /** Lenient and strict thresholds for the range of the estimate. */
  range?: [number, number];
  engine?: ReferenceFaceEngine;
}

/**
 * Reads a snapshot list (CSV `path,visitorId`, other columns ignored; paths relative to the file), scores
 * every snapshot pair with the reference engine, re-scores the device's "same returning visitor" links and
 * estimates the number of distinct people: the count of affected persons when a firm's ids cannot be trusted.
 */
export async function evaluateReturningVisitorsFile(
  path: string,
  options: ReturningVisitorsOptions,
): Promise<ReturningVisitorsReport> {
  const text = await readFile(path).catch((error: unknown) => {
    throw new DomainError(
      RECOGNITION_ERRORS.FILE_NOT_FOUND,
      `snapshot list not found: ${path}`,
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
  const pathColumn = header.indexOf('path');
  const visitorColumn = header.indexOf('visitorid');
  if (pathColumn < 0 || visitorColumn < 0) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_MANIFEST,
      `${path}: header needs path and visitorId columns`,
      { header: records[0] },
    );
  }
  const snapshots: VisitorSnapshot[] = records.slice(1).map((record, k) => {
    const ref = record[pathColumn] ?? '';
    const visitorId = record[visitorColumn] ?? '';
    if (ref === '' || visitorId === '') {
      throw new DomainError(
        RECOGNITION_ERRORS.BAD_MANIFEST,
        `${path}: line ${k + 2}: path and visitorId are required`,
        { line: k + 2 },
      );
    }
    return { ref, visitorId };
  });
  const engine = options.engine ?? (await ReferenceFaceEngine.bundled());
  const embeddings: (Float32Array | null)[] = [];
  for (const snapshot of snapshots) {
    const file = isAbsolute(snapshot.ref) ? snapshot.ref : resolve(dirname(path), snapshot.ref);
    embeddings.push((await engine.template(await decodeImage(file))).embedding);
  }
  return { ...analyseReturningVisitors(snapshots, embeddings, options), engine: engine.engine };
}
