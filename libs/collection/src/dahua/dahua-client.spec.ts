import { inspect } from 'node:util';
import { readDahuaRecordPage } from '../core/dahua-record-page';
import { deviceClockSeconds } from '../core/dahua-clock';
import { DeviceSecret } from '../credential-seal';
import { DahuaTerminalSimulator } from '../simulator/dahua-terminal-simulator';
import { DahuaClient } from './dahua-client';

const PASSWORD = 'sim-pass-1';
const FROM = new Date('2025-02-28T16:00:00Z');
const now = () => new Date('2025-03-05T00:00:00Z');
const ZONE = 'Asia/Shanghai';
const query = (count: number, start = FROM) => ({
  startTime: deviceClockSeconds(start, ZONE),
  endTime: deviceClockSeconds(new Date('2025-03-02T00:00:00Z'), ZONE),
  count,
});

describe('DahuaClient against the Dahua terminal simulator', () => {
  let sim: DahuaTerminalSimulator;
  let client: DahuaClient;

  beforeEach(async () => {
    sim = new DahuaTerminalSimulator({ seed: 5, records: 40, from: FROM, now, holdMs: 2_000, countCap: 25 });
    const { url } = await sim.start();
    client = new DahuaClient(url, 'admin', new DeviceSecret(PASSWORD), 300);
  });
  afterEach(() => sim.stop());

  it('authenticates by digest, asks recordFinder by time, and gets records oldest first up to the cap', async () => {
    const fetched = await client.findPage(query(10), now);
    const read = readDahuaRecordPage(fetched.body);
    expect(read.ok && read.page.found).toBe(10);
    const recs = read.ok ? read.page.records : [];
    expect(recs.map((r) => r.recNo)).toEqual(
      sim
        .records()
        .slice(0, 10)
        .map((r) => r.recNo),
    );
    expect(recs.map((r) => r.createTime)).toEqual([...recs.map((r) => r.createTime)].sort((a, b) => a - b));
    // CreateTime is the device's wall clock (UTC+8) counted as UTC; CreateTimeRealUTC, when present, the instant.
    const first = sim.records()[0];
    expect(recs[0].createTime).toBe(first.at.getTime() / 1000 + 8 * 3600);
    expect(recs[0].fields.CreateTimeRealUTC ?? null).toBe(
      first.realUtc ? String(first.at.getTime() / 1000) : null,
    );
    // The cap is silent: 100 asked, 25 sent.
    const capped = readDahuaRecordPage((await client.findPage(query(100), now)).body);
    expect(capped.ok && capped.page.found).toBe(25);
    expect(sim.requests.map((r) => r.authorized)).toEqual([false, true, false, true]);
    expect(fetched.url).toBe(
      `${sim.url}/cgi-bin/recordFinder.cgi?action=find&name=AccessControlCardRec&StartTime=${query(10).startTime}&EndTime=${query(10).endTime}&count=10`,
    );
  });

  it('filters on StartTime inclusively, in CreateTime’s scale', async () => {
    const third = sim.records()[2];
    const read = readDahuaRecordPage((await client.findPage(query(5, third.at), now)).body);
    expect(read.ok && read.page.records[0].recNo).toBe(third.recNo);
  });

  it('times out on a terminal that does not answer: COLLECT.DEVICE_UNREACHABLE', async () => {
    sim.setFaults([{ kind: 'timeout', onRequests: [1] }]);
    await expect(client.findPage(query(10), now)).rejects.toMatchObject({
      code: 'COLLECT.DEVICE_UNREACHABLE',
      details: { timedOut: true },
    });
    expect((await client.findPage(query(10), now)).status).toBe(200);
  });

  it('reports a 5xx as COLLECT.DEVICE_ERROR with the status', async () => {
    sim.setFaults([{ kind: 'server-error', onRequests: [1] }]);
    await expect(client.findPage(query(10), now)).rejects.toMatchObject({
      code: 'COLLECT.DEVICE_ERROR',
      details: { status: 503 },
    });
  });

  it('re-handshakes once on a stale nonce, then succeeds; twice, or a wrong password, is COLLECT.AUTH_REJECTED', async () => {
    sim.setFaults([{ kind: 'stale-nonce', onRequests: [1] }]);
    expect((await client.findPage(query(10), now)).status).toBe(200);
    expect(sim.requests.filter((r) => r.authorized)).toHaveLength(2);
    sim.setFaults([{ kind: 'stale-nonce', onRequests: [3, 4] }]);
    await expect(client.findPage(query(10), now)).rejects.toMatchObject({ code: 'COLLECT.AUTH_REJECTED' });
    const wrong = new DahuaClient(sim.url, 'admin', new DeviceSecret('not-it'), 300);
    await expect(wrong.findPage(query(10), now)).rejects.toMatchObject({ code: 'COLLECT.AUTH_REJECTED' });
  });

  it('returns a truncated body as received, which does not read as a page', async () => {
    sim.setFaults([{ kind: 'truncated', onRequests: [1] }]);
    const read = readDahuaRecordPage((await client.findPage(query(10), now)).body);
    expect(read.ok).toBe(false);
  });

  it('never requests snapshot URLs and never leaks the password', async () => {
    const read = readDahuaRecordPage((await client.findPage(query(25), now)).body);
    const face = read.ok ? read.page.records.find((r) => r.fields.Method === '15') : undefined;
    expect(face?.fields.URL).toMatch(/^\/SnapShotFilePath\//);
    expect(sim.requests.every((r) => r.url.startsWith('/cgi-bin/recordFinder.cgi?action=find&'))).toBe(true);
    expect(JSON.stringify(client)).not.toContain(PASSWORD);
    expect(inspect(client, { depth: 5 })).not.toContain(PASSWORD);
  });
});
