import { backoffDelay, cronProblem, lastFireAtOrBefore, nextFireAfter } from './cron';

describe('fire times in the bureau’s zone', () => {
  it('reads 02:00 in Asia/Shanghai as 18:00 UTC the day before', () => {
    expect(nextFireAfter('0 2 * * *', 'Asia/Shanghai', new Date('2026-03-01T12:00:00Z')).toISOString()).toBe(
      '2026-03-01T18:00:00.000Z',
    );
    // Strictly after: at the fire instant itself the next is a day later.
    expect(nextFireAfter('0 2 * * *', 'Asia/Shanghai', new Date('2026-03-01T18:00:00Z')).toISOString()).toBe(
      '2026-03-02T18:00:00.000Z',
    );
    expect(
      lastFireAtOrBefore('0 2 * * *', 'Asia/Shanghai', new Date('2026-03-01T18:00:00Z')).toISOString(),
    ).toBe('2026-03-01T18:00:00.000Z');
    expect(
      lastFireAtOrBefore('0 2 * * *', 'Asia/Shanghai', new Date('2026-03-01T17:59:59Z')).toISOString(),
    ).toBe('2026-02-28T18:00:00.000Z');
  });

  it('follows daylight saving time in a zone that has it (Europe/Berlin)', () => {
    const fires: string[] = [];
    let at = new Date('2026-03-27T12:00:00Z');
    for (let i = 0; i < 3; i++) {
      at = nextFireAfter('0 2 * * *', 'Europe/Berlin', at);
      fires.push(at.toISOString());
    }
    // 02:00 CET is 01:00Z; on 29 March 02:00 does not exist (clocks jump to 03:00 CEST = 01:00Z); then 00:00Z.
    expect(fires).toEqual([
      '2026-03-28T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
    ]);
  });

  it('accepts five fields only', () => {
    expect(cronProblem('0 2 * * *')).toBeNull();
    expect(cronProblem('0 0 2 * * *')).toBe('a cron expression has five fields');
    expect(cronProblem('0 25 * * *')).toEqual(expect.any(String));
  });

  it('backs off exponentially as BullMQ does', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, 1000))).toEqual([1000, 2000, 4000]);
  });
});
