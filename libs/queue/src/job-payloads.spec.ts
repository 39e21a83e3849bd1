import { isDomainError } from '@app/common';
import { validateJobData } from './job-payloads';
import { dispatch, type JobHandlers } from './job-queue';

const chunk = {
  flowId: 'f-1',
  batchId: '12',
  firmId: '3',
  kind: 'captures',
  chunkNo: 0,
  firstLine: 2,
  path: '/tmp/chunk-0.jsonl',
  format: 'jsonl',
  firmTimezone: 'Asia/Shanghai',
};

function codeAndMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'accepted';
}

describe('job payloads are validated at the queue boundary', () => {
  it('accepts every well-formed payload unchanged', () => {
    expect(validateJobData('IngestChunk', chunk)).toBe(chunk);
    expect(validateJobData('AuditFirm', { creditCode: '91330201MA2GT00012', operator: 'o' })).toEqual({
      creditCode: '91330201MA2GT00012',
      operator: 'o',
    });
    expect(validateJobData('ScheduleTick', { schedule: 'reaudit' })).toEqual({ schedule: 'reaudit' });
    const target = {
      schedule: 'reaudit',
      targetKey: '91330201MA2GT00012',
      target: { creditCode: '91330201MA2GT00012' },
      period: '2026-03-01T18:00:00.000Z',
    };
    expect(validateJobData('ScheduleTarget', target)).toBe(target);
    expect(
      codeAndMessage(() => validateJobData('ScheduleTick', { schedule: 'reaudit', firm: 'x' })),
    ).toContain('firm: property firm should not exist');
    expect(
      codeAndMessage(() => validateJobData('ScheduleTarget', { ...target, period: '2026-03-02 02:00' })),
    ).toContain('job ScheduleTarget: period:');
    expect(codeAndMessage(() => validateJobData('ScheduleTick', { schedule: 'Nightly Reaudit' }))).toContain(
      'job ScheduleTick: schedule:',
    );
  });

  it.each([
    ['a missing field', { ...chunk, path: undefined }, 'JOBS.INVALID_PAYLOAD: job IngestChunk: path:'],
    ['a wrong type', { ...chunk, chunkNo: '0' }, 'JOBS.INVALID_PAYLOAD: job IngestChunk: chunkNo:'],
    ['an unknown kind', { ...chunk, kind: 'faces' }, 'JOBS.INVALID_PAYLOAD: job IngestChunk: kind:'],
    ['an unknown field', { ...chunk, extra: 1 }, 'JOBS.INVALID_PAYLOAD: job IngestChunk: extra:'],
  ])('refuses %s, naming the job and the field', (_, data, expected) => {
    expect(codeAndMessage(() => validateJobData('IngestChunk', data))).toContain(expected);
  });

  it('refuses a payload that is not an object and a bad credit code', () => {
    expect(codeAndMessage(() => validateJobData('ScheduleTick', null))).toContain('not an object');
    expect(codeAndMessage(() => validateJobData('AuditFirm', { creditCode: 'x', operator: 'o' }))).toContain(
      'creditCode',
    );
  });

  it('never reaches a handler with an invalid payload', async () => {
    const called: string[] = [];
    const handlers = {
      IngestChunk: (d: unknown) => {
        called.push(JSON.stringify(d));
        return Promise.resolve(null);
      },
    } as unknown as JobHandlers;
    await expect(
      dispatch(handlers, 'IngestChunk', { ...chunk, batchId: 'x' }, () => Promise.resolve()),
    ).rejects.toMatchObject({
      code: 'JOBS.INVALID_PAYLOAD',
      message: expect.stringMatching(/^job IngestChunk: batchId/) as unknown,
    });
    expect(called).toEqual([]);
    await dispatch(handlers, 'IngestChunk', chunk, () => Promise.resolve());
    expect(called).toHaveLength(1);
  });
});
