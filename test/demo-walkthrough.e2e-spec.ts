import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createTempDir } from '@app/testing';
import { bioaudit, bioauditInBackground } from './cli-runner';

/**
 * The README's first command leaves something to walk through: the demo's case is a clue of the demo bureau,
 * whose accounts (every role of the procedure) `bioaudit serve` prints, and the head can file it.
 */
describe('demo → serve: the example case ready to walk through', () => {
  const home = createTempDir();
  afterAll(() => home.remove());

  it('creates the demo bureau once, prints how to sign in, and the head sees the clue with "file" among his actions', async () => {
    const env = { BIOAUDIT_HOME: home.dir };
    const demo = await bioaudit(
      ['demo', '--captures', '4000', '--seed', '7', '--out', path.join(home.dir, 'out')],
      env,
    );
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('npx bioaudit serve');
    const file = path.join(home.dir, 'demo', 'accounts.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const accounts = JSON.parse(readFileSync(file, 'utf8')) as { username: string; password: string }[];
    expect(accounts.map((a) => a.username)).toEqual([
      'demo-li',
      'demo-wang',
      'demo-zhao',
      'demo-chen',
      'demo-admin',
      'demo-observer',
      'demo-firm',
    ]);
    // A second demo run keeps the same accounts and passwords (nothing created twice).
    expect(
      (
        await bioaudit(
          ['demo', '--captures', '4000', '--seed', '7', '--out', path.join(home.dir, 'out')],
          env,
        )
      ).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(accounts);

    // Two simulated terminals of the firm, registered once, their password sealed and never shown.
    const terminals = JSON.parse(readFileSync(path.join(home.dir, 'demo', 'terminals.json'), 'utf8')) as {
      device: string;
      password: string;
    }[];
    expect(terminals.map((t) => t.device)).toEqual(['DEMO-ISAPI-01', 'DEMO-ISAPI-02']);
    const listed = await bioaudit(['devices', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { device: string }[]).map((d) => d.device)).toEqual([
      'DEMO-ISAPI-01',
      'DEMO-ISAPI-02',
    ]);
    expect(listed.stdout).not.toContain(terminals[0].password);
    // Collected now by hand (the terminals hold a day of events): both complete; again, nothing new is stored.
    const collect = async () => {
      const r = await bioaudit(['schedules', 'run', 'collect', '--json'], env);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { targets: { outcome: string; summary: { stored: number } }[] })
        .targets;
    };
    const first = await collect();
    expect(first.map((t) => t.outcome)).toEqual(['completed', 'completed']);
    for (const t of first) expect(t.summary.stored).toBeGreaterThan(100);
    expect((await collect()).map((t) => [t.outcome, t.summary.stored])).toEqual([
      ['completed', 0],
      ['completed', 0],
    ]);

    const port = String(34000 + Math.floor(Math.random() * 2000));
    const { child, done } = bioauditInBackground(['serve'], { ...env, PORT: port });
    const url = `http://127.0.0.1:${port}`;
    try {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      for (let i = 0; i < 300 && !out.includes('demo-firm'); i++)
        await new Promise((r) => setTimeout(r, 100));
      const password = (u: string) => accounts.find((a) => a.username === u)!.password;
      expect(out).toMatch(new RegExp(`demo-chen +${password('demo-chen')}`));
      for (let i = 0; i < 100 && !out.includes('collect next at'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(
        /^bioaudit: demo terminals simulated: DEMO-ISAPI-01 at http:\/\/127\.0\.0\.1:\d+, DEMO-ISAPI-02 at /m,
      );
      expect(out).toMatch(/schedules run in-process \(Asia\/Shanghai\): collect next at /);

      const signIn = async (username: string) => {
        const r = await fetch(`${url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: password(username) }),
        });
        expect(r.status).toBeLessThan(300);
        return (r.headers.get('set-cookie') ?? '').split(';')[0];
      };
      const head = await signIn('demo-chen');
      const cases = (await (await fetch(`${url}/api/cases`, { headers: { cookie: head } })).json()) as {
        items: { id: string; state: string }[];
      };
      expect(cases.items).toHaveLength(1);
      expect(cases.items[0].state).toBe('clue');
      const detail = (await (
        await fetch(`${url}/api/cases/${cases.items[0].id}`, { headers: { cookie: head } })
      ).json()) as { actions: string[] };
      expect(detail.actions).toContain('file');
      // The firm sees its own case, and may not file it.
      const firm = await signIn('demo-firm');
      const own = (await (
        await fetch(`${url}/api/cases/${cases.items[0].id}`, { headers: { cookie: firm } })
      ).json()) as { actions: string[] };
      expect(own.actions).not.toContain('file');
    } finally {
      child.kill('SIGTERM');
    }
    expect((await done).code).toBe(0);
  }, 300_000);
});
