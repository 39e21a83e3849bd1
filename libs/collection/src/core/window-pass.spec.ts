import type { AcsEventPage } from './acs-event-page';
import { WindowPass } from './window-pass';

const page = (status: AcsEventPage['status'], total: number, serials: number[]): AcsEventPage => ({
  searchID: 's',
  status,
  numOfMatches: serials.length,
  totalMatches: total,
  items: serials.map((serialNo) => ({ serialNo, major: 5, minor: 75 })),
});

describe('WindowPass', () => {
  it('advances by what each page holds and is whole when it saw every event of one total', () => {
    const p = new WindowPass();
    expect(p.accept(page('MORE', 4, [1, 2]))).toBe('next');
    expect(p.position).toBe(2);
    expect(p.accept(page('OK', 4, [3, 4]))).toBe('done');
    expect(p.whole()).toBe(true);
  });

  it('asks a repeated page again without advancing', () => {
    const p = new WindowPass();
    p.accept(page('MORE', 4, [1, 2]));
    expect(p.accept(page('MORE', 4, [1, 2]))).toBe('again');
    expect(p.position).toBe(2);
    expect(p.repeats).toBe(1);
  });

  it('is not whole when the total changed while paging, or events are missing', () => {
    const grew = new WindowPass();
    grew.accept(page('MORE', 4, [1, 2]));
    grew.accept(page('OK', 6, [3, 4, 5, 6]));
    expect(grew.whole()).toBe(false);
    expect(grew.describe()).toMatch(/4 → 6/);
    const shifted = new WindowPass();
    shifted.accept(page('MORE', 4, [1, 2]));
    shifted.accept(page('OK', 4, [2, 3]));
    expect(shifted.whole()).toBe(false);
    expect(shifted.describe()).toMatch(/3 distinct events of 4/);
  });

  it('treats MORE with an empty page as a page to ask again', () => {
    const p = new WindowPass();
    expect(p.accept(page('MORE', 3, []))).toBe('again');
  });
});
