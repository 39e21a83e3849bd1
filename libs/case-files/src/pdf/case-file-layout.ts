import { MoneyDecimal } from '@app/common';
import type { CaseFileCaptureRef } from '../case-file.types';
import { formatCount, formatLocalMinute } from '../core/format';
import { INK, type PdfPageWriter } from './pdf-page-writer';

/** Waits for written bytes to drain; called between pages of the streamed annexes. */
export type Pace = () => Promise<void>;

/** Characters of a SHA-256 printed in table cells; the full digest is in the manifest and the attachment. */
export const SHORT_SHA = 10;

/** One line of text centred on the page. */
export function centred(
  w: PdfPageWriter,
  text: string,
  face: 'regular' | 'bold',
  size: number,
  color = INK,
): void {
  w.use(face, size, color);
  const width = w.doc.widthOfString(text);
  w.doc.text(text, w.left + (w.width - width) / 2, w.y, { lineBreak: false });
  w.y += size * 1.45;
}

/** `12.5 %`, or `—` for a share of nothing. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${new MoneyDecimal(part).div(whole).times(100).toFixed(1)} %`;
}

/** `2021年4月20日`: a YYYY-MM-DD date as Chinese documents write it. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The firm's consent ids a finding was checked against. With more than two the count comes first, so that
 * when the cell runs out of lines (and ends in an ellipsis) the reader still knows how many there were.
 */
export function consentCell(ids: readonly string[]): string {
  if (ids.length === 0) return '—';
  if (ids.length <= 2) return ids.join(', ');
  return `共 ${formatCount(ids.length)} 条：\n${ids.slice(0, 20).join(', ')}`;
}

/**
 * `首 EVT-1 · capture.csv:17 · ab12cd34ef`: a capture by the firm's own names. Where the device gave no
 * event id the key is a hash of the record (`sha256:…`): it is shortened visibly, the file and line
 * identifying the record on their own.
 */
export function captureRefLine(prefix: string, ref: CaseFileCaptureRef | null): string {
  if (!ref) return `${prefix} —`;
  const key = ref.eventKey.startsWith('sha256:') ? `${ref.eventKey.slice(0, 7 + 12)}…` : ref.eventKey;
  return `${prefix} ${key} · ${ref.fileName}:${ref.lineNo} · ${ref.batchSha256.slice(0, SHORT_SHA)}`;
}

/** `2019-04-01 09:00 — 09:43`, repeating the date only when the span crosses midnight. */
export function captureSpan(firstAt: string, lastAt: string, zone: string): string {
  const first = formatLocalMinute(firstAt, zone);
  const last = formatLocalMinute(lastAt, zone);
  return `${first} — ${last.slice(0, 10) === first.slice(0, 10) ? last.slice(11) : last}`;
}
