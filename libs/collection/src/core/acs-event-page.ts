/** One item of `AcsEvent.InfoList`, as the terminal sent it. */
export type AcsEventItem = Record<string, unknown>;

/** A response page of `POST /ISAPI/AccessControl/AcsEvent?format=json`, checked for its envelope. */
export interface AcsEventPage {
  searchID: string;
  status: 'OK' | 'MORE' | 'NO MATCH';
  numOfMatches: number;
  totalMatches: number;
  items: AcsEventItem[];
}

export type PageReading = { ok: true; page: AcsEventPage } | { ok: false; reason: string };

const STATUSES = new Set(['OK', 'MORE', 'NO MATCH']);

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * Reads a response body as an AcsEvent search page. Anything else — cut JSON, another document, an ISAPI
 * error status, a count that disagrees with the list — is unreadable, with the reason: such a page is kept
 * as evidence but never parsed for events, since what it holds cannot be known to be whole.
 */
export function readAcsEventPage(body: Buffer): PageReading {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return { ok: false, reason: `not JSON (${(e as Error).message}) after ${body.length} bytes` };
  }
  const env = (doc as { AcsEvent?: unknown } | null)?.AcsEvent;
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    return { ok: false, reason: 'no AcsEvent object in the response' };
  }
  const e = env as Record<string, unknown>;
  const status = e.responseStatusStrg;
  if (typeof status !== 'string' || !STATUSES.has(status)) {
    return { ok: false, reason: `responseStatusStrg is ${JSON.stringify(status)}` };
  }
  const num = count(e.numOfMatches);
  const total = count(e.totalMatches);
  if (num === null || total === null) {
    return { ok: false, reason: 'numOfMatches and totalMatches must be whole numbers' };
  }
  const list = e.InfoList ?? [];
  if (!Array.isArray(list) || list.some((i) => i === null || typeof i !== 'object' || Array.isArray(i))) {
    return { ok: false, reason: 'InfoList must be a list of objects' };
  }
  if (list.length !== num) {
    return { ok: false, reason: `numOfMatches ${num} but InfoList holds ${list.length}` };
  }
  return {
    ok: true,
    page: {
      searchID: typeof e.searchID === 'string' ? e.searchID : '',
      status: status as AcsEventPage['status'],
      numOfMatches: num,
      totalMatches: total,
      items: list as AcsEventItem[],
    },
  };
}

/** An item's identity on its terminal: the serialNo (monotonic per device), else its whole content. */
export function itemKey(item: AcsEventItem): string {
  const s = item.serialNo;
  return typeof s === 'number' || (typeof s === 'string' && s !== '')
    ? `s:${s}`
    : `j:${JSON.stringify(item)}`;
}
