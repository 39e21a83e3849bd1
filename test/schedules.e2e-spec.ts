import * as path from 'node:path';
import { createTempDir } from '@app/testing';
import { bioaudit, bioauditInBackground, oneLineFailure } from './cli-runner';

const FIXTURE = path.join(__dirname, '..', 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const FIRM = '91330201MA2GT00012';

/** `bioaudit schedules list | run | history` and `serve` running them in-process, on the embedded default. */
describe('bioaudit schedules (embedded)', () => {
  const home = createTempDir();
  const env = { BIOAUDIT_HOME: home.dir, BIOAUDIT_OPERATOR: 'officer-e2e' };
  afterAll(() => home.remove());

  it('lists, runs a schedule for one firm now and shows its history; refuses unknown names and firms', async () => {
    const inspected = await bioaudit(
      ['inspect', FIXTURE, '--date', '2021-04-21', '--out', path.join(home.dir, 'out')],
      env,
    );
    expect(inspected.code).toBe(0);

    const listed = await bioaudit(['schedules', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    const names = (JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name);
    expect(names).toEqual([
      'collect',
      'reaudit',
      'integrity-sweep',
      'deadline-watch',
      'consent-watch',
      'retention',
    ]);
    expect(JSON.parse(listed.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'reaudit',
          cron: '0 2 * * *',
          timeZone: 'Asia/Shanghai',
          lastRun: null,
        }),
      ]),
    );

    // The sweep, run now by hand: every stored file intact, one completed run.
    const ran = await bioaudit(['schedules', 'run', 'integrity-sweep', '--json'], env);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as {
      targets: {
        key: string;
        outcome: string;
        summary: { altered: number; missing: number; intact: number };
      }[];
    };
    expect(report.targets).toEqual([
      expect.objectContaining({
        key: 'once',
        outcome: 'completed',
        summary: expect.objectContaining({ altered: 0, missing: 0 }) as unknown,
      }),
    ]);
    expect(report.targets[0].summary.intact).toBeGreaterThan(0);

    const text = await bioaudit(['schedules', 'history', 'integrity-sweep'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('integrity-sweep  once');
    expect(text.stdout).toContain('completed (attempt 1)');
    const history = await bioaudit(['schedules', 'history', '--json'], env);
    expect(JSON.parse(history.stdout)).toEqual([
      expect.objectContaining({
        schedule: 'integrity-sweep',
        targetKey: 'once',
        state: 'completed',
        attempts: 1,
      }),
    ]);
    const plain = await bioaudit(['schedules', 'list'], env);
    expect(plain.stdout).toMatch(
      /^integrity-sweep {2}0 3 \* \* \* Asia\/Shanghai {2}once {2}next \S+T19:00:00\.000Z {2}last \S+: 1 completed$/m,
    );
    expect(plain.stdout).toMatch(
      /^reaudit {2}0 2 \* \* \* Asia\/Shanghai {2}per firm {2}next \S+T18:00:00\.000Z/m,
    );

    const unknown = await bioaudit(['schedules', 'run', 'nightly'], env);
    expect(unknown.code).toBe(64);
    expect(oneLineFailure(unknown)).toMatch(/^bioaudit: SCHEDULE\.UNKNOWN: /);
    // The firm's evidence was all audited by the inspection: the re-audit has nothing of it to do.
    const noFirm = await bioaudit(['schedules', 'run', 'reaudit', '--firm', FIRM], env);
    expect(noFirm.code).toBe(66);
    expect(oneLineFailure(noFirm)).toMatch(/^bioaudit: SCHEDULE\.NO_SUCH_TARGET: /);
    const bare = await bioaudit(['schedules'], env);
    expect(bare.code).toBe(64);
  }, 300_000);

  it('serve says schedules run in-process, and not with BIOAUDIT_SCHEDULES=off', async () => {
    for (const schedules of ['on', 'off']) {
      const port = String(34000 + Math.floor(Math.random() * 2000));
      const { child, done } = bioauditInBackground(['serve'], {
        ...env,
        PORT: port,
        BIOAUDIT_SCHEDULES: schedules,
      });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      try {
        // Up to two minutes to start: a CI run under load stopped it at the old 30 s, still starting (exit 70).
        for (let i = 0; i < 1200 && !out.includes('/api'); i++) await new Promise((r) => setTimeout(r, 100));
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        child.kill('SIGTERM');
      }
      const result = await done;
      expect(result.code).toBe(0);
      if (schedules === 'on') {
        expect(out).toMatch(
          /^bioaudit: schedules run in-process \(Asia\/Shanghai\): collect next at \S+:(00|15|30|45):00\.000Z, reaudit next at \S+T18:00:00\.000Z, integrity-sweep next at \S+T19:00:00\.000Z, /m,
        );
      } else {
        expect(out).not.toContain('schedules run in-process');
      }
    }
  }, 120_000);
});
