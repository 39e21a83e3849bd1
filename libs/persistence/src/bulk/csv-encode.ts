/**
 * Encodes values for PostgreSQL `COPY … (FORMAT csv)`: NULL is an unquoted empty field, every string is
 * quoted (so an empty string stays distinct from NULL), numbers and booleans are written as they are.
 */
export type CopyValue = string | number | boolean | null;

export function csvField(v: CopyValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`;
}

export function csvRow(values: CopyValue[]): string {
  let s = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) s += ',';
    s += csvField(values[i]);
  }
  return `${s}\n`;
}

/** A PostgreSQL array literal of plain tokens (enum values, ids), e.g. `{a,b}`. */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}
