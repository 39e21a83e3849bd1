import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DATABASE, ScheduleRunRepository, type Database } from '@app/persistence';
import { InProcessScheduler } from '@app/schedules';
import { createTempDir } from '@app/testing';
import {
  FIXTURE_FIRM,
  choose,
  launchBrowser,
  newSession,
  overflowingElements,
  recentInspectionFolder,
  screenshot,
  seriousViolations,
  signIn,
  startPortalServer,
  type Lang,
  type PortalServer,
  type SizeName,
} from './portal-harness';

/**
 * The job history in a real browser: a real fire of the integrity sweep (over an upload with one raw file edited
 * on disk, so it raises an alert), and a completed and a failed re-audit of the firm seeded through the run
 * repository. A regional inspector sees the schedules, the failed run with its error and alert, and filters by
 * state in the URL; a bureau-wide observer also sees the sweep and its alert; a firm's account is offered no such
 * page and the API refuses it.
 */
jest.setTimeout(120_000);

const COMBOS: [Lang, SizeName][] = [
  ['zh-CN', 'laptop'],
  ['en', 'desktop'],
  ['zh-CN', 'desktop'],
  ['en', 'laptop'],
];
const WORDS = {
  'zh-CN': {
    title: '任务记录',
    reaudit: '复查审计',
    daily: '每天 02:00',
    failed: '失败',
    completed: '已完成',
    state: '状态',
    filters: '筛选运行记录',
    webhookFailed: '推送失败：webhook answered 500',
  },
  en: {
    title: 'Job history',
    reaudit: 'Re-audit',
    daily: 'Daily at 02:00',
    failed: 'Failed',
    completed: 'Completed',
    state: 'State',
    filters: 'Filter the runs',
    webhookFailed: 'Webhook failed: webhook answered 500',
  },
} as const;
const FAILED_ERROR = 'AUDIT.NO_EVIDENCE: the firm has no captures in the period';

describe('the job history in the portal', () => {
  let server: PortalServer;
  let browser: Browser;
  let cleanup: () => void;

  beforeAll(async () => {
    const tmp = createTempDir();
    cleanup = tmp.remove;
    server = await startPortalServer(
      'embedded',
      {
        inspector: {
          username: 'wang',
          displayName: '王检查员',
          roles: ['inspector'],
          regionCode: '3302',
          certificateNumber: '33020019001',
        },
        observer: { username: 'zhou', displayName: '周观察员', roles: ['observer'] },
        firm: { username: 'acme', displayName: '某置业公司', roles: ['firm'], firmCreditCode: FIXTURE_FIRM },
      },
      '2026-01-12',
    );
    await server.uploadInspection('inspector', recentInspectionFolder(tmp.dir));

    // A real sweep over a raw file edited on disk: a completed run with an evidence alert.
    const db = server.app.get<Database>(DATABASE);
    const [batch] = await db.dataSource.query<{ storage_path: string }[]>(
      `SELECT storage_path FROM ingest_batch WHERE kind = 'captures' ORDER BY id LIMIT 1`,
    );
    const original = readFileSync(batch.storage_path);
    chmodSync(batch.storage_path, 0o644);
    appendFileSync(batch.storage_path, Buffer.from('\n'));
    const scheduler = server.app.get(InProcessScheduler);
    try {
      const sweep = await scheduler.fire('integrity-sweep', new Date('2026-01-11T19:00:00Z'));
      expect(sweep.targets).toHaveLength(1);
    } finally {
      writeFileSync(batch.storage_path, original);
    }

    // Two nights of the firm's re-audit: one completed, then one that failed with its alert not delivered.
    const runs = server.app.get(ScheduleRunRepository);
    const earlier = new Date('2026-01-09T18:00:00Z');
    const done = await runs.claim(
      { schedule: 'reaudit', targetKey: FIXTURE_FIRM, period: earlier },
      { now: earlier, staleBefore: new Date(0), maxAttempts: 3 },
    );
    await runs.finish(
      done.run.id,
      1,
      { state: 'completed', result: { firm: FIXTURE_FIRM, findings: 7, clue: { opened: false } } },
      new Date(earlier.getTime() + 3_725_000),
    );
    const period = new Date('2026-01-10T18:00:00Z');
    const claim = await runs.claim(
      { schedule: 'reaudit', targetKey: FIXTURE_FIRM, period },
      { now: period, staleBefore: new Date(0), maxAttempts: 3 },
    );
    await runs.finish(
      claim.run.id,
      1,
      { state: 'failed', error: FAILED_ERROR },
      new Date(period.getTime() + 65_000),
    );
    await runs.addAlerts(claim.run.id, [
      {
        code: 'SCHEDULE.TARGET_FAILED',
        object: `firm:${FIXTURE_FIRM}`,
        message: `reaudit of ${FIXTURE_FIRM} failed after its last attempt`,
        raisedAt: new Date(period.getTime() + 65_000).toISOString(),
        delivery: 'failed: webhook answered 500',
      },
    ]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanup?.();
  });

  async function expectSound(page: Page) {
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);
  }

  it.each(COMBOS)(
    'lists the schedules and the runs, a failed run with its error and alert (%s, %s)',
    async (lang, size) => {
      const w = WORDS[lang];
      const context = await newSession(browser, size, lang);
      const page = await signIn(context, server.url, 'wang', '/schedules');
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: w.title }).waitFor();

      const schedules = page.getByTestId('schedules-table');
      await schedules.locator('tr', { hasText: 'consent-watch' }).waitFor();
      for (const name of ['reaudit', 'integrity-sweep', 'deadline-watch', 'consent-watch'])
        await expect(schedules.locator('tr', { hasText: name }).count()).resolves.toBe(1);
      const reaudit = schedules.locator('tr', { hasText: 'reaudit' });
      expect(await reaudit.textContent()).toContain(w.reaudit);
      expect(await reaudit.textContent()).toContain(w.daily);
      expect(await reaudit.textContent()).toContain('Asia/Shanghai');
      expect(await page.getByTestId('last-run-integrity-sweep').textContent()).toContain(
        lang === 'zh-CN' ? '完成 1' : '1 completed',
      );

      const runs = page.getByTestId('runs-table');
      await runs.getByTestId('run-error').first().waitFor();
      expect(await runs.getByTestId('run-error').allTextContents()).toEqual([FAILED_ERROR]);
      // The failed run's alert; the bureau-wide sweep is not a regional inspector's to see.
      const alerts = await runs.getByTestId('run-alerts').allTextContents();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toContain('SCHEDULE.TARGET_FAILED');
      expect(alerts[0]).toContain(FIXTURE_FIRM);
      expect(alerts[0]).toContain(w.webhookFailed);
      expect(await runs.locator('tbody tr[data-row-key]').count()).toBe(2);
      expect(await runs.textContent()).toContain(lang === 'zh-CN' ? '1 小时 2 分' : '1 h 2 min');
      await expect(runs.getByRole('link', { name: FIXTURE_FIRM }).first().getAttribute('href')).resolves.toBe(
        `/firms/${FIXTURE_FIRM}`,
      );

      await expectSound(page);
      await screenshot(page, 'schedules', lang, size);
      await context.close();
    },
  );

  it.each([
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
  ] as const)('filters the runs by state, in the URL (%s, %s)', async (lang, size) => {
    const w = WORDS[lang];
    const context = await newSession(browser, size, lang);
    const page = await signIn(context, server.url, 'wang', '/schedules');
    const runs = page.getByTestId('runs-table');
    await runs.getByTestId('run-error').first().waitFor();

    await choose(page, page.getByLabel(w.state, { exact: true }), w.failed);
    await page.waitForURL(/[?&]state=failed/);
    await runs.locator('tbody tr[data-row-key]', { hasText: w.completed }).waitFor({ state: 'detached' });
    await runs.locator('tbody tr[data-row-key]').first().waitFor();
    const states = await runs.locator('tbody tr[data-row-key] .ant-tag').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set([w.failed]));
    await page.locator('#state_list').waitFor({ state: 'hidden' });
    await expectSound(page);
    await screenshot(page, 'schedules-failed', lang, size);

    // The filter is the URL's: opened as a link, the completed runs only, and the select says so.
    await page.goto(`${server.url}/schedules?state=completed&schedule=reaudit`);
    await runs.locator('tbody tr[data-row-key]').first().waitFor();
    const rows = runs.locator('tbody tr[data-row-key]');
    await expect(rows.count()).resolves.toBe(1);
    expect(await rows.first().textContent()).toContain(w.completed);
    expect(await rows.first().textContent()).toContain('findings: 7');
    expect(await page.getByRole('form', { name: w.filters }).textContent()).toContain(w.completed);
    await context.close();
  });

  it.each([
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
  ] as const)("shows a bureau-wide observer the sweep's alert too (%s, %s)", async (lang, size) => {
    const context = await newSession(browser, size, lang);
    const page = await signIn(context, server.url, 'zhou', '/schedules');
    const runs = page.getByTestId('runs-table');
    await runs.getByTestId('run-alerts').nth(1).waitFor();
    const alerts = await runs.getByTestId('run-alerts').allTextContents();
    expect(alerts.find((a) => a.includes('SUPERVISION.EVIDENCE_ALTERED'))).toContain('captures.jsonl');
    const sweep = runs.locator('tbody tr[data-row-key]', { hasText: 'integrity-sweep' });
    expect(await sweep.textContent()).toContain(lang === 'zh-CN' ? '全局' : 'Whole bureau');
    expect(await sweep.textContent()).toContain('altered: 1');
    await expectSound(page);
    await screenshot(page, 'schedules-bureau', lang, size);
    await context.close();
  });

  it("offers a firm's account no job history, and the API refuses it", async () => {
    const context = await newSession(browser, 'laptop', 'zh-CN');
    const page = await signIn(context, server.url, 'acme', '/');
    await page.getByRole('navigation').getByRole('link').first().waitFor();
    await expect(page.getByRole('navigation').getByRole('link', { name: '任务记录' }).count()).resolves.toBe(
      0,
    );
    expect((await server.call('firm', 'GET', '/api/schedules')).status).toBe(403);
    expect((await server.call('firm', 'GET', '/api/schedules/runs')).status).toBe(403);
    await context.close();
  });
});
