import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { readTextChunks, type SourceFile } from '@app/ingestion';

/**
 * Formats where one physical line (or, in CSV, one quote-balanced run of lines) is one record. Only these
 * may be cut between lines: a Dahua record spans several `records[i].Field=value` lines, and a Hikvision
 * search result is a JSON document whose events may be pretty-printed over many lines.
 */
const LINE_RECORD_FORMATS: ReadonlySet<string> = new Set([
  'canonical-jsonl',
  'canonical-csv',
  'hikcentral-csv',
  'zkteco-attlog',
  'zkteco-rtlog',
]);

/** Lines per chunk for a file: the configured size for line-record formats, the whole file otherwise. */
export function linesPerChunk(
  file: Pick<SourceFile, 'format' | 'captureFormat'>,
  configured: number,
): number {
  const format = file.captureFormat ?? `canonical-${file.format}`;
  return LINE_RECORD_FORMATS.has(format) ? configured : Number.POSITIVE_INFINITY;
}

/** One piece of a large file, ready to be read by any worker as a small file of its own. */
export interface ChunkFile {
  chunkNo: number;
  path: string;
  /** Line number, in the original file, of the chunk's first data line. */
  firstLine: number;
  /** Physical lines of data (not the repeated CSV header). */
  lines: number;
}

/**
 * Splits a line-oriented file (decompressed and decoded to UTF-8) into chunk files of about `linesPerChunk`
 * lines, each cut only at a record boundary: in CSV a line ends a record only when its quotes are balanced,
 * so a quoted field spanning lines is never cut. A CSV chunk repeats the header. The original file stays
 * the evidence; chunks are work files, deleted when the batch completes.
 */
export async function splitIntoChunks(
  file: SourceFile,
  workDir: string,
  linesPerChunk: number,
): Promise<ChunkFile[]> {
  // Chunks are plaintext captures: private to bioaudit's user, like the evidence store.
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  const csv = file.format === 'csv';
  const ext = csv ? 'csv' : 'jsonl';
  const chunks: ChunkFile[] = [];
  let header: string | null = null;
  let out: WriteStream | null = null;
  let current: ChunkFile | null = null;
  let lineNo = 0;
  let insideQuotes = false;
  let rest = '';

  const write = async (text: string) => {
    if (!out!.write(text)) await once(out!, 'drain');
  };
  const close = async () => {
    if (!out) return;
    out.end();
    await once(out, 'close');
    out = null;
  };
  const open = async () => {
    await close();
    current = {
      chunkNo: chunks.length,
      path: path.join(workDir, `chunk-${String(chunks.length).padStart(5, '0')}.${ext}`),
      firstLine: lineNo,
      lines: 0,
    };
    chunks.push(current);
    out = createWriteStream(current.path, { mode: 0o600 });
    if (header !== null) await write(`${header}\n`);
  };
  const line = async (text: string) => {
    lineNo++;
    if (csv && header === null) {
      header = text;
      return;
    }
    if (!current || (current.lines >= linesPerChunk && !insideQuotes)) await open();
    await write(`${text}\n`);
    current!.lines++;
    if (csv) {
      let quotes = 0;
      for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
      if (quotes % 2 === 1) insideQuotes = !insideQuotes;
    }
  };

  for await (const text of readTextChunks(file)) {
    const parts = (rest + text).split('\n');
    rest = parts.pop()!;
    for (const p of parts) await line(p.endsWith('\r') ? p.slice(0, -1) : p);
  }
  if (rest.length > 0) await line(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  await close();
  return chunks;
}
