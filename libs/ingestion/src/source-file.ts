import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import type { CaptureFormat } from './core/adapters/capture-adapter';
import { chooseEncoding, UTF8 } from './core/encoding';
import { IngestionError } from './ingestion.errors';
import { openRegularFile } from './regular-file';
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
  /** A forced or already detected encoding (`utf-8`, `gb18030`...); decided from the whole file when absent. */
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

/** How many leading bytes are sampled to detect a format (and, for the legacy encodings, kept for chardet). */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/**
 * The decompressed bytes of a file (plain, gzip, or one zip entry), bounded against decompression bombs. The
 * file is opened only if it is a regular file itself (no symbolic link, FIFO or device: openRegularFile).
 */
async function openBytes(file: SourceFile): Promise<Readable> {
  if (file.zipEntry !== undefined) return openZipEntry(file.path, file.zipEntry, DEFAULT_ARCHIVE_LIMITS);
  const fd = await openRegularFile(file.path);
  const raw = createReadStream(file.path, { fd, highWaterMark: 256 * 1024 });
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
 * Streams a file's text: decompressed, decoded from its encoding (`file.encoding`, else decided once from the
 * whole file by decideEncoding) and without a leading byte-order mark. The whole file is decoded in that one
 * encoding, never re-decoded in another: bytes not valid in it become U+FFFD, and the readers quarantine
 * those lines one by one (INGEST.UNDECODABLE_LINE). Read errors are IngestionErrors (INGEST.FILE_MISSING,
 * INGEST.FILE_UNREADABLE, INGEST.ARCHIVE_UNSAFE, INGEST.NOT_A_REGULAR_FILE).
 */
export async function* readTextChunks(file: SourceFile): AsyncGenerator<string> {
  let atStart = true;
  const emit = (text: string): string => {
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  try {
    // Undeclared, the leading chunks that are pure ASCII read the same in every encoding decideEncoding can
    // choose: they stream at once, and the whole-file decision is made (once) at the first other byte. An
    // ASCII file is thus never read twice.
    let decoder = file.encoding === undefined ? null : decoderFor(file.encoding);
    const source = await openBytes(file);
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (decoder === null) {
        if (isAscii(chunk)) {
          const text = emit(chunk.toString('latin1'));
          if (text !== '') yield text;
          continue;
        }
        decoder = decoderFor(await decideEncoding(file));
      }
      const text = emit(decoder.write(chunk));
      if (text !== '') yield text;
    }
    const rest = decoder?.end();
    if (rest !== undefined && rest !== '') yield emit(rest);
  } catch (error) {
    throw readError(file, error);
  }
}

/** The encoding readTextChunks reads a file in: `file.encoding` if set, else decideEncoding's. */
export async function detectSourceEncoding(file: SourceFile): Promise<string> {
  return file.encoding ?? decideEncoding(file);
}

/** What one streaming pass saw of a file's lines, by their bytes. */
export interface EncodingEvidence {
  /** Lines with bytes above 0x7f that are valid UTF-8. */
  utf8Lines: number;
  /** Lines that are not valid UTF-8. */
  otherLines: number;
}

/**
 * Decides a file's encoding from the whole file, in one streaming pass over its decompressed bytes: a
 * byte-order mark decides at once (UTF-8, UTF-16LE/BE); otherwise each line is classed as ASCII, valid UTF-8
 * or not UTF-8. A file whose non-ASCII lines are mostly valid UTF-8 is UTF-8 (its few bad lines are then
 * quarantined one by one, never a reason to read the rest in another encoding); only when lines that are
 * not UTF-8 outnumber those that are does chardet choose a legacy encoding (GB18030 first) from those lines.
 * The decision is cached per file (path, entry, size, modification time).
 */
export async function decideEncoding(file: SourceFile): Promise<string> {
  let identity: string | null = null;
  try {
    const s = await stat(file.path);
    identity = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    // openBytes below names the problem.
  }
  const key = `${file.path}\0${file.zipEntry ?? ''}\0${file.gzip}`;
  const cached = DECISIONS.get(key);
  if (identity !== null && cached?.identity === identity) return cached.encoding;
  const encoding = (await scanEncoding(file, false)) ?? (await scanEncoding(file, true)) ?? UTF8;
  if (identity !== null) {
    if (DECISIONS.size >= 256) DECISIONS.delete(DECISIONS.keys().next().value as string);
    DECISIONS.set(key, { identity, encoding });
  }
  return encoding;
}

const DECISIONS = new Map<string, { identity: string; encoding: string }>();

/** A line longer than this is classed in pieces, so a file without line breaks cannot exhaust memory. */
const SCAN_PIECE_BYTES = 1 << 20;

/**
 * One pass over the file. `exact` classes every line; the fast pass (the common case: a file that is all
 * UTF-8) only checks whole runs of lines natively and returns null at the first sign of a line that is not
 * UTF-8, for the caller to run the exact pass.
 */
async function scanEncoding(file: SourceFile, exact: boolean): Promise<string | null> {
  const evidence: EncodingEvidence = { utf8Lines: 0, otherLines: 0 };
  const sample: Buffer[] = [];
  let sampled = 0;
  let head: Buffer | null = null;
  let carry: Buffer | null = null;
  const classify = (line: Buffer, complete: boolean) => {
    if (isAscii(line)) return;
    if (isUtf8Prefix(line, complete)) {
      evidence.utf8Lines++;
    } else {
      evidence.otherLines++;
      if (sampled < ENCODING_SAMPLE_BYTES) {
        sample.push(line, NEWLINE);
        sampled += line.length + 1;
      }
    }
  };
  try {
    const source = await openBytes(file);
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (head === null) {
        head = chunk;
        const bom = bomEncoding(chunk);
        if (bom !== null && (chunk.length >= 3 || bom !== UTF8)) {
          source.destroy();
          return bom;
        }
      }
      let from = 0;
      let nl = chunk.indexOf(10);
      if (carry !== null && nl !== -1) {
        classify(Buffer.concat([carry, chunk.subarray(0, nl)]), true);
        carry = null;
        from = nl + 1;
        nl = chunk.indexOf(10, from);
      }
      if (!exact && nl !== -1) {
        const last = chunk.lastIndexOf(10);
        if (evidence.otherLines > 0 || !isUtf8(chunk.subarray(from, last))) {
          source.destroy();
          return null;
        }
        from = last + 1;
        nl = -1;
      }
      for (; nl !== -1; nl = chunk.indexOf(10, from)) {
        classify(chunk.subarray(from, nl), true);
        from = nl + 1;
      }
      if (from < chunk.length) {
        carry = carry === null ? Buffer.from(chunk.subarray(from)) : Buffer.concat([carry, chunk]);
        if (carry.length > SCAN_PIECE_BYTES) {
          classify(carry, false);
          carry = null;
        }
      }
    }
  } catch (error) {
    throw readError(file, error);
  }
  if (carry !== null) classify(carry, true);
  if (head !== null) {
    const bom = bomEncoding(head);
    if (bom !== null) return bom;
  }
  if (!exact && evidence.otherLines > 0) return null;
  return encodingFrom(evidence, Buffer.concat(sample));
}

/** The decision from a file's line evidence (`sample`: some of its lines that are not UTF-8). */
export function encodingFrom(evidence: EncodingEvidence, sample: Uint8Array): string {
  if (evidence.otherLines === 0 || evidence.otherLines <= evidence.utf8Lines) return UTF8;
  return chooseEncoding(sample, true);
}

const NEWLINE = Buffer.from('\n');

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return UTF8;
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** Valid UTF-8; when `complete` is false, a character cut by the end of the piece (up to 3 bytes) is allowed. */
function isUtf8Prefix(b: Buffer, complete: boolean): boolean {
  if (isUtf8(b)) return true;
  if (complete) return false;
  for (let cut = 1; cut <= 3 && cut < b.length; cut++) {
    if (isUtf8(b.subarray(0, b.length - cut))) return true;
  }
  return false;
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
