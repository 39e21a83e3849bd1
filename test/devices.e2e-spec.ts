import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TerminalSimulator } from '@app/collection';
import { createTempDir } from '@app/testing';
import { bioaudit, ROOT, TEST_KEYS } from './cli-runner';

const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const BIN = process.env.BIOAUDIT_E2E_BIN ?? path.join(ROOT, 'bin', 'bioaudit.js');
const PASSWORD = 'E2e-Terminal-Secret-8841';
const FIRM = '91330201MA2GT00012';

/** The built CLI with `input` on stdin (the runner's helper has no stdin). */
function withStdin(args: string[], env: Record<string, string>, input: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('node', [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        ...(process.env.NODE_PATH ? { NODE_PATH: process.env.NODE_PATH } : {}),
        ...TEST_KEYS,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* filesUnder(p);
    else yield p;
  }
}

/** Terminal collection through the built CLI: register, list, collect; the password shows up nowhere. */
describe('bioaudit devices (built)', () => {
  const tmp = createTempDir();
  const sim = new TerminalSimulator({
    seed: 21,
    events: 90,
    from: new Date(Date.now() - 3 * 3_600_000),
    password: PASSWORD,
  });
  const env = { BIOAUDIT_HOME: tmp.dir };
  const outputs: string[] = [];

  beforeAll(async () => {
    await sim.start();
    const ingest = await bioaudit(['ingest', FIXTURE], env);
    expect(ingest.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await sim.stop();
    tmp.remove();
  });

  it('refuses bad input with one line naming the field', async () => {
    const noStdin = await bioaudit(
      [
        'devices',
        'add',
        '--firm',
        FIRM,
        '--device',
        'T-1',
        '--vendor',
        'hikvision-isapi',
        '--url',
        sim.url,
        '--username',
        'admin',
      ],
      env,
    );
    expect(noStdin.code).toBe(64);
    expect(noStdin.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/COLLECT.BAD_INPUT: --password-stdin/),
    ]);
    const site = await withStdin(
      [
        'devices',
        'add',
        '--firm',
        FIRM,
        '--device',
        'T-1',
        '--vendor',
        'hikvision-isapi',
        '--url',
        sim.url,
        '--username',
        'admin',
        '--password-stdin',
      ],
      env,
      `${PASSWORD}\n`,
    );
    expect(site.code).toBe(64);
    expect(site.stderr).toMatch(/COLLECT.SITE_REQUIRED: --site/);
    outputs.push(noStdin.stdout, noStdin.stderr, site.stdout, site.stderr);
  }, 60_000);

  it('registers a terminal, collects exactly its face events, and never prints the password', async () => {
    const add = await withStdin(
      [
        'devices',
        'add',
        '--firm',
        FIRM,
        '--device',
        'T-1',
        '--site',
        'S1',
        '--vendor',
        'hikvision-isapi',
        '--url',
        sim.url,
        '--username',
        'admin',
        '--password-stdin',
        '--json',
      ],
      env,
      `${PASSWORD}\n`,
    );
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ device: 'T-1', url: sim.url, username: 'admin' });
    const list = await bioaudit(['devices', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const collect = await bioaudit(['devices', 'collect', '--json'], env);
    expect(collect.code).toBe(0);
    const [result] = JSON.parse(collect.stdout) as { ok: boolean; stored: number }[];
    expect(result).toMatchObject({ ok: true, stored: sim.faceEvents().length });
    const again = await bioaudit(['devices', 'collect', '--firm', FIRM, '--device', 'T-1'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/stored 0 new/);
    outputs.push(
      add.stdout,
      add.stderr,
      list.stdout,
      list.stderr,
      collect.stdout,
      collect.stderr,
      again.stdout,
      again.stderr,
    );
    for (const text of outputs) expect(text).not.toContain(PASSWORD);
    // Nor in any file of the deployment: database, evidence, logs.
    for (const f of filesUnder(tmp.dir)) expect(readFileSync(f).includes(PASSWORD)).toBe(false);
  }, 120_000);
});
