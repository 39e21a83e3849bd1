/** One `AccessControlCardRec` record of a recordFinder answer: its paging fields and every field as sent. */
export interface DahuaRecord {
  /** `RecNo`: the record's number on its terminal (monotonic): its identity and the dedup key. */
  recNo: number;
  /** `CreateTime`: seconds of the terminal's own wall clock read as UTC (the scale StartTime/EndTime filter on). */
  createTime: number;
  fields: Record<string, string>;
}

/** A response page of `recordFinder.cgi?action=find`, checked for its envelope. */
export interface DahuaRecordPage {
  /** `found=N`: how many records this answer holds (at most the `count` asked, maybe fewer). */
  found: number;
  /** Oldest first, as the terminal sent them. */
  records: DahuaRecord[];
}

export type DahuaPageReading = { ok: true; page: DahuaRecordPage } | { ok: false; reason: string };

const FOUND = /^found=(\d{1,9})$/;
const FIELD = /^records\[(\d{1,9})\]\.([A-Za-z0-9_]+)=(.*)$/;
const WHOLE = /^\d{1,12}$/;

/**
 * Reads a recordFinder body (`found=N`, then `records[i].Field=value` lines, LF or CRLF) as a page. Anything
 * else — a cut body (no final line break, fewer records than `found`), an error text, records out of order, a
 * record without a whole-number RecNo or CreateTime (text CreateTime of some OEM firmware included) — is
 * unreadable with the reason: such a page is kept as evidence but never parsed for events, since what it
 * holds cannot be known to be whole, and the pager cannot continue from it.
 */
export function readDahuaRecordPage(body: Buffer): DahuaPageReading {
  const text = body.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n')) {
    return { ok: false, reason: `no final line break after ${body.length} bytes (cut?)` };
  }
  const lines = text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.trim() !== '');
  const head = FOUND.exec(lines[0] ?? '');
  if (head === null) {
    return {
      ok: false,
      reason: `does not start with found=N (${JSON.stringify((lines[0] ?? '').slice(0, 80))})`,
    };
  }
  const found = Number(head[1]);
  const byIndex: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const m = FIELD.exec(lines[i]);
    if (m === null) return { ok: false, reason: `line ${i + 1} is not records[i].Field=value` };
    const index = Number(m[1]);
    // One record's lines are together and records come in index order: 0, 1, 2…
    if (index === byIndex.length) byIndex.push(Object.create(null) as Record<string, string>);
    else if (index !== byIndex.length - 1) {
      return { ok: false, reason: `records[${index}] out of order at line ${i + 1}` };
    }
    byIndex[index][m[2]] = m[3];
  }
  if (byIndex.length !== found) {
    return { ok: false, reason: `found=${found} but ${byIndex.length} records` };
  }
  const records: DahuaRecord[] = [];
  for (const [i, f] of byIndex.entries()) {
    if (!WHOLE.test(f.RecNo ?? '') || !WHOLE.test(f.CreateTime ?? '')) {
      return { ok: false, reason: `records[${i}] has no whole-number RecNo and CreateTime` };
    }
    records.push({ recNo: Number(f.RecNo), createTime: Number(f.CreateTime), fields: { ...f } });
  }
  return { ok: true, page: { found, records } };
}
