import type { RawFieldMap } from './field-reader';

/** One JSONL line read as a field map, or why it is not one. */
export function parseJsonLine(
  text: string,
): { ok: true; fields: RawFieldMap } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'a JSONL line must be a JSON object' };
  }
  return { ok: true, fields: value as RawFieldMap };
}

/** The outcome of tokenising CSV text: its fields, a quote still open at the end (needs the next line), or an error. */
export type CsvTokens =
  | { kind: 'fields'; fields: string[] }
  | { kind: 'open' }
  | { kind: 'error'; message: string };

/**
 * Splits one CSV record (RFC 4180, comma-separated, `"` quoting with `""` escapes) into fields. `text` is
 * the record without its final line break; a quoted field may contain line breaks, in which case the caller
 * gets `open` and retries with the next line appended. A quote inside an unquoted field, or text after a
 * closing quote, is an error.
 */
export function tokenizeCsvRecord(text: string): CsvTokens {
  // Most rows have no quotes at all; splitting them directly keeps CSV close to JSONL speed.
  if (text.indexOf('"') === -1) return { kind: 'fields', fields: text.split(',') };
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return { kind: 'open' };
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { kind: 'fields', fields };
      if (text.charCodeAt(i) !== 44 /* , */) {
        return { kind: 'error', message: `unexpected text after a closing quote at column ${i + 1}` };
      }
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = text.slice(i, end);
      if (value.indexOf('"') !== -1) {
        return {
          kind: 'error',
          message: `a quote inside an unquoted field at column ${i + value.indexOf('"') + 1}`,
        };
      }
      fields.push(value);
      if (comma === -1) return { kind: 'fields', fields };
      i = comma + 1;
    }
    if (i === n) {
      fields.push('');
      return { kind: 'fields', fields };
    }
  }
}
