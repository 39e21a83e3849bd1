import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createTempDir } from '@app/testing';
import {
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
  FIXTURE_FIRM,
} from './portal-harness';

jest.setTimeout(120_000);

interface Report {
  totals: {
    openCases: number;
    findings: number;
    captures: number;
    finesDecided: number;
    decidedAmount: string;
  };
  fines: { caseNumber: string; proposed: string | null; decided: string | null }[];
}

/**
 * The dashboard and My work in a real browser, on a case taken through the procedure to its decision: the head
 * sees the seeded figures, exports a chart as PNG and as CSV (UTF-8 with a BOM), and finds the case's next time
 * limit with its working-day countdown; an administrator is not offered the dashboard.
 */
describe('the dashboard and My work', () => {
  let server: PortalServer;
  let browser: Browser;
  let tmp: { dir: string; remove: () => void };
  let caseId: string;
  let report: Report;

  beforeAll(async () => {
    tmp = createTempDir();
    server = await startPortalServer('embedded', {
      inspector: {
        username: 'li',
        displayName: '李明',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '33020002',
      },
      inspector2: {
        username: 'sun',
        displayName: '孙丽',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '33020003',
      },
      head: { username: 'chen', displayName: '陈局长', roles: ['head'], regionCode: '3302' },
      reviewer: { username: 'zhao', displayName: '赵法制', roles: ['legal_reviewer'], regionCode: '3302' },
      admin: { username: 'root', displayName: 'Admin', roles: ['admin'] },
      firm: { username: 'firm', displayName: '某置业公司', roles: ['firm'], firmCreditCode: FIXTURE_FIRM },
    });
    browser = await launchBrowser();
    await server.uploadInspection('inspector', recentInspectionFolder(tmp.dir));
    const list = (await server.call('head', 'GET', '/api/cases?state=clue')).json as {
      items: { id: string }[];
    };
    caseId = list.items[0].id;
    const ok = async (who: string, action: string, body: Record<string, unknown> = {}) => {
      const r = await server.call(who, 'POST', `/api/cases/${caseId}/actions/${action}`, body);
      if (r.status !== 200) throw new Error(`${who} ${action}: ${r.status} ${JSON.stringify(r.json)}`);
    };
    await ok('head', 'file');
    server.clock.setBeijingDay('2026-01-06');
    await ok('head', 'assign', { handlers: [server.userId.inspector, server.userId.inspector2] });
    server.clock.setBeijingDay('2026-01-07');
    await ok('inspector', 'propose', { amount: '50000.00', reason: '首次违法，依法从轻处罚。' });
    server.clock.setBeijingDay('2026-01-08');
    await ok('reviewer', 'review', { outcome: 'approved' });
    server.clock.setBeijingDay('2026-01-09');
    await ok('head', 'notify');
    // The party states its defence inside its window (12–16 Jan); the head decides the next day. (Deciding
    // after the window lapsed without a statement answers 500 CASE_FILE.INVALID_INPUT today: rights.statementDue.)
    server.clock.setBeijingDay('2026-01-12');
    await ok('firm', 'defend', { statement: '我司已整改完毕，请求从轻处罚。' });
    server.clock.setBeijingDay('2026-01-13');
    await ok('head', 'decide', {
      amount: '40000.00',
      reason: '当事人积极整改，依法从轻处罚。',
      partyAddress: '浙江省宁波市海曙区某某路8号',
    });
    // The decision is to be served within seven working days (by 22 Jan): two left on the 20th.
    server.clock.setBeijingDay('2026-01-20');
    report = (await server.call('head', 'GET', '/api/statistics')).json as Report;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it('reports the seeded case, its findings, captures and fine through the API', () => {
    expect(report.totals).toMatchObject({ openCases: 1, finesDecided: 1, decidedAmount: '40000.00' });
    expect(report.totals.findings).toBeGreaterThan(0);
    expect(report.totals.captures).toBeGreaterThan(0);
    expect(report.fines).toEqual([expect.objectContaining({ proposed: '50000.00', decided: '40000.00' })]);
  });

  const kpi = (page: Page, id: string) =>
    page.locator(`[data-kpi=${id}] .ant-statistic-content`).textContent();

  it.each([
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
    ['zh-CN', 'desktop'],
    ['en', 'laptop'],
  ] as [Lang, SizeName][])('shows the dashboard with its charts (%s, %s)', async (lang, size) => {
    const context = await newSession(browser, size, lang);
    const page = await signIn(context, server.url, 'chen', '/dashboard');
    await page
      .getByRole('heading', { level: 1, name: lang === 'zh-CN' ? '统计看板' : 'Dashboard' })
      .waitFor();
    await page.locator('[data-chart=chart-findings] canvas').first().waitFor();
    await expect(kpi(page, 'openCases')).resolves.toBe('1');
    await expect(kpi(page, 'findings')).resolves.toBe(report.totals.findings.toLocaleString(lang));
    await expect(kpi(page, 'finesDecided')).resolves.toBe(lang === 'zh-CN' ? '4万元' : 'CN¥40K');
    for (const chart of ['chart-open-cases', 'chart-findings', 'chart-fines']) {
      // Each chart is an image named by its card's title, its numbers in a table beside it.
      await page.locator(`[data-chart=${chart}] [role=img][aria-labelledby=${chart}-title]`).waitFor();
      await expect(page.locator(`#${chart}-table tbody tr`).count()).resolves.toBeGreaterThan(0);
    }
    await expect(page.locator('[data-chart=regions] tbody').textContent()).resolves.toContain('330201');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);
    await screenshot(page, 'dashboard', lang, size);

    if (lang === 'zh-CN' && size === 'laptop') {
      const card = page.locator('[data-chart=chart-findings]');
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('button', { name: /PNG/ }).click(),
      ]);
      expect(png.suggestedFilename()).toMatch(/^findings_\d{4}-\d{2}_\d{4}-\d{2}\.png$/);
      expect(
        readFileSync(await png.path())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('button', { name: /CSV/ }).click(),
      ]);
      const text = readFileSync(await csv.path(), 'utf8');
      expect(text.startsWith('\uFEFF月份,')).toBe(true);
      expect(text).toContain('2025-12,');
      expect(text).toContain('未取得同意');
      const [fines] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-chart=chart-fines]').getByRole('button', { name: /CSV/ }).click(),
      ]);
      const finesCsv = readFileSync(await fines.path(), 'utf8');
      expect(finesCsv).toContain('拟处罚金额,');
      expect(finesCsv).toMatch(/决定罚款金额,[^,]+,2026-01-13,40000\.00/);
    }
    await context.close();
  });

  it.each([
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
    ['zh-CN', 'desktop'],
    ['en', 'laptop'],
  ] as [Lang, SizeName][])(
    'lists the head’s time limits with countdowns in My work (%s, %s)',
    async (lang, size) => {
      const context = await newSession(browser, size, lang);
      const page = await signIn(context, server.url, 'chen', '/work');
      await page
        .getByRole('heading', { level: 1, name: lang === 'zh-CN' ? '我的待办' : 'My work' })
        .waitFor();
      const service = page.locator('[data-countdown=service]');
      await service.waitFor();
      await expect(service.textContent()).resolves.toBe(
        lang === 'zh-CN' ? '剩余 2 个工作日' : '2 working days left',
      );
      const row = page.locator('tr', { has: service });
      await expect(row.getByRole('link').getAttribute('href')).resolves.toBe(`/cases/${caseId}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'my-work', lang, size);
      await context.close();
    },
  );

  it('does not offer the dashboard to an administrator, and the API refuses it', async () => {
    const context = await newSession(browser, 'laptop', 'en');
    const page = await signIn(context, server.url, 'root');
    await page.getByRole('navigation').getByRole('link').first().waitFor();
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.not.toContain(
      'Dashboard',
    );
    expect((await server.call('admin', 'GET', '/api/statistics')).status).toBe(403);
    await context.close();
  });
});
