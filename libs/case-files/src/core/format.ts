import { DateTime } from 'luxon';
import { MoneyDecimal, parseInstant } from '@app/common';

/** An integer with thousands separators, e.g. `305,114`. */
export function formatCount(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A byte size as exact bytes plus a binary-unit hint, e.g. `1,536 B (1.5 KiB)`. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = '';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return unit === '' ? `${formatCount(bytes)} B` : `${formatCount(bytes)} B (${value.toFixed(1)} ${unit})`;
}

/** Reads an ISO 8601 instant, wall-clock times in `zone`; throws a TypeError on bad text (callers validate first). */
function instant(iso: string, zone: string): DateTime {
  const ms = parseInstant(iso, zone);
  if (ms === null) throw new TypeError(`not an ISO 8601 instant: ${iso}`);
  return DateTime.fromMillis(ms, { zone });
}

/** `2021-04-22 10:05:00 +08:00`: the instant in `zone` with its offset, as a court reads it. */
export function formatLocalDateTime(iso: string, zone: string): string {
  return instant(iso, zone).toFormat('yyyy-LL-dd HH:mm:ss ZZ');
}

const QUARTER_HOUR = 15 * 60_000;
const DAY = 24 * 3_600_000;
/** Per zone: UTC day → the offset for the whole day, or null when the offset changes during that day. */
const dayOffsets = new Map<string, Map<number, number | null>>();
const quarterOffsets = new Map<string, Map<number, number>>();

function zoneOffset(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset * 60_000;
}

function bounded<K, V>(cache: Map<string, Map<K, V>>, zone: string): Map<K, V> {
  let inner = cache.get(zone);
  if (!inner || inner.size > 100_000) {
    inner = new Map();
    cache.set(zone, inner);
  }
  return inner;
}

/**
 * The UTC offset of `zone` at `ms`, in ms. Looked up once per UTC day when the day has no transition,
 * else once per quarter hour (every zone's transitions fall on one).
 */
function offsetAt(ms: number, zone: string): number {
  const days = bounded(dayOffsets, zone);
  const day = Math.floor(ms / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = zoneOffset(day * DAY, zone);
    offset = start === zoneOffset(day * DAY + DAY - 1, zone) ? start : null;
    days.set(day, offset);
  }
  if (offset !== null) return offset;
  const quarters = bounded(quarterOffsets, zone);
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let q = quarters.get(quarter);
  if (q === undefined) {
    q = zoneOffset(quarter * QUARTER_HOUR, zone);
    quarters.set(quarter, q);
  }
  return q;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `2021-04-22 10:05`: compact form for table cells (the zone is stated in the table's heading). The annex
 * formats two of these per finding, so it avoids luxon's per-call zone lookup; `format.spec.ts` checks it
 * against luxon across DST transitions.
 */
export function formatLocalMinute(iso: string, zone: string): string {
  const ms = parseInstant(iso, zone);
  if (ms === null) throw new TypeError(`not an ISO 8601 instant: ${iso}`);
  const d = new Date(ms + offsetAt(ms, zone));
  return (
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
  );
}

/** `2021-04-22`: the calendar date in `zone`. */
export function formatLocalDate(iso: string, zone: string): string {
  return instant(iso, zone).toFormat('yyyy-LL-dd');
}

/** The UTC offset of `zone` at `iso`, e.g. `UTC+08:00`. */
export function formatZoneOffset(iso: string, zone: string): string {
  return `UTC${instant(iso, zone).toFormat('ZZ')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/**
 * Writes a CNY amount in Chinese financial capitals (大写), as penalty decisions state fines:
 * `250000` → `人民币贰拾伍万元整`. Rounds half-up to fen, like `formatAmount`.
 */
export function chineseUppercaseAmount(amount: string): string {
  const fixed = new MoneyDecimal(amount).toFixed(2);
  if (fixed.startsWith('-')) throw new RangeError(`negative amount: ${amount}`);
  const [intPart, frac] = fixed.split('.');
  if (intPart.length > 16) throw new RangeError(`amount too large: ${amount}`);
  const jiao = Number(frac[0]);
  const fen = Number(frac[1]);
  const yuan = integerInCapitals(intPart);
  let text = '人民币';
  if (yuan !== '零' || (jiao === 0 && fen === 0)) text += `${yuan}元`;
  if (jiao === 0 && fen === 0) return `${text}整`;
  if (jiao !== 0) text += `${DIGITS[jiao]}角`;
  else if (yuan !== '零') text += '零';
  if (fen !== 0) text += `${DIGITS[fen]}分`;
  return text;
}

function integerInCapitals(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (trimmed === '0') return '零';
  const groups: string[] = [];
  for (let end = trimmed.length; end > 0; end -= 4) groups.unshift(trimmed.slice(Math.max(0, end - 4), end));
  let out = '';
  // One 零 stands for any run of zeros between two non-zero digits, including a whole skipped group.
  let zeroPending = false;
  groups.forEach((group, gi) => {
    const padded = group.padStart(4, '0');
    const groupUnit = GROUP_UNITS[groups.length - 1 - gi];
    let wroteInGroup = false;
    for (let i = 0; i < 4; i++) {
      const d = Number(padded[i]);
      if (d === 0) {
        if (out !== '') zeroPending = true;
        continue;
      }
      if (zeroPending) out += '零';
      zeroPending = false;
      out += DIGITS[d] + SMALL_UNITS[3 - i];
      wroteInGroup = true;
    }
    if (wroteInGroup) {
      out += groupUnit;
      // Zeros that only end a group are carried by its unit (贰仟陆佰万, not 贰仟陆佰万零).
      zeroPending = false;
    }
  });
  return out;
}

/**
 * Shortens `text` with an ellipsis until `measure(text) <= width`. `measure` is the renderer's string
 * width at the current font and size; kept abstract so this stays pure and testable.
 */
export function fitText(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `width`, preferring to break after a space or
 * comma and otherwise between characters (identifiers have no spaces). Text that still does not fit ends
 * with an ellipsis on the last line, so a cut is always visible.
 */
export function wrapText(
  text: string,
  width: number,
  maxLines: number,
  measure: (s: string) => number,
): string[] {
  if (measure(text) <= width) return [text];
  const tokens = text.split(/(?<=[ ,，、])/u);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const token of tokens) {
    if (measure(line + token) <= width) {
      line += token;
      continue;
    }
    if (line !== '') push();
    for (const ch of Array.from(token)) {
      if (line !== '' && measure(line + ch) > width) push();
      line += ch;
    }
  }
  if (line.trim() !== '') push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitText(`${kept[maxLines - 1]}${lines[maxLines]}`, width, measure);
  if (!kept[maxLines - 1].endsWith('…'))
    kept[maxLines - 1] = fitText(`${kept[maxLines - 1]}…`, width, measure);
  return kept;
}
