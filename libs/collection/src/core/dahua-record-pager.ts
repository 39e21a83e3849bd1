import type { DahuaRecordPage } from './dahua-record-page';

/** The query of the next recordFinder page: device-clock seconds, both ends inclusive, and the count asked. */
export interface RecordFinderQuery {
  startTime: number;
  endTime: number;
  count: number;
}

/** What one page means: ask the next query, the window is done, or paging cannot move (see RecordFinderPager). */
export type RecordFinderVerdict = 'next' | 'done' | 'stuck';

/**
 * Paging over one window of a Dahua recordFinder, which has no offset: results come oldest first, so after a
 * page the next one is asked from its last record's CreateTime, inclusive (records of that second may follow
 * beyond the page edge), and the records seen again are recognised by RecNo. The window is done when a page
 * brings no new RecNo.
 *
 * A short page (fewer than asked) is not taken as the end: firmware may cap `count` without saying so. A
 * short page that is followed by new records shows the cap, and the pager then treats pages of that size as
 * full. A FULL page made only of records already seen means more records share one second than a page can
 * hold: one second cannot be narrowed further (CreateTime has no fractions, RecNo cannot be filtered on), so
 * the verdict is `stuck` and the collector fails the window clearly rather than skip past that second.
 */
export class RecordFinderPager {
  private readonly seen = new Set<number>();
  private from: number;
  private lastShort: number | null = null;
  private readonly asked: number;
  pages = 0;
  /** The effective page size: the count asked, or less once a silent cap showed. */
  pageSize: number;

  constructor(
    private readonly start: number,
    private readonly end: number,
    count: number,
    /** A cap learnt on an earlier window of the same run. */
    knownPageSize = count,
  ) {
    this.from = start;
    this.pageSize = Math.min(count, knownPageSize);
    this.asked = count;
  }

  get query(): RecordFinderQuery {
    return { startTime: this.from, endTime: this.end, count: this.asked };
  }

  /** Distinct records received over the window. */
  get received(): number {
    return this.seen.size;
  }

  accept(page: DahuaRecordPage): RecordFinderVerdict {
    this.pages += 1;
    let fresh = 0;
    for (const r of page.records) {
      if (!this.seen.has(r.recNo)) {
        this.seen.add(r.recNo);
        fresh += 1;
      }
    }
    if (fresh > 0 && this.lastShort !== null) this.pageSize = Math.min(this.pageSize, this.lastShort);
    const full = page.found >= this.pageSize;
    if (fresh === 0) return full && page.found > 0 ? 'stuck' : 'done';
    this.lastShort = full ? null : page.found;
    const last = page.records[page.records.length - 1].createTime;
    // A device that ignores or widens StartTime never moves `from` backwards.
    this.from = Math.max(this.from, Math.min(last, this.end));
    return 'next';
  }

  /** The second paging is stuck on, for the report. */
  get at(): number {
    return this.from;
  }

  /** The window asked, for the report. */
  get window(): { start: number; end: number } {
    return { start: this.start, end: this.end };
  }
}
