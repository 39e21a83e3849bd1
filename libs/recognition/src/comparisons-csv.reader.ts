import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { DomainError } from '@app/common';
import { ComparisonSet, ComparisonSetBuilder } from './core/comparison-set';
import { RECOGNITION_ERRORS } from './core/recognition.errors';

const REQUIRED = ['probesubject', 'referencesubject', 'score'] as const;
/** Scores written as these mean "no score": a failure to acquire unless a decision was logged. */
const MISSING = new Set(['', 'na', 'nan', 'null']);

interface Columns {
  probe: number;
  reference: number;
  score: number;
  decision: number;
}

function headerColumns(path: string, record: string[]): Columns {
  const names = record.map((name) => name.toLowerCase());
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw badFile(path, `header lacks column(s) ${missing.join(', ')} (case-insensitive)`, {
      header: record,
    });
  }
  return {
    probe: names.indexOf('probesubject'),
    reference: names.indexOf('referencesubject'),
    score: names.indexOf('score'),
    decision: names.indexOf('decision'),
  };
}

function addRow(
  builder: ComparisonSetBuilder,
  columns: Columns,
  record: string[],
  path: string,
  line: number,
): void {
  const probe = record[columns.probe];
  const reference = record[columns.reference];
  if (!probe || !reference) throw badFile(path, `line ${line}: empty subject`, { line });
  const rawScore = record[columns.score] ?? '';
  const missing = MISSING.has(rawScore.toLowerCase());
  const score = missing ? NaN : Number(rawScore);
  if (!missing && !Number.isFinite(score)) {
    throw badFile(path, `line ${line}: score "${rawScore}" is not a number`, { line });
  }
  const rawDecision = columns.decision < 0 ? '' : (record[columns.decision] ?? '').toLowerCase();
  if (rawDecision !== '' && rawDecision !== 'accept' && rawDecision !== 'reject') {
    throw badFile(path, `line ${line}: decision "${rawDecision}" must be accept, reject or empty`, { line });
  }
  builder.add(probe, reference, score, rawDecision === '' ? undefined : rawDecision);
}

function badFile(path: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(RECOGNITION_ERRORS.BAD_COMPARISONS_FILE, `${path}: ${message}`, {
    path,
    ...details,
  });
}

/**
 * Reads a comparisons CSV (`probeSubject,referenceSubject,score[,decision]`, header names case-insensitive,
 * other columns ignored) into a ComparisonSet. An empty score with no decision is a failure to acquire.
 * Every malformed row is refused with its line number: a verdict must not rest on silently dropped rows.
 */
export async function readComparisonsCsv(path: string): Promise<ComparisonSet> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile()) {
    throw new DomainError(RECOGNITION_ERRORS.FILE_NOT_FOUND, `comparisons file not found: ${path}`, { path });
  }
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true });
  const builder = new ComparisonSetBuilder();
  let columns: Columns | null = null;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown): void => {
      input.destroy();
      parser.destroy();
      reject(
        error instanceof DomainError
          ? error
          : new DomainError(
              RECOGNITION_ERRORS.BAD_COMPARISONS_FILE,
              `${path}: not a readable CSV: ${(error as Error).message}`,
              { path },
              { cause: error },
            ),
      );
    };
    const input = createReadStream(path);
    // 'data' fires synchronously as each record is pushed, so parser.info.lines is that record's line.
    parser.on('data', (record: string[]) => {
      try {
        if (columns === null) columns = headerColumns(path, record);
        else addRow(builder, columns, record, path, parser.info.lines);
      } catch (error) {
        fail(error);
      }
    });
    parser.on('error', fail);
    parser.on('end', resolve);
    input.on('error', fail);
    input.pipe(parser);
  });
  if (columns === null) throw badFile(path, 'the file is empty (no header)');
  return builder.build();
}
