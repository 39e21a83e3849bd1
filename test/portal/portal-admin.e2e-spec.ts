import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  FIXTURE_FIRM,
  choose,
  launchBrowser,
  newSession,
  overflowingElements,
  screenshot,
  seriousViolations,
  signIn,
  SIZES,
  startPortalServer,
  type Lang,
  type PortalServer,
  type SizeName,
} from './portal-harness';

/**
 * Administration and the audit log in a real browser: an administrator creates an inspector (the password
 * shown once), the inspector signs in with it in their own session, is disabled and loses the session; a firm's
 * API key is issued and revoked; the audit log shows all of it and an inspector's refused request, by actor.
 */
// Generous: two shared cores under other helpers' load make a browser step take seconds.
jest.setTimeout(180_000);

const EN = { create: 'New account', save: 'Save' };

/** Signs in through the form with a given password (the harness's signIn uses the people's shared one). */
async function signInWith(context: BrowserContext, url: string, username: string, password: string) {
  const page = await context.newPage();
  await page.goto(`${url}/sign-in?next=%2F`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
  return page;
}

/** The table row (not the header) whose text contains `text`. */
function row(scope: Page | Locator, text: string) {
  return scope.locator('.ant-table-row', { hasText: text });
}

describe('administration and the audit log', () => {
  let server: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortalServer('embedded', {
      admin: { username: 'root', displayName: '系统管理员', roles: ['admin'] },
      inspector: {
        username: 'wang.wu',
        displayName: '王五',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '33020019002',
      },
      firm: {
        username: 'haishu.firm',
        displayName: '宁波某置业有限公司',
        roles: ['firm'],
        firmCreditCode: FIXTURE_FIRM,
      },
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates an inspector who signs in with the password shown once, disables them, issues and revokes a key, and the audit log shows it', async () => {
    const adminContext = await newSession(browser, 'desktop', 'en');
    const admin = await signIn(adminContext, server.url, 'root', '/admin');
    await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await row(admin, 'haishu.firm').waitFor();

    // The form says what the server would refuse before sending: admin with a case role, no certificate.
    await admin.getByRole('button', { name: EN.create }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Username').fill('li.si');
    await dialog.getByLabel('Name', { exact: true }).fill('李四');
    await dialog.getByRole('checkbox', { name: 'Administrator' }).check();
    await dialog.getByRole('checkbox', { name: 'Inspector' }).check();
    await dialog.getByRole('button', { name: EN.save }).click();
    await dialog.getByText('An administrator cannot also be an inspector').waitFor();
    await dialog.getByText('An inspector needs an enforcement certificate number.').waitFor();
    await screenshot(admin, 'admin-new-account-refused', 'en', 'desktop');
    await dialog.getByRole('checkbox', { name: 'Administrator' }).uncheck();
    await dialog.getByLabel('Region code').fill('3302');
    await dialog.getByLabel('Enforcement certificate no.').fill('33020019001');
    await dialog.getByRole('button', { name: EN.save }).click();
    await dialog.getByText('Account li.si created').waitFor();
    const password = (await dialog.getByTestId('created-password').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-password-once', 'en', 'desktop');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(row(admin, 'li.si').innerText()).resolves.toMatch(
      /Inspector[\s\S]*3302[\s\S]*33020019001[\s\S]*Active/,
    );

    // The inspector, in their own browser, signs in with that password and sees the inspector's sections.
    const inspectorContext = await newSession(browser, 'laptop', 'zh-CN');
    const inspector = await signInWith(inspectorContext, server.url, 'li.si', password);
    await inspector.getByRole('navigation').getByRole('link', { name: '企业' }).waitFor();
    await expect(inspector.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['我的待办', '案件', '违法线索发现', '企业']),
    );
    await expect(
      inspector.getByRole('navigation').getByRole('link').allTextContents(),
    ).resolves.not.toContain('系统管理');

    // Disabled, the inspector's next page load goes to sign-in.
    await row(admin, 'li.si').getByRole('button', { name: 'Disable' }).click();
    await admin.getByRole('tooltip').getByRole('button', { name: 'Disable' }).click();
    await row(admin, 'li.si').getByText('Disabled').waitFor();
    await inspector.reload();
    await inspector.waitForURL(/\/sign-in/);
    await inspectorContext.close();

    // A firm's API key: shown once, then revoked after a confirmation.
    await admin.getByRole('tab', { name: 'API keys' }).click();
    await admin.getByRole('button', { name: 'New API key' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('nightly upload');
    // The browser's clock is the machine's, the server's is the test's (January 2026): a key valid two years.
    await choose(admin, dialog.getByLabel('Valid for'), '730 days');
    await dialog.getByRole('button', { name: EN.save }).click();
    await dialog.getByText('API key created for haishu.firm').waitFor();
    await expect(dialog.getByTestId('created-token').innerText()).resolves.toMatch(/^bioaudit_pat_/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(new URL(admin.url()).search).toBe('?tab=keys');
    const key = row(admin, 'nightly upload');
    await expect(key.innerText()).resolves.toMatch(/haishu\.firm[\s\S]*Never[\s\S]*Active/);
    await key.getByRole('button', { name: /Revoke/ }).click();
    await admin.getByRole('tooltip').getByRole('button', { name: 'Revoke' }).click();
    await key.getByText(/^Revoked/).waitFor();

    // An inspector calling an administrator's route is refused, and the audit log says so.
    expect((await server.call('inspector', 'GET', '/api/users')).status).toBe(403);
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await admin.getByLabel('Actor (username)').fill('root');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.waitForURL(/actor=root/);
    await row(admin, 'DELETE /api/tokens/:id').waitFor();
    const actions = await admin.locator('.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(actions).toEqual(
      expect.arrayContaining([
        'POST /api/users',
        'PATCH /api/users/:id',
        'POST /api/tokens',
        'DELETE /api/tokens/:id',
      ]),
    );
    // The URL changes before the page renders it, and the form then takes its values from the URL: type the next
    // filter only once the page shows this one's rows (the previous rows stay while it loads), or that render
    // overwrites the typing (CI clicked Filter on "root" again).
    await admin
      .locator('.ant-table-row')
      .filter({ hasNotText: 'root' })
      .first()
      .waitFor({ state: 'detached' });
    const actor = admin.getByLabel('Actor (username)');
    await actor.fill('wang.wu');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.waitForURL(/actor=wang\.wu/);
    // The previous filter's rows stay while the new page loads: wait for the inspector's row itself.
    const refused = row(admin, 'GET /api/users').filter({ hasText: 'wang.wu' });
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toMatch(
      /wang\.wu[\s\S]*Inspector[\s\S]*Account[\s\S]*Refused \(403\)/,
    );
    // By outcome and period: the inspector's refusals today, then only what they were allowed (no refusal left).
    await choose(admin, admin.getByLabel('Outcome'), 'Refused');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await admin.getByPlaceholder('Start date').fill(today);
    await admin.getByPlaceholder('End date').fill(today);
    await admin.getByPlaceholder('End date').press('Enter');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.waitForURL(
      new RegExp(`outcome=refused.*from=${today}&to=${today}|from=${today}&to=${today}.*outcome=refused`),
    );
    await refused.waitFor();
    const outcomes = await admin.locator('.ant-table-row td:nth-child(6)').allInnerTexts();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.startsWith('Refused'))).toBe(true);
    await choose(admin, admin.getByLabel('Outcome'), 'Allowed');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.waitForURL(/outcome=ok/);
    await refused.waitFor({ state: 'detached' });
    await choose(admin, admin.getByLabel('Outcome'), 'Refused');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.waitForURL(/outcome=refused/);

    // The filter survives a reload (it lives in the URL); the details open from the row.
    await admin.reload();
    await expect(admin.getByLabel('Actor (username)').inputValue()).resolves.toBe('wang.wu');
    await refused.getByRole('button', { name: /expand/i }).click();
    await admin.getByLabel('Details').or(admin.getByText('No further details')).first().waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await adminContext.close();
  });

  const cases: [Lang, SizeName][] = [
    ['zh-CN', 'laptop'],
    ['zh-CN', 'desktop'],
    ['en', 'laptop'],
    ['en', 'desktop'],
  ];
  it.each(cases)('shows the audit log and both administration tabs in %s at %s', async (lang, size) => {
    const zh = lang === 'zh-CN';
    const context = await newSession(browser, size, lang);
    const page = await signIn(context, server.url, 'root', '/audit-log');
    await page.getByRole('heading', { level: 1, name: zh ? '审计日志' : 'Audit log' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await expect(page.locator('thead').innerText()).resolves.toContain(
      zh ? '操作人及角色' : 'Actor and roles',
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);
    await screenshot(page, 'audit-log', lang, size);

    await page.getByRole('link', { name: zh ? '系统管理' : 'Administration' }).click();
    await row(page, 'haishu.firm').waitFor();
    await expect(row(page, 'wang.wu').innerText()).resolves.toContain(zh ? '执法人员' : 'Inspector');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);
    await screenshot(page, 'admin-accounts', lang, size);

    await page.getByRole('tab', { name: zh ? '接口密钥' : 'API keys' }).click();
    await page.getByRole('button', { name: zh ? '新建接口密钥' : 'New API key' }).waitFor();
    await row(page.getByRole('tabpanel'), 'portal-e2e').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);
    await screenshot(page, 'admin-keys', lang, size);
    expect(page.viewportSize()).toEqual(SIZES[size]);
    await context.close();
  });
});
