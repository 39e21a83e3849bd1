/**
 * The portal in a real browser (issue 11), on loopback, against the API serving the built portal:
 * (a) first load with a cold cache (a new browser context each run) of the sign-in page and of the dashboard:
 *     the browser's own Navigation Timing (responseEnd, domContentLoadedEventEnd, loadEventEnd), first
 *     contentful paint, the time until the page's heading is shown, and the bytes transferred;
 * (b) the findings explorer over N findings: signed in as an inspector of the region, /findings, "next page"
 *     clicked repeatedly, each page timed in the page from the click until the new page's rows are in the DOM
 *     (median, p95, max; goal < 300 ms), then deep pages when the explorer takes its cursor from the URL.
 * Findings are seeded as bench/api seeds them (one set-based statement per table, findings in chunks, the
 * triggers as they are) into the embedded engine (default) or DATABASE_URL (migrated here).
 *   node dist/bench/portal/portal.bench.js [findings=1000000] [runs=10] [pages=50]
 * The portal is the build beside this file (dist/portal) or PORTAL_DIST; CHROMIUM_PATH the browser.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { chromium, type Browser, type BrowserContext, type ElementHandle, type Page } from 'playwright-core';
import { AccountService } from '@app/auth';
import { creditCodeCheckChar } from '@app/common';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { DATABASE, type Database } from '@app/persistence';
import { configureApiApp } from '../../apps/api/src/api-app';
import { ApiModule } from '../../apps/api/src/api.module';
import { encodeCursor } from '../../apps/api/src/common/pagination';
import { portalRoot } from '../../apps/api/src/portal/portal-static';
import { machine, median, seedSteps, seedSyntheticRegistry } from '../bench-utils';

const FINDINGS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 10);
const PAGES = Number(process.argv[4] ?? 50);
const DEEP_PAGES = 10;
const GOAL_MS = 300;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bench-password-2026';
const NEXT = /^(下一页|Next page)$/;

/** The few browser globals evaluated in the page (this program is typed for Node, without the DOM library). */
interface Entry {
  name: string;
  startTime: number;
  transferSize?: number;
  responseEnd?: number;
  domContentLoadedEventEnd?: number;
  loadEventEnd?: number;
}
interface BrowserGlobals {
  performance: { now(): number; getEntriesByType(type: string): Entry[] };
  document: { body: unknown; querySelector(s: string): { getAttribute(n: string): string | null } | null };
  MutationObserver: new (cb: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
}
interface Clickable {
  click(): void;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');

/** Firms of Ningbo's Haishu district (division 330203), 50 cases each, the findings spread over the cases. */
async function seed(db: Database): Promise<[string, number][]> {
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const { step, timings } = seedSteps((sql, params) => q(sql, params));
  const cases = Math.max(20, Math.floor(FINDINGS / 100));
  const F = Math.max(2, Math.min(200, Math.floor(cases / 50)));
  const firms = Array.from({ length: F }, (_, i) => {
    const body = `91330203MA${String(i + 1).padStart(7, '0')}`;
    return body + creditCodeCheckChar(body)!;
  });
  await seedSyntheticRegistry(
    step,
    firms.map((code) => ({ code, region: '浙江省宁波市海曙区' })),
  );
  await step(
    'case',
    `INSERT INTO "case" (id, case_number, firm_id, decision_date, status, summary, opened_by, opened_at, state)
     OVERRIDING SYSTEM VALUE
     SELECT i, 'BENCH-' || lpad(i::text, 7, '0'), (i - 1) % $2::int + 1, date '2026-10-01', 'audited',
            jsonb_build_object('conduct', jsonb_build_object('from', '2025-01-01T00:00:00Z', 'to', '2025-12-31T00:00:00Z')),
            'bench', timestamptz '2026-10-01 09:00+08' + i * interval '7 minutes', 'clue'
     FROM generate_series(1, $1::int) i`,
    [cases, F],
  );
  const reasons = ['NO_CONSENT', 'NO_CONSENT', 'NO_CONSENT', 'PURPOSE_NOT_COVERED', 'CONSENT_EXPIRED'];
  const CHUNK = 100_000;
  for (let lo = 1; lo <= FINDINGS; lo += CHUNK) {
    const hi = Math.min(FINDINGS, lo + CHUNK - 1);
    await step(
      'finding',
      `INSERT INTO finding (id, case_id, kind, reason, subject_ref, device_id, site_id, purpose, capture_count,
         first_at, last_at, capture_ids, consent_ids) OVERRIDING SYSTEM VALUE
       SELECT j, x.case_id, 'capture', ($6::text[])[1 + j % 5], CASE WHEN j % 10 < 3 THEN NULL ELSE 'P' || (j % 5000) END,
              4 * (x.firm - 1) + 1 + j % 4, 2 * (x.firm - 1) + 1 + (j % 4) / 2, 'visitor_identification', x.k,
              x.first_at, x.first_at + x.k * interval '1 minute',
              ARRAY(SELECT j * 5 + g FROM generate_series(0, x.k - 1) g), '{}'::bigint[]
       FROM generate_series($1::bigint, $2::bigint) j,
            LATERAL (SELECT 1 + (j - 1) * $4::bigint / $3::bigint AS case_id) c,
            LATERAL (SELECT c.case_id, (c.case_id - 1) % $5::int + 1 AS firm, 1 + (j * 13) % 5 AS k,
                            timestamptz '2025-01-01 00:00+08' + (c.case_id % 300) * interval '1 day'
                              + (j % 86400) * interval '1 second' AS first_at) x
       ORDER BY j`,
      [lo, hi, FINDINGS, cases, F, reasons],
    );
  }
  for (const t of ['firm', 'site', 'device', 'case', 'finding'])
    await q(`SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), (SELECT max(id) FROM "${t}"))`);
  await step('ANALYZE', 'ANALYZE');
  return timings;
}

interface LoadTiming {
  responseEnd: number;
  domContentLoaded: number;
  load: number;
  fcp: number;
  ready: number;
  bytes: number;
}

/** The page's own timings (ms from navigation start) and the bytes it transferred, once its h1 is shown. */
async function timingsOf(page: Page): Promise<LoadTiming> {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
  const ready = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).performance.now());
  await page.waitForLoadState('load');
  // Resources still arriving (the dashboard's data) count towards the bytes: wait until the network is quiet.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const t = await page.evaluate(() => {
    const { performance } = globalThis as unknown as BrowserGlobals;
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    const resources = performance.getEntriesByType('resource');
    return {
      responseEnd: nav.responseEnd ?? NaN,
      domContentLoaded: nav.domContentLoadedEventEnd ?? NaN,
      load: nav.loadEventEnd ?? NaN,
      fcp: fcp ? fcp.startTime : NaN,
      bytes: (nav.transferSize ?? 0) + resources.reduce((a, r) => a + (r.transferSize ?? 0), 0),
    };
  });
  return { ...t, ready };
}

async function signedInContext(browser: Browser, base: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const r = await context.request.post(`${base}/api/session`, { data: { username, password: PASSWORD } });
  if (!r.ok()) throw new Error(`sign-in ${username}: ${r.status()} ${await r.text()}`);
  return context;
}

async function coldLoads(browser: Browser, base: string, label: string, route: string, who: string | null) {
  const runs: LoadTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = who
      ? await signedInContext(browser, base, who)
      : await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}${route}`);
    runs.push(await timingsOf(page));
    await context.close();
  }
  const col = (k: keyof LoadTiming) => runs.map((r) => r[k]);
  return { label, runs, col };
}

/** Clicks "next page" in the page and resolves with the ms until the first row is another finding. */
async function nextPage(page: Page): Promise<number> {
  const button = (await page.getByRole('button', { name: NEXT }).elementHandle()) as ElementHandle<Clickable>;
  return page.evaluate(
    (btn) =>
      new Promise<number>((resolve, reject) => {
        const { document, performance, MutationObserver } = globalThis as unknown as BrowserGlobals;
        const key = () => document.querySelector('.ant-table-row')?.getAttribute('data-row-key') ?? null;
        const before = key();
        const t0 = performance.now();
        const done = () => {
          const now = key();
          if (now !== null && now !== before) {
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now() - t0);
          }
        };
        const observer = new MutationObserver(done);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the next page did not render (first row still ${before})`));
        }, 30_000);
        btn.click();
      }),
    button,
  );
}

async function explorer(browser: Browser, base: string) {
  const context = await signedInContext(browser, base, 'bench.inspector');
  const page = await context.newPage();
  await page.goto(`${base}/findings`);
  await page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
  const firstPageRows = await page.locator('.ant-table-row').count();
  const pages: number[] = [];
  const shot = path.join(os.tmpdir(), 'portal-bench-failure.png');
  try {
    for (let i = 0; i < PAGES; i++) pages.push(await nextPage(page));
  } catch (e) {
    await page.screenshot({ path: shot, fullPage: true });
    throw new Error(
      `after ${pages.length} pages (${page.url()}; screenshot ${shot}): ${(e as Error).message}`,
    );
  }
  // The same pages through the API alone (the session's cookie, from this process): the server's share.
  const api: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i <= PAGES; i++) {
    const t0 = performance.now();
    const r = await context.request.get(
      `${base}/api/findings?limit=${firstPageRows}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const body = (await r.json()) as { nextCursor: string | null };
    api.push(performance.now() - t0);
    cursor = body.nextCursor;
  }
  // Deep pages: the explorer opened at a cursor 90 % of the way through, if it takes the cursor from its URL.
  const url = new URL(page.url());
  const param = [...url.searchParams.keys()].find((k) => /cursor|after/i.test(k));
  const deep: number[] = [];
  let deepNote = 'the explorer keeps no cursor in its URL: deep pages not measured';
  if (param) {
    const deepId = String(
      Math.max(0, Math.min(Math.floor(FINDINGS * 0.9), FINDINGS - (DEEP_PAGES + 1) * firstPageRows)),
    );
    url.searchParams.set(param, encodeCursor(deepId));
    await page.goto(url.toString());
    await page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
    const first = await page.locator('.ant-table-row').first().getAttribute('data-row-key');
    deepNote = `opened at ?${param}= finding ${deepId} (first row ${first})`;
    try {
      for (let i = 0; i < DEEP_PAGES; i++) deep.push(await nextPage(page));
    } catch (e) {
      await page.screenshot({ path: shot, fullPage: true });
      throw new Error(
        `deep, after ${deep.length} pages (${page.url()}; screenshot ${shot}): ${(e as Error).message}`,
      );
    }
  }
  await context.close();
  return { firstPageRows, pages, deep, deepNote, api };
}

async function main(): Promise<void> {
  const root = process.env.PORTAL_DIST ?? portalRoot();
  if (!root) throw new Error('the portal is not built: run `npm run build` or set PORTAL_DIST');
  const home = mkdtempSync(path.join(os.tmpdir(), 'bench-portal-'));
  const vars: Record<string, string> = {
    BIOAUDIT_HOME: home,
    BIOAUDIT_MASTER_KEY: 'YmlvYXVkaXQtZTJlLXRlc3Qta2V5LW5vdC1hLXNlY3I=',
    BIOAUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIJIIvoaMmhVt6Z4uIhptK+A1gUzGTyMTXVzm3eWTE4uf',
    LOG_LEVEL: 'error',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };
  const config = loadConfig(vars);
  const app = await NestFactory.create(ApiModule.withConfig(config), {
    logger: ['error'],
    bodyParser: false,
  });
  configureApiApp(app, { portalRoot: root });
  await app.get(SchemaService).migrate();
  const db = app.get<Database>(DATABASE);
  process.stderr.write(`seeding ${FINDINGS} findings (${db.kind})\n`);
  const seedTimings = await seed(db);
  const accounts = app.get(AccountService);
  await accounts.create(
    {
      username: 'bench.inspector',
      displayName: '基准测试执法人员',
      roles: ['inspector'],
      regionCode: '3302',
      certificateNumber: '33020019001',
      password: PASSWORD,
    },
    'bench',
  );
  await accounts.create(
    {
      username: 'bench.head',
      displayName: '基准测试负责人',
      roles: ['head'],
      regionCode: '3302',
      password: PASSWORD,
    },
    'bench',
  );
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer() as { address(): { port: number } }).address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const loads = [
      await coldLoads(browser, base, 'sign-in page (/sign-in)', '/sign-in', null),
      await coldLoads(browser, base, 'dashboard (/dashboard, head of 3302)', '/dashboard', 'bench.head'),
    ];
    const ex = await explorer(browser, base);
    const stat = (xs: number[]) => ({ median: median(xs), p95: p95(xs), max: Math.max(...xs) });
    const table = [
      `Portal on ${db.kind === 'embedded' ? 'the embedded engine' : 'PostgreSQL'}, ${FINDINGS.toLocaleString('en')} findings; ${machine()}`,
      '',
      `(a) cold first load, ${RUNS} runs each (a new browser context per run), median / p95 in ms:`,
      '',
      '| page | responseEnd | DOMContentLoaded | load | first contentful paint | heading shown | KiB transferred |',
      '|---|---|---|---|---|---|---|',
      ...loads.map((l) => {
        const c = (k: keyof LoadTiming) => `${ms(median(l.col(k)))} / ${ms(p95(l.col(k)))}`;
        return `| ${l.label} | ${c('responseEnd')} | ${c('domContentLoaded')} | ${c('load')} | ${c('fcp')} | ${c('ready')} | ${(median(l.col('bytes')) / 1024).toFixed(0)} |`;
      }),
      '',
      `(b) findings explorer, ${ex.firstPageRows} rows a page, click "next page" → the new page's rows rendered (goal < ${GOAL_MS} ms):`,
      '',
      '| pages | median | p95 | max | over goal |',
      '|---|---|---|---|---|',
      `| 1–${PAGES + 1} (from the first) | ${ms(stat(ex.pages).median)} | ${ms(stat(ex.pages).p95)} | ${ms(stat(ex.pages).max)} | ${ex.pages.filter((x) => x >= GOAL_MS).length} |`,
      `| the same ${PAGES + 1} pages, GET /api/findings alone | ${ms(stat(ex.api).median)} | ${ms(stat(ex.api).p95)} | ${ms(stat(ex.api).max)} | ${ex.api.filter((x) => x >= GOAL_MS).length} |`,
      ...(ex.deep.length
        ? [
            `| ${DEEP_PAGES} deep (${ex.deepNote}) | ${ms(stat(ex.deep).median)} | ${ms(stat(ex.deep).p95)} | ${ms(stat(ex.deep).max)} | ${ex.deep.filter((x) => x >= GOAL_MS).length} |`,
          ]
        : [`| deep | ${ex.deepNote} | | | |`]),
    ];
    process.stdout.write(`${table.join('\n')}\n\n`);
    process.stdout.write(
      `${JSON.stringify(
        {
          findings: FINDINGS,
          database: db.kind,
          machine: machine(),
          runs: RUNS,
          seedMs: Object.fromEntries(seedTimings.map(([k, v]) => [k, Math.round(v)])),
          coldLoad: loads.map((l) => ({
            page: l.label,
            median: Object.fromEntries(
              (['responseEnd', 'domContentLoaded', 'load', 'fcp', 'ready', 'bytes'] as const).map((k) => [
                k,
                Math.round(median(l.col(k))),
              ]),
            ),
            p95: Object.fromEntries(
              (['responseEnd', 'domContentLoaded', 'load', 'fcp', 'ready', 'bytes'] as const).map((k) => [
                k,
                Math.round(p95(l.col(k))),
              ]),
            ),
          })),
          explorer: {
            rowsPerPage: ex.firstPageRows,
            pages: { ...stat(ex.pages), all: ex.pages.map((x) => Math.round(x)) },
            deep: ex.deep.length
              ? { ...stat(ex.deep), all: ex.deep.map((x) => Math.round(x)), note: ex.deepNote }
              : ex.deepNote,
            api: { ...stat(ex.api), all: ex.api.map((x) => Math.round(x)) },
            goalMs: GOAL_MS,
            met: [...ex.pages, ...ex.deep].every((x) => x < GOAL_MS),
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}

void main().catch((e: Error) => {
  process.stderr.write(`portal bench: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
