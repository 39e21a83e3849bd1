import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  newSession,
  screenshot,
  seriousViolations,
  signIn,
  startPortalServer,
  type PortalServer,
} from './portal-harness';

/**
 * The portal's frame in a real browser: served at / by the API, sign-in with the session cookie, the sections the
 * server grants each role, language switch, sign-out and an expired session — in both languages.
 */
jest.setTimeout(60_000);

describe('the portal shell', () => {
  let server: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortalServer('embedded', {
      head: { username: 'chen', displayName: '陈局长', roles: ['head'], regionCode: '3302' },
      admin: { username: 'root', displayName: 'Admin', roles: ['admin'] },
      firm: {
        username: 'firm',
        displayName: '某置业公司',
        roles: ['firm'],
        firmCreditCode: '91330201MA2GT00012',
      },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the portal at / and every unknown path, with its security headers, and leaves /api to the API', async () => {
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await root.text()).toContain('<div id="root">');
    expect((await fetch(`${server.url}/cases/some-id`)).status).toBe(200);
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each(['zh-CN', 'en'] as const)(
    'signs in, shows only what the role may open, signs out (%s)',
    async (lang) => {
      const context = await newSession(browser, 'laptop', lang);
      const page = await context.newPage();
      await page.goto(`${server.url}/cases`);
      await page.waitForURL(/\/sign-in\?next=%2Fcases/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sign-in', lang, 'laptop');
      await page.locator('#username').fill('chen');
      await page.locator('#password').fill('wrong password here');
      await page.locator('button[type=submit]').click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        lang === 'zh-CN' ? '用户名或密码错误' : 'Wrong username or password',
      );
      await page.close();

      const head = await signIn(context, server.url, 'chen', '/cases');
      await head.getByRole('link', { name: lang === 'zh-CN' ? '准确性评估' : 'Evaluations' }).waitFor();
      expect(new URL(head.url()).pathname).toBe('/cases');
      const nav = head.getByRole('navigation');
      await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(
        lang === 'zh-CN'
          ? ['我的待办', '统计看板', '案件', '违法线索发现', '企业', '准确性评估', '任务记录']
          : ['My work', 'Dashboard', 'Cases', 'Findings', 'Firms', 'Evaluations', 'Job history'],
      );
      await head.getByTestId('user-menu').click();
      await head.getByRole('menuitem', { name: lang === 'zh-CN' ? '退出登录' : 'Sign out' }).click();
      await head.waitForURL(/\/sign-in/);
      await context.close();
    },
  );

  it('offers an administrator only accounts and the audit log, and a firm only its own work', async () => {
    const context = await newSession(browser, 'laptop', 'en');
    const admin = await signIn(context, server.url, 'root');
    await admin.waitForURL(/\/audit-log$/);
    // The links render after the session's roles arrive: wait for the last one before reading them all.
    await admin.getByRole('link', { name: 'Administration' }).waitFor();
    await expect(admin.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual([
      'Audit log',
      'Administration',
    ]);
    await context.close();
    const firmContext = await newSession(browser, 'laptop', 'en');
    const firm = await signIn(firmContext, server.url, 'firm');
    await firm.getByRole('link', { name: 'New inspection' }).waitFor();
    await expect(firm.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual([
      'My work',
      'Cases',
      'Findings',
      'Firms',
      'New inspection',
    ]);
    await firmContext.close();
  });

  it('switches language in place and says so when the session has ended on the server', async () => {
    const context = await newSession(browser, 'laptop', 'zh-CN');
    const page = await signIn(context, server.url, 'chen', '/account');
    await page.getByRole('heading', { level: 1, name: '我的账户' }).waitFor();
    await page.getByText('English').click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The server forgets the session (as idle expiry would): the next call is a 401 and the page says why.
    await context.clearCookies();
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.reload();
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });
});
