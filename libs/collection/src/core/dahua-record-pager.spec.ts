import type { DahuaRecordPage } from './dahua-record-page';
import { RecordFinderPager } from './dahua-record-pager';

/** A page of records given as [RecNo, CreateTime]. */
const page = (...recs: [number, number][]): DahuaRecordPage => ({
  found: recs.length,
  records: recs.map(([recNo, createTime]) => ({ recNo, createTime, fields: {} })),
});

describe('RecordFinderPager', () => {
  it('continues from the last CreateTime, inclusive, and ends on a page with nothing new', () => {
    const p = new RecordFinderPager(100, 500, 3);
    expect(p.query).toEqual({ startTime: 100, endTime: 500, count: 3 });
    expect(p.accept(page([1, 110], [2, 120], [3, 130]))).toBe('next');
    expect(p.query).toEqual({ startTime: 130, endTime: 500, count: 3 });
    expect(p.accept(page([3, 130], [4, 140]))).toBe('next');
    expect(p.query.startTime).toBe(140);
    expect(p.accept(page([4, 140]))).toBe('done');
    expect(p.received).toBe(4);
    expect(p.pages).toBe(3);
  });

  it('ends on an empty window at once', () => {
    const p = new RecordFinderPager(100, 500, 3);
    expect(p.accept(page())).toBe('done');
  });

  it('absorbs records of one second that straddle a page edge', () => {
    const p = new RecordFinderPager(100, 500, 3);
    expect(p.accept(page([1, 110], [2, 150], [3, 150]))).toBe('next');
    // The second 150 holds a third record beyond the edge: asked from 150 again, the two seen are skipped.
    expect(p.accept(page([2, 150], [3, 150], [4, 150]))).toBe('next');
    expect(p.accept(page([2, 150], [3, 150], [4, 150]))).toBe('stuck');
  });

  it('finishes a second that holds fewer records than a page', () => {
    const p = new RecordFinderPager(100, 500, 3);
    expect(p.accept(page([1, 110], [2, 150], [3, 150]))).toBe('next');
    expect(p.accept(page([2, 150], [3, 150], [4, 151]))).toBe('next');
    expect(p.accept(page([4, 151]))).toBe('done');
    expect(p.received).toBe(4);
  });

  it('is stuck on a full page of records already seen (more in one second than a page holds)', () => {
    const p = new RecordFinderPager(100, 500, 2);
    expect(p.accept(page([1, 150], [2, 150]))).toBe('next');
    expect(p.query.startTime).toBe(150);
    expect(p.accept(page([1, 150], [2, 150]))).toBe('stuck');
    expect(p.at).toBe(150);
  });

  it('does not take a short page for the end, and learns a silent cap from what follows it', () => {
    const p = new RecordFinderPager(100, 500, 10);
    // The terminal sends 3 where 10 were asked: not trusted as the end.
    expect(p.accept(page([1, 110], [2, 120], [3, 130]))).toBe('next');
    expect(p.pageSize).toBe(10);
    // More came after it: the terminal caps at 3, and a page of 3 is full from now on.
    expect(p.accept(page([3, 130], [4, 130], [5, 130]))).toBe('next');
    expect(p.pageSize).toBe(3);
    expect(p.accept(page([3, 130], [4, 130], [5, 130]))).toBe('stuck');
  });

  it('carries a cap learnt on an earlier window, and never moves backwards', () => {
    const p = new RecordFinderPager(100, 500, 10, 3);
    expect(p.pageSize).toBe(3);
    // A terminal that ignores StartTime: the first page again, full, nothing new.
    expect(p.accept(page([1, 90], [2, 95], [3, 99]))).toBe('next');
    expect(p.query.startTime).toBe(100);
    expect(p.accept(page([1, 90], [2, 95], [3, 99]))).toBe('stuck');
  });

  it('never asks beyond the window end', () => {
    const p = new RecordFinderPager(100, 200, 2);
    expect(p.accept(page([1, 150], [2, 260]))).toBe('next');
    expect(p.query).toEqual({ startTime: 200, endTime: 200, count: 2 });
    expect(p.window).toEqual({ start: 100, end: 200 });
  });
});
