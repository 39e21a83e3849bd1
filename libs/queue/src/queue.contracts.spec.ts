import {
  JOB_NAMES,
  JOB_POLICY,
  WORKER_MAX_STALLED_COUNT,
  deploymentQueuePrefix,
  jobIdFor,
  jobOptions,
} from './queue.contracts';

describe('queue contracts', () => {
  it('keys a deployment under the configured prefix and its own id, so two deployments never share a queue', () => {
    const a = deploymentQueuePrefix('bioaudit', '0f1e2d3c-0000-4000-8000-000000000001');
    const b = deploymentQueuePrefix('bioaudit', '0f1e2d3c-0000-4000-8000-000000000002');
    expect(a).toBe('bioaudit:0f1e2d3c-0000-4000-8000-000000000001');
    expect(a).not.toBe(b);
    // clearQueuePrefix-style cleanup of `<prefix>:*` still finds every key of the deployment.
    expect(a.startsWith('bioaudit:')).toBe(true);
  });

  it('lets an ingestion job survive as many dead workers as it has retries (issue 9: not one)', () => {
    for (const name of [JOB_NAMES.IngestChunk, JOB_NAMES.CompleteBatch]) {
      const p = JOB_POLICY[name];
      expect(p.maxStalledCount).toBeGreaterThanOrEqual(2);
      expect(p.maxStalledCount).toBe(p.attempts - 1);
      expect(jobOptions(name)).toMatchObject({
        attempts: p.attempts,
        backoff: p.backoff,
        removeOnFail: false,
      });
    }
    expect(WORKER_MAX_STALLED_COUNT).toBe(
      Math.max(...Object.values(JOB_POLICY).map((p) => p.maxStalledCount)),
    );
  });

  it('gives every job name a policy and a business-key id', () => {
    for (const name of Object.values(JOB_NAMES)) expect(JOB_POLICY[name].attempts).toBeGreaterThan(0);
    expect(
      jobIdFor('IngestChunk', {
        flowId: '7-abc',
        batchId: '7',
        firmId: '1',
        kind: 'captures',
        chunkNo: 3,
        firstLine: 1,
        path: '/w/c.jsonl',
        format: 'jsonl',
        firmTimezone: 'Asia/Shanghai',
      }),
    ).toBe('IngestChunk|7-abc|3');
  });
});
