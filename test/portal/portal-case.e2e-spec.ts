import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  FIXTURE_FIRM,
  launchBrowser,
  newSession,
  PASSWORD,
  recentInspectionFolder,
  screenshot,
  seriousViolations,
  settled,
  choose,
  signIn,
  startPortalServer,
  type Lang,
  type PortalServer,
  type SizeName,
} from './portal-harness';

/**
 * The whole case of test/case-life.e2e-spec.ts walked through the portal by the people who take its steps, each in
 * their own browser session: an inspector uploads, the head files and assigns two certified inspectors, one of them
 * (a head too) proposes, the legal reviewer reviews, the head notifies, the firm reads the notice, defends and asks
 * for a hearing, is refused once its window has closed (the server's last day shown), the hearing is held, the
 * proposer finds no decide button, the head decides, then service, publication, payment and closing. The server's
 * clock moves from step to step; the buttons are exactly the server's `actions`.
 */
jest.setTimeout(120_000);

describe('a case through the portal', () => {
  let server: PortalServer;
  let browser: Browser;
  let dir: string;
  const contexts: Record<string, BrowserContext> = {};
  const usernames = new Map<Page, string>();
  const pages: Record<string, Page> = {};
  let caseId = '';

  const on = (day: string) => server.clock.setBeijingDay(day);
  /** The person's own signed-in page (one session each, kept for the walk). */
  const as = async (who: string, username: string): Promise<Page> => {
    if (!pages[who]) {
      contexts[who] = await newSession(browser, 'laptop', 'zh-CN');
      pages[who] = await signIn(contexts[who], server.url, username, '/cases');
      usernames.set(pages[who], username);
      pages[who].on('pageerror', (e) => console.error(`${who}: ${e.message}`));
    }
    return pages[who];
  };
  const openCase = async (page: Page): Promise<void> => {
    await page.goto(`${server.url}/cases/${caseId}`);
    // Moving the server's clock by days outlives the session: the person signs in again, back to the case.
    const username = page.getByTestId('case-state').or(page.locator('#username'));
    await username.first().waitFor({ timeout: 45_000 });
    if (await page.locator('#username').isVisible()) {
      await page.locator('#username').fill(usernames.get(page) ?? '');
      await page.locator('#password').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
    }
    try {
      await page.getByTestId('case-state').waitFor({ timeout: 45_000 });
    } catch (err) {
      await page.screenshot({ path: path.join(dir, '..', `portal-case-failed-${Date.now()}.png`) });
      throw err;
    }
  };
  const stateIs = (page: Page, label: string) => seen(page.getByTestId('case-state'), label, true);
  /** Opens the action's form, lets `fill` answer it, submits, and waits for the refreshed case. */
  const act = async (page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) => {
    await page.getByTestId(`action-${action}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // A click while antd's modal is still zooming in can be lost on a loaded machine: wait until it has settled.
    await settled(page);
    if (fill) await fill(dialog);
    await page.getByTestId('action-submit').click();
    try {
      await dialog.waitFor({ state: 'detached', timeout: 45_000 });
    } catch {
      // Say why: the form's own messages (a field left empty, the server's problem) are in the dialog.
      throw new Error(`the ${action} dialog stayed open: ${(await dialog.textContent())?.slice(0, 600)}`);
    }
  };
  const detail = async () =>
    (await server.call('head', 'GET', `/api/cases/${caseId}`)).json as {
      state: string;
      actions: string[];
      assessment: {
        amount: string;
        min: string;
        max: string | null;
        steps: { description: string; zh?: { description: string } }[];
      };
      precedents: { authority: string; authorityZh?: string }[];
      timeline: { action: string }[];
    };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'portal-case-'));
    server = await startPortalServer(
      'embedded',
      {
        inspector: {
          username: 'li',
          displayName: '李检查员',
          roles: ['inspector'],
          regionCode: '3302',
          certificateNumber: '33020002',
        },
        inspectorHead: {
          username: 'wang',
          displayName: '王科长',
          roles: ['inspector', 'head'],
          regionCode: '3302',
          certificateNumber: '33020001',
        },
        head: { username: 'chen', displayName: '陈局长', roles: ['head'], regionCode: '3302' },
        reviewer: { username: 'zhao', displayName: '赵法制', roles: ['legal_reviewer'], regionCode: '3302' },
        firm: {
          username: 'firm-key',
          displayName: '某科技公司',
          roles: ['firm'],
          firmCreditCode: FIXTURE_FIRM,
        },
      },
      '2026-01-05',
      // Each move of the clock by days ends the sessions, so five people sign in again and again from one address
      // within a minute: more than the default ten sign-ins a minute the server allows an address.
      { BIOAUDIT_LOGIN_RATE_PER_MINUTE: '100' },
    );
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const c of Object.values(contexts)) await c.close();
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('opens a clue from an uploaded inspection, and the head finds it in the case list', async () => {
    on('2026-01-05');
    const folder = recentInspectionFolder(dir);
    // Through the portal's upload page, as the inspector.
    const zip = new AdmZip();
    zip.addLocalFolder(folder, 'recent-inspection');
    const zipPath = path.join(dir, 'recent-inspection.zip');
    zip.writeZip(zipPath);
    const page = await as('inspector', 'li');
    await page.goto(`${server.url}/inspections/new`);
    await page.getByTestId('inspection-zip-input').setInputFiles(zipPath);
    await page.getByTestId('inspection-start').click();
    await page.getByTestId('inspection-done').waitFor({ timeout: 90_000 });

    const head = await as('head', 'chen');
    await head.goto(`${server.url}/cases?state=clue`);
    const table = head.getByTestId('case-table');
    await table.waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    await counted(rows, 1);
    await seen(rows.first(), '线索核查');
    await seen(rows.first(), FIXTURE_FIRM);
    await seen(rows.first(), '尚未立案');
    // The head may enter a clue by hand: the button is there (create:Case).
    await head.getByRole('button', { name: '登记线索' }).waitFor();
    await rows.first().getByRole('link').click();
    await head.getByTestId('case-state').waitFor();
    caseId = new URL(head.url()).pathname.split('/').pop() ?? '';
    await stateIs(head, '线索核查');
    // 15 working days from Fri 26 Dec 2025 (the make-up working Sunday 4 Jan counts): Mon 19 Jan 2026.
    await seen(head.getByTestId('countdown-filing'), '剩余 10 个工作日', true);
    expect(await seriousViolations(head)).toEqual([]);
  }, 240_000);

  it('is filed, assigned and proposed, a reviewer never seeing propose', async () => {
    const head = await as('head', 'chen');
    await openCase(head);
    await act(head, 'file');
    await stateIs(head, '已立案');
    await head.getByText('330201立〔2026〕0001号').first().waitFor();
    await seen(head.getByTestId('case-documents'), '立案审批表');

    on('2026-01-06');
    // The assign dialog in both languages and sizes: the picker lists the region's certified inspectors only.
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      for (const size of ['laptop', 'desktop'] as SizeName[]) {
        const context = await newSession(browser, size, lang);
        const page = await signIn(context, server.url, 'chen', `/cases/${caseId}`);
        await page.getByTestId('case-state').waitFor();
        await page.getByTestId('action-assign').click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        await settled(page);
        await dialog.getByLabel(lang === 'en' ? 'Handlers' : '办案人员', { exact: true }).click();
        const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
        await options.first().waitFor();
        await settled(page);
        expect((await options.allTextContents()).sort()).toEqual(
          (lang === 'en'
            ? [
                '李检查员Certificate 33020002 · Inspector',
                '王科长Certificate 33020001 · Inspector, Head of bureau',
              ]
            : ['李检查员执法证号 33020002 · 执法人员', '王科长执法证号 33020001 · 执法人员、机关负责人']
          ).sort(),
        );
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, 'case-assign', lang, size);
        await context.close();
      }
    }
    await openCase(head);
    await act(head, 'assign', async (d) => {
      const input = d.getByLabel('办案人员', { exact: true });
      await input.click();
      // Found by certificate number and by name (each choice shows as its tag before the next is typed).
      for (const [typed, chosen] of [
        ['33020001', '王科长 · 33020001'],
        ['李检', '李检查员 · 33020002'],
      ]) {
        await input.fill(typed);
        await head
          .locator('.ant-select-dropdown:visible .ant-select-item-option-active', {
            hasText: chosen.split(' ')[0],
          })
          .waitFor();
        await input.press('Enter');
        await d.locator('.ant-select-selection-item', { hasText: chosen }).waitFor();
      }
      await d.locator('.ant-modal-title').click();
      await settled(head);
      await screenshot(head, 'case-assign-chosen', 'zh-CN', 'laptop');
      await d.locator('.ant-modal-title').click();
    });
    await seen(head.getByTestId('case-handlers'), '执法证号 33020001');
    await seen(head.getByTestId('case-handlers'), '执法证号 33020002');

    on('2026-01-07');
    const reviewer = await as('reviewer', 'zhao');
    await openCase(reviewer);
    await counted(reviewer.getByTestId('action-propose'), 0);
    await reviewer.getByTestId('no-actions').waitFor();

    const a = (await detail()).assessment;
    const proposal = Number(a.amount) >= 100_000 ? a.amount : '100000.00';
    const wang = await as('inspectorHead', 'wang');
    await openCase(wang);
    await wang.getByTestId('fine-trace').getByRole('button').first().click();
    await wang.getByTestId('fine-trace').locator('tbody tr.ant-table-row').first().waitFor();
    await act(wang, 'propose', async (d) => {
      const amount = d.getByLabel('金额（元）');
      // Below the legal range: the form says so before the server is asked.
      if (Number(a.min) > 0) {
        await amount.fill(String(Number(a.min) - 1));
        await wang.getByTestId('action-submit').click();
        await d.getByText('金额须在法定幅度内').waitFor();
      }
      await amount.fill(proposal);
      if (proposal !== a.amount) {
        await d.getByLabel('理由（金额与裁量基准建议不一致时必填）').fill('情节较重，从重处罚。');
      }
    });
    await stateIs(wang, '拟处罚意见');
  }, 240_000);

  it('shows the case list and the case page in both languages and both sizes, each without serious axe violations', async () => {
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      for (const size of ['laptop', 'desktop'] as SizeName[]) {
        const context = await newSession(browser, size, lang);
        const page = await signIn(context, server.url, 'zhao', '/cases');
        await page.getByTestId('case-table').waitFor();
        await seen(page.getByTestId('case-table'), lang === 'en' ? 'Penalty proposed' : '拟处罚意见');
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, 'cases', lang, size);

        await page.goto(`${server.url}/cases/${caseId}`);
        await page.getByTestId('case-state').waitFor();
        await page
          .getByTestId('precedent-chart')
          .or(page.getByText(lang === 'en' ? 'No comparable' : '暂无可比'))
          .first()
          .waitFor();
        await page.getByTestId('fine-trace').getByRole('button').first().click();
        await page.getByTestId('fine-trace').locator('tbody tr.ant-table-row').first().waitFor();
        // The trace reads in the page's language: the Chinese rulebook gives every step in Chinese too.
        const [step] = (await detail()).assessment.steps;
        expect(step.zh?.description).toMatch(/[\u4e00-\u9fff]/);
        await seen(
          page.getByTestId('fine-trace').locator('tbody tr.ant-table-row').first(),
          lang === 'en' ? step.description : step.zh!.description,
        );
        // So do the precedents: the deciding authority by its own (Chinese) name on Chinese pages.
        const { precedents } = await detail();
        if (precedents.length > 0) {
          expect(precedents[0].authorityZh).toMatch(/[\u4e00-\u9fff]/);
          await seen(
            page.getByTestId('precedent-table'),
            lang === 'en' ? precedents[0].authority : precedents[0].authorityZh!,
          );
        }
        await seen(
          page.getByTestId('case-timeline'),
          lang === 'en' ? 'Propose the penalty' : '提出拟处罚意见',
        );
        // The deadlines' legal basis in the page's language, as the citation gives it.
        const { deadlines } = (await server.call('reviewer', 'GET', `/api/cases/${caseId}`)).json as {
          deadlines: { id: string; basis: string; basisZh: string }[];
        };
        const decision = deadlines.find((x) => x.id === 'decision')!;
        expect(decision).toMatchObject({ basis: 'APL (2021) art. 60', basisZh: '《行政处罚法》第六十条' });
        await seen(
          page.getByTestId('basis-decision'),
          lang === 'en' ? decision.basis : decision.basisZh,
          true,
        );
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, 'case', lang, size);

        await page.getByTestId('action-review').click();
        await page.getByRole('dialog').waitFor();
        await seen(page.getByRole('dialog'), lang === 'en' ? 'Legal review' : '法制审核');
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, 'case-action', lang, size);
        await context.close();
      }
    }
  }, 600_000);

  it('is reviewed and notified; the firm reads the notice, defends and asks for a hearing', async () => {
    on('2026-01-08');
    const reviewer = await as('reviewer', 'zhao');
    await openCase(reviewer);
    await act(reviewer, 'review', async (d) => d.getByLabel('同意').check());
    await stateIs(reviewer, '法制审核通过');

    on('2026-02-10');
    const head = await as('head', 'chen');
    await openCase(head);
    await act(head, 'notify');
    await stateIs(head, '已告知');

    on('2026-02-12');
    const firm = await as('firm', 'firm-key');
    await openCase(firm);
    await seen(firm.getByTestId('case-documents'), '行政处罚告知书');
    // After Thu 12 Feb: Fri 13, the make-up Saturday 14, then the Spring Festival 15–23 Feb, Tue 24 Feb.
    await seen(firm.getByTestId('countdown-statement'), '剩余 3 个工作日', true);
    // The SAMR provision behind the statement window is cited without an article number not yet confirmed.
    await seen(
      firm.getByTestId('basis-statement'),
      '《市场监督管理行政处罚程序规定》（条文序号待核实）',
      true,
    );
    expect((await firm.getByTestId('case-actions').getByRole('button').allTextContents()).sort()).toEqual(
      ['要求听证', '陈述、申辩'].sort(),
    );
    await act(firm, 'defend', async (d) =>
      d.getByLabel('陈述、申辩意见').fill('我司已整改完毕，请求从轻处罚。'),
    );
    on('2026-02-13');
    await openCase(firm);
    await act(firm, 'request-hearing');
    await stateIs(firm, '已申请听证');
  }, 240_000);

  it('refuses the firm once its window has closed, showing the last day; the hearing is held', async () => {
    // 23:50 in Beijing on the last day of the window; the firm submits after midnight, inside one session.
    server.clock.setInstant('2026-02-24T15:50:00Z');
    const firm = await as('firm', 'firm-key');
    await openCase(firm);
    // Its statement is in (the window's countdown is met), but it may add to it until the last day, today.
    await firm.getByTestId('action-defend').click();
    const dialog = firm.getByRole('dialog');
    await dialog.getByLabel('陈述、申辩意见').fill('补充申辩意见。');

    const head = await as('head', 'chen');
    await openCase(head);
    await act(head, 'schedule-hearing', async (d) => {
      await d.getByLabel('听证日期').fill('2026-03-04');
      await d.getByLabel('听证地点').fill('宁波市市场监督管理局听证室');
      // The host is offered from the region's officers who are not handlers: the head and the legal reviewer.
      const host = d.getByLabel('听证主持人', { exact: true });
      await host.click();
      const offered = head.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await offered.first().waitFor();
      await settled(head);
      expect((await offered.allTextContents()).sort()).toEqual(
        ['赵法制法制审核人员', '陈局长（本人）机关负责人'].sort(),
      );
      await screenshot(head, 'case-host', 'zh-CN', 'laptop');
      await offered.filter({ hasText: '陈局长' }).click();
      // The list is portalled out of the select: the select's own box shows what is chosen.
      await d
        .locator('.ant-select', { has: head.locator('#hostId') })
        .filter({ hasText: '陈局长（本人）' })
        .waitFor();
      // Leave the host's list for the next field, so that its dropdown cannot cover the submit button.
      await d.getByLabel('听证地点').click();
      await head
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
        .waitFor({ state: 'hidden' });
    });
    await stateIs(head, '已通知听证');

    // The firm submits after midnight: the server refuses and names the last day.
    server.clock.setInstant('2026-02-24T16:05:00Z');
    await firm.getByTestId('action-submit').click();
    await seen(dialog.getByTestId('action-problem'), '该期限已于 2026年2月24日 届满');
    await seen(dialog.getByRole('alert'), 'PROCEDURE.');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await openCase(firm);
    await counted(firm.getByTestId('action-defend'), 0);
    await counted(firm.getByTestId('countdown-statement'), 0);

    on('2026-03-04');
    await openCase(head);
    await act(head, 'record-hearing', async (d) => d.getByLabel('听证笔录摘要').fill('当事人到场陈述申辩。'));
    await stateIs(head, '听证结束');
    on('2026-03-05');
    const reviewer = await as('reviewer', 'zhao');
    await openCase(reviewer);
    await act(reviewer, 'review', async (d) => d.getByLabel('同意').check());
  }, 240_000);

  it('gives the proposer no decide button; the head decides, and the case is served, published, paid and closed', async () => {
    on('2026-03-06');
    const wang = await as('inspectorHead', 'wang');
    await openCase(wang);
    await wang.getByTestId('case-actions').or(wang.getByTestId('no-actions')).waitFor();
    await counted(wang.getByTestId('action-decide'), 0);

    const amount = '100000.00';
    const head = await as('head', 'chen');
    await openCase(head);
    await act(head, 'decide', async (d) => {
      await d.getByLabel('金额（元）').fill(amount);
      await d.getByLabel('理由').fill('当事人积极整改，依法从轻处罚。');
      await d.getByLabel('当事人地址').fill('浙江省宁波市海曙区某某路8号');
    });
    await stateIs(head, '已作出处罚决定');
    await seen(head.getByTestId('case-documents'), '行政处罚决定书');

    on('2026-03-09');
    const li = await as('inspector', 'li');
    await openCase(li);
    await act(li, 'serve', async (d) => {
      await choose(li, d.getByLabel('送达方式'), '直接送达');
      await d.getByLabel('受送达人').fill('法定代表人');
    });
    await stateIs(li, '已送达');

    on('2026-03-10');
    await openCase(head);
    await act(head, 'publish', async (d) => d.getByLabel('公示渠道').fill('国家企业信用信息公示系统'));
    on('2026-03-12');
    await openCase(li);
    await act(li, 'record-payment', async (d) => {
      expect(await d.getByLabel('金额（元）').inputValue()).toBe(amount);
    });
    on('2026-03-13');
    await openCase(head);
    await act(head, 'close');
    await stateIs(head, '已结案');
    await head.getByTestId('no-actions').waitFor();
    await seen(head.getByTestId('case-documents'), '结案审批表');
    const d = await detail();
    expect(d.state).toBe('closed');
    expect(d.timeline.map((s) => s.action)).toEqual([
      'file',
      'assign',
      'propose',
      'review',
      'notify',
      'defend',
      'request-hearing',
      'schedule-hearing',
      'record-hearing',
      'review',
      'decide',
      'serve',
      'publish',
      'record-payment',
      'close',
    ]);
  }, 240_000);
});

/** Waits (up to 20 s in all) until the element's text is (or contains) `text`, then asserts it. */
async function seen(locator: Locator, text: string, exact = false): Promise<void> {
  const until = Date.now() + 20_000;
  let last = '';
  while (Date.now() < until) {
    last =
      (await locator
        .first()
        .textContent({ timeout: 2_000 })
        .catch(() => null)) ?? '';
    if (exact ? last.trim() === text : last.includes(text)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (exact) expect(last.trim()).toBe(text);
  else expect(last).toContain(text);
}

/** Waits (up to 10 s) until there are `n` such elements, then asserts it. */
async function counted(locator: Locator, n: number): Promise<void> {
  let c = -1;
  for (let i = 0; i < 50 && c !== n; i++) {
    c = await locator.count();
    if (c !== n) await new Promise((r) => setTimeout(r, 200));
  }
  expect(c).toBe(n);
}
