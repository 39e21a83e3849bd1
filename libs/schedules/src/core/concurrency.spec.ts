import { setTimeout as sleep } from 'node:timers/promises';
import { mapWithConcurrency, Semaphore } from './concurrency';

describe('bounded concurrency', () => {
  it('runs at most `limit` at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(n * 3);
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('a semaphore admits `size` holders and releases on failure too', async () => {
    const s = new Semaphore(1);
    const order: string[] = [];
    const a = s.use(async () => {
      order.push('a');
      await sleep(5);
      throw new Error('a failed');
    });
    const b = s.use(() => {
      order.push('b');
      return Promise.resolve('b done');
    });
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b done');
    expect(order).toEqual(['a', 'b']);
  });
});
