/**
 * Numbers, money and dates per language. Money is always shown exactly, in yuan with two decimals
 * (¥250,000.00), as on a decision; `formatWan` is the compact 万元 form Chinese officers read in charts and
 * summaries (25万元), never instead of the exact amount where the amount is decided. Times are shown in the
 * bureau's zone (Asia/Shanghai), whatever the browser's.
 */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';

function toNumber(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}

export function formatMoney(value: string | number, language: string, currency = 'CNY'): string {
  const n = toNumber(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(n);
}

/** 250000 → "25万元" (zh-CN) or "¥250k" (en); exact below 10,000. */
export function formatWan(value: string | number, language: string): string {
  const n = toNumber(value);
  if (!Number.isFinite(n)) return String(value);
  if (language.startsWith('zh')) {
    if (Math.abs(n) < 10_000) return `${new Intl.NumberFormat('zh-CN').format(n)}元`;
    return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n / 10_000)}万元`;
  }
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: 'CNY',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(n);
}

export function formatNumber(value: string | number, language: string): string {
  const n = toNumber(value);
  return Number.isFinite(n) ? new Intl.NumberFormat(language).format(n) : String(value);
}

export function formatPercent(value: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/**
 * A calendar day (`2026-01-19`) as the language writes it: 2026年1月19日 / 19 Jan 2026. An instant
 * (`2025-02-28T16:00:00Z`) is the day it falls on in the bureau's zone (1 March in Beijing), never its UTC date.
 */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:/.test(day)) {
    const instant = new Date(day);
    if (!Number.isNaN(instant.getTime())) {
      return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: BUREAU_TIME_ZONE }).format(
        instant,
      );
    }
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant in the bureau's zone: 2026/1/19 10:05 / 19 Jan 2026, 10:05. */
export function formatDateTime(instant: string | null | undefined, language: string): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: BUREAU_TIME_ZONE,
  }).format(date);
}

/** Bytes as KB/MB/GB. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}
