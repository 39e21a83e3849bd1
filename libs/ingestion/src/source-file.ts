import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { IngestionError } from './ingestion.errors';

/** An input file and how to read it. */
export interface SourceFile {
  path: string;
  fileName: string;
  format: 'jsonl' | 'csv';
  gzip: boolean;
}

const EXTENSIONS: ReadonlyArray<[suffix: string, format: SourceFile['format'], gzip: boolean]> = [
  ['.jsonl.gz', 'jsonl', true],
  ['.csv.gz', 'csv', true],
  ['.jsonl', 'jsonl', false],
  ['.csv', 'csv', false],
];

/** Describes a file by its extension (.jsonl, .csv, optionally .gz); throws INGEST.UNSUPPORTED_FORMAT otherwise. */
export function sourceFileOf(path: string): SourceFile {
  const fileName = basename(path);
  const lower = fileName.toLowerCase();
  for (const [suffix, format, gzip] of EXTENSIONS) {
    if (lower.endsWith(suffix)) return { path, fileName, format, gzip };
  }
  throw new IngestionError(
    'INGEST.UNSUPPORTED_FORMAT',
    `${fileName}: unsupported file type (expected .jsonl, .csv, .jsonl.gz or .csv.gz)`,
    { path },
  );
}

/** Lines longer than this are rejected rather than buffered, so one file without line breaks cannot exhaust memory. */
export const MAX_LINE_CHARS = 1 << 20;
/** How much of an over-long line is kept as its raw text in the quarantine. */
const OVERSIZED_HEAD_CHARS = 1024;

/** Consecutive physical lines of a file: `lines[i]` is line `firstLine + i` (1-based), without its line break. */
export interface LineBatch {
  firstLine: number;
  lines: string[];
  /** Indexes into `lines` of lines cut to their head because they exceeded MAX_LINE_CHARS; null when none. */
  oversized: number[] | null;
}

/**
 * Streams a file's physical lines (UTF-8, optional BOM, LF or CRLF, optionally gzipped) in batches, one per
 * read chunk. Memory stays bounded by the chunk size and MAX_LINE_CHARS. The file is only read as fast as the
 * consumer pulls batches.
 */
export async function* readLineBatches(file: SourceFile): AsyncGenerator<LineBatch> {
  const raw = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  const source: Readable = file.gzip ? pipeline(raw, createGunzip(), () => undefined) : raw;
  source.setEncoding('utf8');
  let pending = '';
  let overflowing = false;
  let atStart = true;
  let nextLine = 1;
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      let text = chunk;
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = false;
      }
      const parts = text.split('\n');
      const tail = parts.pop() as string;
      const lines: string[] = [];
      let oversized: number[] | null = null;
      for (let k = 0; k < parts.length; k++) {
        let line = parts[k];
        if (k === 0 && (overflowing || pending !== '')) {
          line = overflowing ? pending : pending + line;
        }
        if ((k === 0 && overflowing) || line.length > MAX_LINE_CHARS) {
          line = line.slice(0, OVERSIZED_HEAD_CHARS);
          (oversized ??= []).push(lines.length);
          if (k === 0) overflowing = false;
        } else if (line.charCodeAt(line.length - 1) === 13) {
          line = line.slice(0, -1);
        }
        lines.push(line);
      }
      if (parts.length > 0) pending = tail;
      else if (!overflowing) pending += tail;
      if (!overflowing && pending.length > MAX_LINE_CHARS) {
        pending = pending.slice(0, OVERSIZED_HEAD_CHARS);
        overflowing = true;
      }
      if (lines.length > 0) {
        yield { firstLine: nextLine, lines, oversized };
        nextLine += lines.length;
      }
    }
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new IngestionError(
      missing ? 'INGEST.FILE_MISSING' : 'INGEST.FILE_UNREADABLE',
      `${file.fileName}: ${missing ? 'not found' : 'cannot be read'}${file.gzip && !missing ? ' (is it really gzip?)' : ''}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { path: file.path },
      { cause: error },
    );
  }
  if (overflowing) {
    yield { firstLine: nextLine, lines: [pending], oversized: [0] };
  } else if (pending !== '') {
    const line = pending.charCodeAt(pending.length - 1) === 13 ? pending.slice(0, -1) : pending;
    yield { firstLine: nextLine, lines: [line], oversized: null };
  }
}
