import { inspect } from 'node:util';
import { readAcsEventPage } from '../core/acs-event-page';
import { DeviceSecret } from '../credential-seal';
import { TerminalSimulator } from '../simulator/terminal-simulator';
import { IsapiClient, terminalBaseUrl, type AcsEventCond } from './isapi-client';

const PASSWORD = 'sim-pass-1';
const cond = (position: number): AcsEventCond => ({
  searchID: 'a7f3c1d2-0000-4000-8000-000000000001',
  searchResultPosition: position,
  maxResults: 50,
  major: 5,
  minor: 0,
  startTime: '2025-03-01T00:00:00+08:00',
  endTime: '2025-03-02T00:00:00+08:00',
});
const now = () => new Date('2025-03-05T00:00:00Z');

describe('IsapiClient against the terminal simulator', () => {
  let sim: TerminalSimulator;
  let client: IsapiClient;

  beforeEach(async () => {
    sim = new TerminalSimulator({
      seed: 3,
      events: 40,
      from: new Date('2025-02-28T17:00:00Z'),
      now,
      holdMs: 2_000,
    });
    const { url } = await sim.start();
    client = new IsapiClient(url, 'admin', new DeviceSecret(PASSWORD), 300);
  });
  afterEach(() => sim.stop());

  it('authenticates by digest and pages at the 30-item cap', async () => {
    const first = readAcsEventPage((await client.searchPage(cond(0), now)).body);
    expect(first.ok && first.page).toMatchObject({ status: 'MORE', numOfMatches: 30, totalMatches: 40 });
    const second = readAcsEventPage((await client.searchPage(cond(30), now)).body);
    expect(second.ok && second.page).toMatchObject({ status: 'OK', numOfMatches: 10, totalMatches: 40 });
    // Each page: one unauthenticated request answered with a challenge, then the digest answer.
    expect(sim.requests.map((r) => r.authorized)).toEqual([false, true, false, true]);
  });

  it('times out on a terminal that does not answer: COLLECT.DEVICE_UNREACHABLE', async () => {
    sim.setFaults([{ kind: 'timeout', onRequests: [1] }]);
    await expect(client.searchPage(cond(0), now)).rejects.toMatchObject({
      code: 'COLLECT.DEVICE_UNREACHABLE',
      details: { timedOut: true },
    });
    // The next request is answered.
    expect((await client.searchPage(cond(0), now)).status).toBe(200);
  });

  it('reports a 5xx as COLLECT.DEVICE_ERROR with the status', async () => {
    sim.setFaults([{ kind: 'server-error', onRequests: [1] }]);
    await expect(client.searchPage(cond(0), now)).rejects.toMatchObject({
      code: 'COLLECT.DEVICE_ERROR',
      details: { status: 503 },
    });
  });

  it('re-handshakes once on a stale nonce, then succeeds', async () => {
    sim.setFaults([{ kind: 'stale-nonce', onRequests: [1] }]);
    const page = await client.searchPage(cond(0), now);
    expect(page.status).toBe(200);
    expect(sim.requests.filter((r) => r.authorized)).toHaveLength(2);
  });

  it('fails with COLLECT.AUTH_REJECTED when the nonce is stale twice, or the password is wrong', async () => {
    sim.setFaults([{ kind: 'stale-nonce', onRequests: [1, 2] }]);
    await expect(client.searchPage(cond(0), now)).rejects.toMatchObject({ code: 'COLLECT.AUTH_REJECTED' });
    const wrong = new IsapiClient(sim.url, 'admin', new DeviceSecret('not-it'), 300);
    await expect(wrong.searchPage(cond(0), now)).rejects.toMatchObject({ code: 'COLLECT.AUTH_REJECTED' });
  });

  it('returns a truncated body as received, which does not read as a page', async () => {
    sim.setFaults([{ kind: 'truncated', onRequests: [1] }]);
    const page = await client.searchPage(cond(0), now);
    const read = readAcsEventPage(page.body);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/not JSON/);
  });

  it('returns a repeated page byte for byte (the collector tells it apart)', async () => {
    sim.setFaults([{ kind: 'repeat-page', onRequests: [2] }]);
    const a = await client.searchPage(cond(0), now);
    const b = await client.searchPage(cond(30), now);
    expect(b.body.equals(a.body)).toBe(true);
  });

  it('sees totalMatches change when events are written into the window while paging', async () => {
    sim.setFaults([{ kind: 'grow', onRequests: [2], growBy: 4 }]);
    const a = readAcsEventPage((await client.searchPage(cond(0), now)).body);
    const b = readAcsEventPage((await client.searchPage(cond(30), now)).body);
    expect(a.ok && a.page.totalMatches).toBe(40);
    expect(b.ok && b.page.totalMatches).toBe(44);
  });

  it('never requests picture URLs and never leaks the password', async () => {
    const page = await client.searchPage(cond(0), now);
    const read = readAcsEventPage(page.body);
    expect(read.ok && String(read.page.items[0].pictureURL)).toMatch(/\/LOCALS\/pic\//);
    expect(sim.requests.every((r) => r.url === '/ISAPI/AccessControl/AcsEvent?format=json')).toBe(true);
    expect(JSON.stringify(client)).not.toContain(PASSWORD);
    expect(inspect(client, { depth: 5 })).not.toContain(PASSWORD);
  });

  it('accepts only an origin as the base URL', () => {
    expect(terminalBaseUrl('http://10.0.0.5:8080/')).toBe('http://10.0.0.5:8080');
    for (const bad of ['ftp://x', 'http://u:p@h', 'http://h/path', 'http://h/?q=1', 'nonsense']) {
      let code: string | null = null;
      try {
        terminalBaseUrl(bad);
      } catch (e) {
        code = (e as { code?: string }).code ?? null;
      }
      expect(code).toBe('COLLECT.BAD_INPUT');
    }
  });
});
