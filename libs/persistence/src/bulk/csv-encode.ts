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

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
let dayStart = Number.NaN;
let dayPrefix = '';

/**
 * An instant (epoch ms) as `toISOString()` writes it, for COPY. Evidence comes in time order, so the date part
 * is kept from the previous call and only the time of day is formatted: a fifth of the cost per row.
 */
export function copyInstant(ms: number): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / 86_400_000) * 86_400_000;
  if (day !== dayStart) {
    const d = new Date(ms);
    // Years outside 0000–9999 take toISOString's own expanded form; this fast path does not know it.
    if (d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999) return d.toISOString();
    dayStart = day;
    dayPrefix = d.toISOString().slice(0, 11);
  }
  let rest = ms - day;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const s = rest % 60;
  rest = (rest - s) / 60;
  const m = rest % 60;
  const h = (rest - m) / 60;
  return `${dayPrefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(milli)}Z`;
}
