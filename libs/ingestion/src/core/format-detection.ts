import type { CaptureFormat } from './adapters/capture-adapter';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

/**
 * Guesses a capture export's format from its first bytes (a few KB are plenty) and its file name, or null
 * when nothing matches. Every marker is ASCII, so GBK bytes read as UTF-8 do not hide it. Content decides
 * before the name: firms rename files, but a Hikvision search result always opens with its envelope.
 */
export function detectCaptureFormat(firstBytes: string | Uint8Array, fileName: string): CaptureFormat | null {
  let text = typeof firstBytes === 'string' ? firstBytes : new TextDecoder('utf-8').decode(firstBytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"AcsEvent"\s*:/.test(text)) return 'hikvision-acs-search';
    if (/"AccessControllerEvent"|"eventType"\s*:\s*"heartBeat"/.test(text)) return 'hikvision-acs-push';
    return 'canonical-jsonl';
  }
  if (/^(found=\d|records\[\d+\]\.[A-Za-z])/m.test(text)) return 'dahua-recordfinder';
  const nl = text.indexOf('\n');
  const first = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (/^time=/.test(first) || /\t(pin|verifytype|event)=/.test(first)) return 'zkteco-rtlog';
  const tabs = first.split('\t');
  if (tabs.length >= 4 && LOCAL_DATE_TIME.test(tabs[1].trim())) return 'zkteco-attlog';
  const columns = new Set(first.split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
  if (columns.has('eventTime') && columns.has('eventType')) return 'hikcentral-csv';
  if (columns.has('occurredAt') && columns.has('eventType')) return 'canonical-csv';
  const lower = fileName.toLowerCase().replace(/\.gz$/, '');
  if (lower.endsWith('.jsonl')) return 'canonical-jsonl';
  if (lower.endsWith('.csv')) return 'canonical-csv';
  return null;
}
