import { BatchWaitProgress } from './distributed-ingest-progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (t: string) => written.push(t) };
}

const wait = (done: number, elapsedMs: number) => ({
  batchId: '7',
  kind: 'captures',
  done,
  total: 12,
  elapsedMs,
});

describe('BatchWaitProgress', () => {
  it('prints a line every interval when stderr is not a terminal, none before the first interval', () => {
    const out = stream(false);
    const p = new BatchWaitProgress(out, 10_000);
    for (let t = 0; t <= 25_000; t += 1_000) p.update(wait(Math.floor(t / 5_000), t));
    p.end();
    expect(out.written).toEqual([
      'waiting for workers: captures batch 7: 2/12 chunks stored (10 s)\n',
      'waiting for workers: captures batch 7: 4/12 chunks stored (20 s)\n',
    ]);
  });

  it('rewrites one line on a terminal when it changes, and clears it at the end', () => {
    const out = stream(true);
    const p = new BatchWaitProgress(out, 10_000);
    p.update(wait(0, 0));
    p.update(wait(0, 400));
    p.update(wait(1, 1_200));
    p.end();
    expect(out.written).toEqual([
      '\r\x1b[Kwaiting for workers: captures batch 7: 0/12 chunks stored (0 s)',
      '\r\x1b[Kwaiting for workers: captures batch 7: 1/12 chunks stored (1 s)',
      '\r\x1b[K',
    ]);
  });
});
