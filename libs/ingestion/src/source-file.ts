import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import type { CaptureFormat } from './core/adapters/capture-adapter';
import { chooseEncoding, UTF8 } from './core/encoding';
import { IngestionError } from './ingestion.errors';
import { DEFAULT_ARCHIVE_LIMITS, openZipEntry } from './zip-archive';

/** An input file and how to read it. */
export interface SourceFile {
  /** The file on disk (for a zip entry: the archive). */
  path: string;
  fileName: string;
  /** Line structure of canonical files; vendor files say 'jsonl' when JSON, 'csv' otherwise (see captureFormat). */
  format: 'jsonl' | 'csv';
  gzip: boolean;
  /** The entry to read inside the zip archive at `path`. */
  zipEntry?: string;
  /** A forced or already detected encoding (`utf-8`, `gb18030`...); detected from a leading sample when absent. */
  encoding?: string;
  /** The capture export format; absent means canonical, by `format`. */
  captureFormat?: CaptureFormat;
  /** The device a `captures/manifest.csv` row attributes the file to. */
  deviceId?: string;
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

/** How many leading bytes decide a file's encoding. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/** The decompressed bytes of a file (plain, gzip, or one zip entry), bounded against decompression bombs. */
async function openBytes(file: SourceFile): Promise<Readable> {
  if (file.zipEntry !== undefined) return openZipEntry(file.path, file.zipEntry, DEFAULT_ARCHIVE_LIMITS);
  const raw = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  if (!file.gzip) return raw;
  const cap = DEFAULT_ARCHIVE_LIMITS.maxUncompressedBytes;
  let total = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > cap) {
        done(
          new IngestionError(
            'INGEST.ARCHIVE_UNSAFE',
            `${file.fileName}: decompresses to more than ${cap} bytes; refusing it as a decompression bomb`,
            { path: file.path, limit: cap },
          ),
        );
      } else {
        done(null, chunk);
      }
    },
  });
  return pipeline(raw, createGunzip(), guard, () => undefined);
}

/**
 * Streams a file's text: decompressed, decoded from its encoding (`file.encoding`, else chosen from the
 * first ENCODING_SAMPLE_BYTES by chooseEncoding) and without a leading byte-order mark. Bytes that are not
 * valid in the encoding become U+FFFD, which the readers reject line by line. Read errors are
 * IngestionErrors (INGEST.FILE_MISSING, INGEST.FILE_UNREADABLE, INGEST.ARCHIVE_UNSAFE).
 */
export async function* readTextChunks(file: SourceFile): AsyncGenerator<string> {
  let decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;
  let sample: Buffer[] = [];
  let sampled = 0;
  let atStart = true;
  const emit = (text: string): string => {
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  try {
    const source = await openBytes(file);
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (decoder === null) {
        sample.push(chunk);
        sampled += chunk.length;
        if (file.encoding === undefined && sampled < ENCODING_SAMPLE_BYTES) continue;
        const head = Buffer.concat(sample);
        sample = [];
        decoder = decoderFor(file.encoding ?? chooseEncoding(head, false));
        const text = emit(decoder.write(head));
        if (text !== '') yield text;
        continue;
      }
      const text = emit(decoder.write(chunk));
      if (text !== '') yield text;
    }
    if (decoder === null) {
      const head = Buffer.concat(sample);
      decoder = decoderFor(file.encoding ?? chooseEncoding(head, true));
      const text = emit(decoder.write(head));
      if (text !== '') yield text;
    }
    const rest = decoder.end();
    if (rest !== undefined && rest !== '') yield emit(rest);
  } catch (error) {
    throw readError(file, error);
  }
}

/** Detects a file's encoding the way readTextChunks will: `file.encoding` if set, else from its first bytes. */
export async function detectSourceEncoding(file: SourceFile): Promise<string> {
  if (file.encoding !== undefined) return file.encoding;
  const { bytes, complete } = await readHead(file, ENCODING_SAMPLE_BYTES);
  return chooseEncoding(bytes, complete);
}

/** The first `max` decompressed bytes of a file and whether they are the whole file. */
export async function readHead(file: SourceFile, max: number): Promise<{ bytes: Buffer; complete: boolean }> {
  const parts: Buffer[] = [];
  let n = 0;
  let complete = true;
  try {
    const source = await openBytes(file);
    for await (const chunk of source as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
      if (n >= max) {
        complete = false;
        source.destroy();
        break;
      }
    }
  } catch (error) {
    throw readError(file, error);
  }
  return { bytes: Buffer.concat(parts).subarray(0, max), complete };
}

function decoderFor(encoding: string): { write(b: Buffer): string; end(): string | undefined } {
  if (encoding === UTF8) return new StringDecoder('utf8');
  return iconv.getDecoder(encoding);
}

function readError(file: SourceFile, error: unknown): IngestionError {
  if (error instanceof IngestionError) return error;
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  const compressed = file.gzip || file.zipEntry !== undefined;
  return new IngestionError(
    missing ? 'INGEST.FILE_MISSING' : 'INGEST.FILE_UNREADABLE',
    `${file.fileName}: ${missing ? 'not found' : 'cannot be read'}${compressed && !missing ? ` (is it really ${file.gzip ? 'gzip' : 'zip'}?)` : ''}: ${
      error instanceof Error ? error.message : String(error)
    }`,
    { path: file.path },
    { cause: error },
  );
}

/**
 * Streams a file's physical lines (any encoding readTextChunks reads, LF or CRLF, optionally compressed) in
 * batches, one per read chunk. Memory stays bounded by the chunk size and MAX_LINE_CHARS. The file is only
 * read as fast as the consumer pulls batches.
 */
export async function* readLineBatches(file: SourceFile): AsyncGenerator<LineBatch> {
  let pending = '';
  let overflowing = false;
  let nextLine = 1;
  for await (const text of readTextChunks(file)) {
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
  if (overflowing) {
    yield { firstLine: nextLine, lines: [pending], oversized: [0] };
  } else if (pending !== '') {
    const line = pending.charCodeAt(pending.length - 1) === 13 ? pending.slice(0, -1) : pending;
    yield { firstLine: nextLine, lines: [line], oversized: null };
  }
}
