import { tokenizeCsvRecord, parseJsonLine } from './core/line-parsers';
import type { RawFieldMap } from './core/field-reader';
import { IngestionError } from './ingestion.errors';
import { MAX_LINE_CHARS, readLineBatches, type SourceFile } from './source-file';

/** One data record of a file before validation: its fields, or why the line is not a record at all. */
export type RawRecord =
  | { ok: true; line: number; raw: string; fields: RawFieldMap }
  | { ok: false; line: number; raw: string; message: string };

const REPLACEMENT_CHAR = '\uFFFD';

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
      if (text.includes(REPLACEMENT_CHAR)) {
        out.push({ ok: false, line, raw: text, message: notUtf8() });
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
      if (tokens.kind === 'error') {
        out.push({ ok: false, line, raw: text, message: `invalid CSV: ${tokens.message}` });
      } else if (text.includes(REPLACEMENT_CHAR)) {
        out.push({ ok: false, line, raw: text, message: notUtf8() });
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

function notUtf8(): string {
  return 'not valid UTF-8 (convert the file to UTF-8 first)';
}
