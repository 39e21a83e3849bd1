import { tokenizeCsvRecord, parseJsonLine } from './core/line-parsers';
import type { CaptureFormat } from './core/adapters/capture-adapter';
import { parseDahuaLine } from './core/adapters/dahua';
import { HIKCENTRAL_REQUIRED_COLUMNS } from './core/adapters/hikcentral';
import { splitAttlogLine, splitRtlogLine } from './core/adapters/zkteco';
import { CAPTURE_REQUIRED_FIELDS } from './core/capture-event';
import type { RawFieldMap } from './core/field-reader';
import { JsonRecordScanner, type JsonRecordLayout } from './core/json-record-scanner';
import { IngestionError } from './ingestion.errors';
import { MAX_LINE_CHARS, readLineBatches, readTextChunks, type SourceFile } from './source-file';

/** One data record of a file before validation: its fields, or why the line is not a record at all. */
export type RawRecord =
  | { ok: true; line: number; raw: string; fields: RawFieldMap }
  | {
      ok: false;
      line: number;
      raw: string;
      message: string;
      /** INGEST.UNDECODABLE_LINE for bytes not valid in the file's encoding; absent: not a record (MALFORMED_LINE). */
      code?: 'INGEST.UNDECODABLE_LINE';
    };

/**
 * U+FFFD: bytes not valid in the file's encoding; NUL: binary data or UTF-16 read as something else. Two
 * indexOf scans are several times faster than one character-class regex on the hot path.
 */
const UNREADABLE = { test: (text: string): boolean => text.includes('\uFFFD') || text.includes('\u0000') };

/** The rejection of a line UNREADABLE found: undecodable (its own reason) or binary. */
function unreadableRecord(line: number, raw: string): RawRecord {
  return raw.includes('\uFFFD')
    ? { ok: false, line, raw, message: unreadable(raw), code: 'INGEST.UNDECODABLE_LINE' }
    : { ok: false, line, raw, message: unreadable(raw) };
}

/**
 * Streams a file's data records in batches. Blank lines (empty or whitespace only) are not records. CSV: the
 * first non-blank record is the header; when `requiredColumns` is given, a header lacking one of them, or
 * naming a column twice, is fatal (INGEST.HEADER_INVALID) because every row would fail the same way.
 */
export function readRawRecords(
  file: SourceFile,
  requiredColumns: readonly string[] | null,
): AsyncGenerator<RawRecord[]> {
  return file.format === 'jsonl' ? readJsonl(file) : readCsv(file, requiredColumns);
}

async function* readJsonl(file: SourceFile): AsyncGenerator<RawRecord[]> {
  for await (const { firstLine, lines, oversized } of readLineBatches(file)) {
    const out: RawRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      const line = firstLine + i;
      if (oversized !== null && oversized.includes(i)) {
        out.push({ ok: false, line, raw: text, message: tooLong() });
        continue;
      }
      if (text.trim() === '') continue;
      if (UNREADABLE.test(text)) {
        out.push(unreadableRecord(line, text));
        continue;
      }
      const parsed = parseJsonLine(text);
      out.push(
        parsed.ok
          ? { ok: true, line, raw: text, fields: parsed.fields }
          : { ok: false, line, raw: text, message: parsed.message },
      );
    }
    if (out.length > 0) yield out;
  }
}

async function* readCsv(
  file: SourceFile,
  requiredColumns: readonly string[] | null,
): AsyncGenerator<RawRecord[]> {
  let header: string[] | null = null;
  // A record whose quoted field continues on the next line(s).
  let open: { line: number; text: string } | null = null;
  for await (const { firstLine, lines, oversized } of readLineBatches(file)) {
    const out: RawRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const physical = lines[i];
      let line = firstLine + i;
      let text = physical;
      if (oversized !== null && oversized.includes(i)) {
        if (open !== null) {
          out.push({ ok: false, line: open.line, raw: open.text, message: tooLong() });
          open = null;
        } else {
          out.push({ ok: false, line, raw: text, message: tooLong() });
        }
        continue;
      }
      if (open !== null) {
        line = open.line;
        text = `${open.text}\n${physical}`;
        open = null;
        // Without a quote the open field cannot close: skip re-tokenising, so a stray quote costs linear time.
        if (physical.indexOf('"') === -1) {
          if (text.length > MAX_LINE_CHARS) {
            out.push({ ok: false, line, raw: text.slice(0, 1024), message: tooLong() });
          } else {
            open = { line, text };
          }
          continue;
        }
      } else if (text.trim() === '') {
        continue;
      }
      const tokens = tokenizeCsvRecord(text);
      if (tokens.kind === 'open') {
        if (text.length > MAX_LINE_CHARS) {
          out.push({ ok: false, line, raw: text.slice(0, 1024), message: tooLong() });
        } else {
          open = { line, text };
        }
        continue;
      }
      if (header === null) {
        if (tokens.kind === 'error')
          throw headerInvalid(file, `its header line cannot be read: ${tokens.message}`);
        header = checkHeader(file, tokens.fields, requiredColumns);
        continue;
      }
      if (UNREADABLE.test(text)) {
        out.push(unreadableRecord(line, text));
      } else if (tokens.kind === 'error') {
        out.push({ ok: false, line, raw: text, message: `invalid CSV: ${tokens.message}` });
      } else if (tokens.fields.length !== header.length) {
        out.push({
          ok: false,
          line,
          raw: text,
          message: `expected ${header.length} columns, got ${tokens.fields.length}`,
        });
      } else {
        const fields: Record<string, string> = {};
        for (let c = 0; c < header.length; c++) {
          if (header[c] !== '') fields[header[c]] = tokens.fields[c];
        }
        out.push({ ok: true, line, raw: text, fields });
      }
    }
    if (out.length > 0) yield out;
  }
  if (open !== null) {
    const last: RawRecord = {
      ok: false,
      line: open.line,
      raw: open.text,
      message: 'invalid CSV: a quoted field is not closed before the end of the file',
    };
    if (header === null) throw headerInvalid(file, last.message);
    yield [last];
  }
}

function checkHeader(file: SourceFile, names: string[], required: readonly string[] | null): string[] {
  // '' marks a column that is ignored: unnamed, or a name that would reach Object.prototype.
  const header = names.map((n) => {
    const t = n.trim();
    return t === '__proto__' ? '' : t;
  });
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') continue;
    if (seen.has(name)) throw headerInvalid(file, `column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const missing = (required ?? []).filter((c) => !seen.has(c));
  if (missing.length > 0) {
    throw headerInvalid(file, `the header lacks required column(s) ${missing.join(', ')}`, { missing });
  }
  return header;
}

function headerInvalid(
  file: SourceFile,
  message: string,
  details: Record<string, unknown> = {},
): IngestionError {
  return new IngestionError('INGEST.HEADER_INVALID', `${file.fileName}: ${message}`, {
    path: file.path,
    ...details,
  });
}

function tooLong(): string {
  return `line longer than ${MAX_LINE_CHARS} characters (only its beginning is kept)`;
}

function unreadable(text: string): string {
  return text.includes('\u0000')
    ? 'contains NUL bytes (binary data, or a UTF-16 file without a byte-order mark)'
    : "not valid text in the file's encoding (force the right one with --encoding)";
}

/**
 * Streams a capture export's vendor records by its format: canonical and HikCentral CSV through the CSV
 * reader (with their required columns), JSON exports through JsonRecordScanner, Dahua by grouping its
 * `records[i].*` lines, ZKTeco line by line.
 */
export function readCaptureRawRecords(file: SourceFile, format: CaptureFormat): AsyncGenerator<RawRecord[]> {
  switch (format) {
    case 'canonical-jsonl':
      return readJsonl(file);
    case 'canonical-csv':
      return readCsv(file, CAPTURE_REQUIRED_FIELDS);
    case 'hikcentral-csv':
      return readCsv(file, HIKCENTRAL_REQUIRED_COLUMNS);
    case 'hikvision-acs-search':
      return readJsonRecords(file, 'hikvision-search');
    case 'hikvision-acs-push':
      return readJsonRecords(file, 'top-level');
    case 'dahua-recordfinder':
      return readDahua(file);
    case 'zkteco-attlog':
      return readSplitLines(file, splitAttlogLine);
    case 'zkteco-rtlog':
      return readSplitLines(file, splitRtlogLine);
  }
}

async function* readJsonRecords(file: SourceFile, layout: JsonRecordLayout): AsyncGenerator<RawRecord[]> {
  const scanner = new JsonRecordScanner(layout, MAX_LINE_CHARS);
  const toRaw = (r: ReturnType<JsonRecordScanner['end']>[number]): RawRecord => {
    if (r.oversized) return { ok: false, line: r.line, raw: r.text, message: tooLong() };
    if (r.truncated) {
      return {
        ok: false,
        line: r.line,
        raw: r.text,
        message: 'truncated JSON: the file ends inside this record',
      };
    }
    if (UNREADABLE.test(r.text)) return unreadableRecord(r.line, r.text);
    const parsed = parseJsonLine(r.text);
    return parsed.ok
      ? { ok: true, line: r.line, raw: r.text, fields: parsed.fields }
      : { ok: false, line: r.line, raw: r.text, message: parsed.message.replace('a JSONL line', 'a record') };
  };
  for await (const text of readTextChunks(file)) {
    const records = scanner.push(text);
    if (records.length > 0) yield records.map(toRaw);
  }
  const last = scanner.end();
  if (last.length > 0) yield last.map(toRaw);
}

async function* readSplitLines(
  file: SourceFile,
  split: (text: string) => RawFieldMap,
): AsyncGenerator<RawRecord[]> {
  for await (const { firstLine, lines, oversized } of readLineBatches(file)) {
    const out: RawRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      const line = firstLine + i;
      if (oversized !== null && oversized.includes(i)) {
        out.push({ ok: false, line, raw: text, message: tooLong() });
      } else if (text.trim() === '') {
        continue;
      } else if (UNREADABLE.test(text)) {
        out.push(unreadableRecord(line, text));
      } else {
        out.push({ ok: true, line, raw: text, fields: split(text) });
      }
    }
    if (out.length > 0) yield out;
  }
}

/**
 * recordFinder text: `records[i].Field=value` lines, a record ending where the index changes or a new
 * response (`found=`) begins. A record's line is its first field's line; a line that is neither a field,
 * `found=` nor blank is rejected on its own. A record longer than MAX_LINE_CHARS is rejected whole.
 */
async function* readDahua(file: SourceFile): AsyncGenerator<RawRecord[]> {
  let current: {
    index: number;
    line: number;
    fields: Record<string, string>;
    raw: string[];
    size: number;
  } | null = null;
  const flush = (out: RawRecord[]) => {
    if (current === null) return;
    const raw = current.raw.join('\n');
    if (current.size > MAX_LINE_CHARS) {
      out.push({ ok: false, line: current.line, raw: raw.slice(0, 1024), message: tooLong() });
    } else if (UNREADABLE.test(raw)) {
      out.push(unreadableRecord(current.line, raw));
    } else {
      out.push({ ok: true, line: current.line, raw, fields: current.fields });
    }
    current = null;
  };
  for await (const { firstLine, lines, oversized } of readLineBatches(file)) {
    const out: RawRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      const line = firstLine + i;
      if (oversized !== null && oversized.includes(i)) {
        flush(out);
        out.push({ ok: false, line, raw: text, message: tooLong() });
        continue;
      }
      if (text.trim() === '') continue;
      const parsed = parseDahuaLine(text);
      if (parsed.kind === 'field') {
        if (current !== null && current.index !== parsed.index) flush(out);
        current ??= { index: parsed.index, line, fields: {}, raw: [], size: 0 };
        if (current.size <= MAX_LINE_CHARS) {
          if (parsed.field !== '__proto__') current.fields[parsed.field] = parsed.value;
          current.raw.push(text);
        }
        current.size += text.length + 1;
      } else {
        flush(out);
        if (parsed.kind === 'other') {
          out.push({
            ok: false,
            line,
            raw: text,
            message: 'not a recordFinder line (records[i].Field=value or found=N)',
          });
        }
      }
    }
    if (out.length > 0) yield out;
  }
  const out: RawRecord[] = [];
  flush(out);
  if (out.length > 0) yield out;
}
