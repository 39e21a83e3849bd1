import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import AdmZip from 'adm-zip';
import { AccountService, TokenService, type Role } from '@app/auth';
import { Clock } from '@app/common';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { configureApiApp } from '../../apps/api/src/api-app';
import { TEST_KEYS } from '../cli-runner';
export { FIXTURE_FIRM, recentInspectionFolder } from '../inspection-folders';
import { ApiModule } from '../../apps/api/src/api.module';
import { portalRoot } from '../../apps/api/src/portal/portal-static';
import { SteppingClock } from '../../libs/cases/src/cases.testing';

/** Debian's chromium (installed by .ci/run); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the test run writes its screenshots (gitignored): out/portal/<lang>-<width>x<height>/<page>.png */
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'out', 'portal');
export const PASSWORD = 'correct horse battery staple';
const YEAR_MS = 365 * 86_400_000;

/** The few browser globals the tests evaluate in the page (the test program itself is typed for Node). */
interface PageGlobals {
  document: {
    documentElement: { clientWidth: number; scrollWidth: number };
    getAnimations(): {
      playState: string;
      pending: boolean;
      effect: { getTiming(): { iterations?: number } } | null;
    }[];
    querySelector(selector: string): unknown;
  };
  requestAnimationFrame(callback: () => void): number;
  localStorage: { setItem(key: string, value: string): void };
}

export const SIZES = {
  laptop: { width: 1366, height: 768 },
  desktop: { width: 1920, height: 1080 },
} as const;
export type SizeName = keyof typeof SIZES;
export type Lang = 'zh-CN' | 'en';

export interface PortalPerson {
  username: string;
  displayName?: string;
  roles: Role[];
  regionCode?: string;
  firmCreditCode?: string;
  certificateNumber?: string;
}

export interface PortalServer {
  app: INestApplication;
  url: string;
  clock: SteppingClock;
  home: string;
  /** Account ids by the keys the people were given. */
  userId: Record<string, string>;
  /** An API call as one of the people (bearer token), for seeding and checking what the browser did. */
  call(
    who: string,
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
  /** Uploads an inspection folder as `who` (zip, as the API takes it) and waits until it is done; its id. */
  uploadInspection(who: string, folder: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The API with the built portal (dist/portal, from `npm run build`), as `bioaudit serve` runs it, on PostgreSQL or the
 * embedded default, with a clock the test moves and the given people (password PASSWORD).
 */
export async function startPortalServer(
  kind: 'embedded' | 'postgres',
  people: Record<string, PortalPerson>,
  start = '2026-01-05',
  env: Record<string, string> = {},
): Promise<PortalServer> {
  // PORTAL_DIST: a portal built elsewhere (`vite build --outDir`), for work on the portal beside a running build.
  const root = process.env.PORTAL_DIST ?? portalRoot();
  if (!root) throw new Error('the portal is not built: run `npm run build` first');
  const tmp = createTempDir();
  const vars: Record<string, string> = {
    BIOAUDIT_HOME: tmp.dir,
    ...TEST_KEYS,
    LOG_LEVEL: 'error',
    // Every session of a run signs in from 127.0.0.1: the per-address limit (10 a minute, tested in the auth
    // specs) would refuse a fast machine's walk through several accounts. A spec that means to meet it sets its own.
    BIOAUDIT_LOGIN_RATE_PER_MINUTE: '600',
    ...env,
  };
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    vars.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  const clock = new SteppingClock(new Date(`${start}T02:00:00Z`));
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.withConfig(loadConfig(vars))] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'], bodyParser: false });
  configureApiApp(app, { portalRoot: root });
  await app.get(SchemaService).migrate();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer() as { address(): { port: number } }).address().port}`;
  const accounts = app.get(AccountService);
  const tokens = app.get(TokenService);
  const userId: Record<string, string> = {};
  const token: Record<string, string> = {};
  for (const [key, p] of Object.entries(people)) {
    const { account } = await accounts.create({ ...p, password: PASSWORD }, 'portal-e2e');
    userId[key] = account.id;
    token[key] = (
      await tokens.create(account.id, { name: 'portal-e2e', lifetimeMs: YEAR_MS }, 'portal-e2e')
    ).token;
  }
  const call = async (who: string, method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
  return {
    app,
    url,
    clock,
    home: tmp.dir,
    userId,
    call,
    uploadInspection: async (who, folder) => {
      const zip = new AdmZip();
      zip.addLocalFolder(folder, path.basename(folder));
      const up = await fetch(`${url}/api/inspections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token[who]}`, 'content-type': 'application/zip' },
        body: new Uint8Array(zip.toBuffer()),
      });
      if (up.status !== 202) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const { id } = (await up.json()) as { id: string };
      for (let i = 0; i < 1200; i++) {
        const r = await call(who, 'GET', `/api/inspections/${id}`);
        const status = (r.json as { status: string }).status;
        if (status === 'done') return id;
        if (status === 'failed') throw new Error(`inspection failed: ${JSON.stringify(r.json)}`);
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error('inspection did not finish');
    },
    close: async () => {
      await app.close();
      await drop?.();
      tmp.remove();
    },
  };
}

/** Headless Debian chromium with no network of its own (the flags this machine needs, see the env notes). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A person's own browser session (own cookies), at a screen size, in a language. */
export async function newSession(
  browser: Browser,
  size: SizeName = 'laptop',
  lang: Lang = 'zh-CN',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: SIZES[size],
    locale: lang,
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript(
    (l) => (globalThis as unknown as PageGlobals).localStorage.setItem('bioaudit.language', l),
    lang,
  );
  return context;
}

/** Signs in through the sign-in page and waits for the signed-in frame. */
export async function signIn(
  context: BrowserContext,
  url: string,
  username: string,
  next = '/',
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  try {
    await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
  } catch (err) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `sign-in-failed-${username}.png`) });
    throw err;
  }
  return page;
}

/** A full-page screenshot under out/portal/<lang>-<w>x<h>/<name>.png (the files the reviewer looks at). */
export async function screenshot(page: Page, name: string, lang: Lang, size: SizeName): Promise<string> {
  const dir = path.join(SCREENSHOTS, `${lang}-${SIZES[size].width}x${SIZES[size].height}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/**
 * Waits until every finite animation on the page has finished (a modal zooming in, a mask fading): while one runs,
 * clicks can miss and text is half transparent, which axe rightly reports as low contrast. Spinners loop forever
 * and are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  // Two frames first: a modal just attached starts its motion on the next frame, and must not look settled before.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const g = globalThis as unknown as PageGlobals;
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => done()));
      }),
  );
  await page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as PageGlobals;
      // antd's motion classes (rc-motion) while a modal or its mask zooms or fades in or out…
      if (
        document.querySelector(
          '.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave, .ant-fade-appear, .ant-fade-enter, .ant-fade-leave, .ant-slide-up-appear, .ant-slide-up-enter, .ant-slide-up-leave',
        ) !== null
      )
        return false;
      // …and any CSS animation or transition still running (spinners loop for ever and are not waited for).
      return document
        .getAnimations()
        .every(
          (a) => a.effect?.getTiming().iterations === Infinity || (a.playState !== 'running' && !a.pending),
        );
    },
    undefined,
    { timeout: 15_000, polling: 'raf' },
  );
}

/**
 * Picks `option` in the antd Select `select` (its combobox): opens it, waits for its list to settle, clicks the
 * option, and waits until the select shows it — on a loaded machine a click on a list still sliding in can miss, and
 * the form is then submitted without the value.
 */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await settled(page);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
  // The list is portalled out of the select: the select's own box shows what is chosen.
  await select
    .locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]')
    .filter({ hasText: option })
    .waitFor();
}

/** axe-core's serious and critical violations of WCAG 2.1 A/AA on the page once it has settled (expect `[]`). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Elements whose content is wider than their box or that stick out of the viewport horizontally (cut text). */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1)
      out.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    return out;
  });
}
