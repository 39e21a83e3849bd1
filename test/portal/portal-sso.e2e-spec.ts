import type { Browser, Page } from 'playwright-core';
import { AccountService } from '@app/auth';
import { startTestIdentityProvider, type TestIdentityProvider } from '@app/testing';
import {
  launchBrowser,
  newSession,
  screenshot,
  seriousViolations,
  startPortalServer,
  type Lang,
  type PortalServer,
} from './portal-harness';

/**
 * Single sign-on in a real browser against a real identity provider (node-oidc-provider on a loopback port): the
 * sign-in page offers the provider by its configured name, the person signs in on the provider's page and lands
 * signed in where they were going; a person without a bioaudit account is sent back with a message — in both
 * languages. Without a provider configured, the page shows no button.
 */
jest.setTimeout(90_000);

const PROVIDER_NAME = '政务统一身份认证';

describe('the portal signs in by single sign-on', () => {
  let idp: TestIdentityProvider;
  let server: PortalServer;
  let plain: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    server = await startPortalServer(
      'embedded',
      {
        inspector: {
          username: 'wang.wu',
          displayName: '王五',
          roles: ['inspector'],
          regionCode: '3302',
          certificateNumber: '33020019001',
        },
        retired: { username: 'li.si', displayName: '李四', roles: ['observer'], regionCode: '3302' },
      },
      '2026-01-05',
      {
        BIOAUDIT_OIDC_ISSUER: idp.issuer,
        BIOAUDIT_OIDC_CLIENT_ID: idp.clientId,
        BIOAUDIT_OIDC_CLIENT_SECRET: idp.clientSecret,
        BIOAUDIT_OIDC_NAME: PROVIDER_NAME,
      },
    );
    await idp.register([`${server.url}/api/auth/sso/callback`]);
    await server.app.get(AccountService).update(server.userId.retired, { disabled: true }, 'portal-e2e');
    plain = await startPortalServer('embedded', {});
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await plain?.close();
    await idp?.close();
  });

  /** From the sign-in page through the provider's login page, as `login`. */
  async function throughProvider(page: Page, login: string): Promise<void> {
    await page.getByTestId('sso-button').click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
  }

  it.each(['zh-CN', 'en'] as const)(
    'offers the provider by name and signs in through it (%s)',
    async (lang: Lang) => {
      const context = await newSession(browser, 'laptop', lang);
      const page = await context.newPage();
      await page.goto(`${server.url}/cases`);
      await page.waitForURL(/\/sign-in\?next=%2Fcases/);
      const button = page.getByTestId('sso-button');
      await expect(button.textContent()).resolves.toBe(
        lang === 'zh-CN' ? `使用${PROVIDER_NAME}登录` : `Sign in with ${PROVIDER_NAME}`,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sign-in-sso', lang, 'laptop');

      await throughProvider(page, 'wang.wu');
      await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe('/cases');
      // Signed in as the provisioned account, with its own roles, by the same session cookie as a password gives.
      const cookies = await context.cookies(server.url);
      expect(cookies.find((c) => c.name === 'bioaudit_session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
      });
      expect(cookies.find((c) => c.name === 'bioaudit_sso')).toBeUndefined();
      const session = await page.evaluate(async () => (await fetch('/api/session')).json());
      expect(session).toMatchObject({
        principal: { username: 'wang.wu', roles: ['inspector'], via: 'session' },
      });
      await context.close();
    },
  );

  it.each([
    ['zh-CN', 'nobody', '尚无本系统账户'],
    ['en', 'nobody', 'there is no bioaudit account for you'],
    ['zh-CN', 'li.si', '账户已被停用'],
    ['en', 'li.si', 'Your bioaudit account is disabled'],
  ] as const)(
    'sends %s back to the sign-in page with a message when %s may not sign in',
    async (lang, login, text) => {
      const context = await newSession(browser, 'laptop', lang);
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await throughProvider(page, login);
      await page.waitForURL(/\/sign-in\?sso_error=AUTH\.SSO_/);
      await expect(page.getByTestId('sso-error').textContent()).resolves.toContain(text);
      expect(await seriousViolations(page)).toEqual([]);
      if (login === 'nobody') await screenshot(page, 'sign-in-sso-refused', lang, 'laptop');
      expect((await context.cookies(server.url)).find((c) => c.name === 'bioaudit_session')).toBeUndefined();
      await context.close();
    },
  );

  it('shows no single sign-on button when no provider is configured', async () => {
    const context = await newSession(browser, 'laptop', 'en');
    const page = await context.newPage();
    const methods = page.waitForResponse((r) => r.url().endsWith('/api/auth/methods'));
    await page.goto(`${plain.url}/sign-in`);
    await methods;
    await page.locator('#username').waitFor();
    expect(await page.getByTestId('sso-button').count()).toBe(0);
    await context.close();
  });
});
