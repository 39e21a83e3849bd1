import { itemKey, type AcsEventPage } from './acs-event-page';

/** What one page means for the pass: ask the next position, ask this one again, or the pass is over. */
export type PageVerdict = 'next' | 'again' | 'done';

/**
 * One paging pass over a window (one searchID). It tells a repeated page (every item already seen) from a
 * new one, and at the end whether the pass saw the whole window: every page agreed on totalMatches and as
 * many distinct events arrived as the terminal said it holds. A pass that is not whole is run again; the
 * store's identity rules make what it fetches twice harmless.
 */
export class WindowPass {
  private readonly seen = new Set<string>();
  private readonly totals = new Set<number>();
  private last = 0;
  position = 0;
  repeats = 0;

  accept(page: AcsEventPage): PageVerdict {
    const keys = page.items.map(itemKey);
    if (keys.length > 0 && keys.every((k) => this.seen.has(k))) {
      this.repeats += 1;
      return 'again';
    }
    for (const k of keys) this.seen.add(k);
    this.totals.add(page.totalMatches);
    this.last = page.totalMatches;
    this.position += page.numOfMatches;
    if (page.status !== 'MORE') return 'done';
    // MORE with an empty page would ask the same position forever.
    if (page.numOfMatches === 0) {
      this.repeats += 1;
      return 'again';
    }
    return 'next';
  }

  /** Distinct events this pass received. */
  get received(): number {
    return this.seen.size;
  }

  /** The pass saw the whole window: one total throughout, and at least that many distinct events. */
  whole(): boolean {
    return this.totals.size === 1 && this.seen.size >= this.last;
  }

  /** Why a pass is not whole, for the run's report. */
  describe(): string {
    return this.totals.size > 1
      ? `totalMatches changed while paging (${[...this.totals].join(' → ')})`
      : `received ${this.seen.size} distinct events of ${this.last}`;
  }
}
