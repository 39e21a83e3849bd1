import { appendFileSync, chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import type { Browser, Page } from 'playwright-core';
import { IngestService } from '@app/inspection';
import { DATABASE, type Database } from '@app/persistence';
import { ConsentWatch, ReauditFirm } from '@app/supervision';
import { createTempDir } from '@app/testing';
import {
  FIXTURE_FIRM,
  launchBrowser,
  newSession,
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
 * Firms and inspections in a real browser: an inspector uploads an inspection folder as a zip and as a folder,
 * follows its progress to the result and the case it opened; the firm page shows every batch with counts that
 * reconcile, a quarantined line with its reason, and verify says intact — then tampered once a stored raw file is
 * edited on disk; a firm's account sees only its own firm. Every page in both languages and both sizes, with axe.
 */
jest.setTimeout(120_000);

const COMBOS: [Lang, SizeName][] = [
  ['zh-CN', 'laptop'],
  ['en', 'desktop'],
  ['zh-CN', 'desktop'],
  ['en', 'laptop'],
];
const OTHER_FIRM = '91330106MA2GT0CD2R';

describe('firms and inspections in the portal', () => {
  let server: PortalServer;
  let browser: Browser;
  let folder: string;
  let zipFile: string;
  let cleanup: () => void;
  const inspections: string[] = [];

  beforeAll(async () => {
    const tmp = createTempDir();
    cleanup = tmp.remove;
    folder = recentInspectionFolder(tmp.dir);
    const zip = new AdmZip();
    zip.addLocalFolder(folder, path.basename(folder));
    zipFile = path.join(tmp.dir, 'recent-inspection.zip');
    zip.writeZip(zipFile);
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
        firm: { username: 'acme', displayName: '某置业公司', roles: ['firm'], firmCreditCode: FIXTURE_FIRM },
      },
      '2026-01-12',
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanup?.();
  });

  async function expectAccessible(page: Page) {
    expect(await seriousViolations(page)).toEqual([]);
  }

  it.each([
    ['zip', 'zh-CN', 'laptop'],
    ['folder', 'en', 'desktop'],
  ] as const)(
    'uploads the inspection folder as a %s, follows its progress and lands on the result (%s, %s)',
    async (how, lang, size) => {
      const context = await newSession(browser, size, lang);
      const page = await signIn(context, server.url, 'wang', '/inspections/new');
      await page
        .getByRole('heading', { level: 1, name: lang === 'zh-CN' ? '新建检查' : 'New inspection' })
        .waitFor();
      await expectAccessible(page);
      await screenshot(page, 'inspection-new', lang, size);

      if (how === 'zip') await page.getByTestId('inspection-zip-input').setInputFiles(zipFile);
      else await page.getByTestId('inspection-folder-input').setInputFiles(folder);
      await expect(page.getByTestId('inspection-selection').textContent()).resolves.toMatch(
        how === 'zip'
          ? /recent-inspection\.zip/
          : new RegExp(`${readdirSync(folder).length} files selected from recent-inspection`),
      );
      await page.getByTestId('inspection-start').click();
      await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
      inspections.push(new URL(page.url()).pathname.split('/').pop()!);
      await page.getByTestId('inspection-progress').waitFor();
      await screenshot(page, 'inspection-progress', lang, size);

      const done = page.getByTestId('inspection-done');
      await done.waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('inspection-status').textContent()).resolves.toBe(
        lang === 'zh-CN' ? '已完成' : 'Done',
      );
      const id = inspections[inspections.length - 1];
      const status = (await server.call('inspector', 'GET', `/api/inspections/${id}`)).json as {
        result: { findings: { capturesWithoutValidConsent: number } };
      };
      const without = status.result.findings.capturesWithoutValidConsent;
      expect(without).toBeGreaterThan(0);
      await expect(page.getByTestId('without-consent').textContent()).resolves.toBe(String(without));
      const text = (await done.textContent()) ?? '';
      expect(text).toContain(lang === 'zh-CN' ? '未取得同意' : 'No consent');
      await expectAccessible(page);
      await screenshot(page, 'inspection-done', lang, size);

      if (how === 'zip') {
        const caseLink = page.getByTestId('inspection-case-link');
        await caseLink.waitFor();
        await caseLink.click();
        await page.waitForURL(/\/cases\/\d+$/);
        const cases = await server.call('inspector', 'GET', `/api/cases?firm=${FIXTURE_FIRM}`);
        const ids = (cases.json as { items: { id: string }[] }).items.map((c) => c.id);
        expect(ids).toContain(new URL(page.url()).pathname.split('/').pop());
      }
      await context.close();
    },
  );

  it.each(COMBOS)(
    'shows the firm with its batches, reconciled counts, quarantined lines and an intact verify (%s, %s)',
    async (lang, size) => {
      const context = await newSession(browser, size, lang);
      const page = await signIn(context, server.url, 'wang', '/firms');
      await page.locator(`tr:has-text("${FIXTURE_FIRM}")`).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'firms', lang, size);

      await page.locator(`tr:has-text("${FIXTURE_FIRM}") a`).first().click();
      await page.waitForURL(new RegExp(`/firms/${FIXTURE_FIRM}$`));
      const table = page.getByTestId('batch-table');
      await table.waitFor();
      // Every batch (firm, devices, captures, consents; the second upload's identical files are the same batches)
      // reconciles and says so.
      const counts = await page.getByTestId('batch-counts').allTextContents();
      expect(counts.length).toBe(4);
      for (const c of counts) expect(c).toContain('✓');
      expect(counts.join('\n')).toContain(
        lang === 'zh-CN'
          ? '读取 19 = 接收 12 + 重复 2 + 冲突 0 + 跳过 0 + 拒收 5'
          : 'read 19 = accepted 12 + duplicates 2 + conflicts 0 + skipped 0 + rejected 5',
      );
      await page
        .getByRole('img', { name: lang === 'zh-CN' ? '同意覆盖情况（按月）' : 'Consent coverage over time' })
        .waitFor();
      await page.getByTestId('firm-cases').getByRole('link').first().waitFor();

      // The first captures batch: its custody, a quarantined line with its reason, verify → intact.
      const row = page.locator('tr', { hasText: 'captures.jsonl' }).first();
      await row.getByRole('button', { name: lang === 'zh-CN' ? '展开行' : 'Expand row' }).click();
      const quarantine = page.getByTestId('quarantine-table').first();
      await quarantine.waitFor();
      expect(await quarantine.textContent()).toMatch(
        lang === 'zh-CN'
          ? /缺少必填字段|取值无效|时间无效|记录行格式错误/
          : /Required field missing|Invalid value|Invalid time|Malformed line/,
      );
      await page.getByTestId('verify-button').first().click();
      const result = page.getByTestId('verify-result').first();
      await result.waitFor();
      expect(await result.textContent()).toContain(lang === 'zh-CN' ? '完好' : 'Intact');
      await expectAccessible(page);
      await screenshot(page, 'firm', lang, size);
      await context.close();
    },
  );

  it('says tampered once a stored raw file was edited on disk', async () => {
    const db = server.app.get<Database>(DATABASE);
    const [batch] = await db.dataSource.query<{ id: string; storage_path: string }[]>(
      `SELECT id::text, storage_path FROM ingest_batch WHERE kind = 'captures' ORDER BY id LIMIT 1`,
    );
    const original = readFileSync(batch.storage_path);
    chmodSync(batch.storage_path, 0o644);
    appendFileSync(batch.storage_path, Buffer.from('\n'));
    try {
      const context = await newSession(browser, 'laptop', 'zh-CN');
      const page = await signIn(context, server.url, 'wang', `/firms/${FIXTURE_FIRM}`);
      const row = page.locator('tr', { hasText: 'captures.jsonl' }).first();
      await row.getByRole('button', { name: '展开行' }).click();
      await page.getByTestId('verify-button').first().click();
      const result = page.getByTestId('verify-result').first();
      await result.waitFor();
      expect(await result.textContent()).toContain('已被篡改');
      await expectAccessible(page);
      await screenshot(page, 'firm-tampered', 'zh-CN', 'laptop');
      await context.close();
    } finally {
      writeFileSync(batch.storage_path, original);
    }
  });

  it.each([
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
  ] as const)(
    "shows the consent watch's notices to the firm and the officer, the re-audit and its clue to the officer only (%s, %s)",
    async (lang, size) => {
      if (lang === 'zh-CN') {
        // New evidence after the uploaded audits: two strangers captured; then the nightly jobs run.
        const tmp = createTempDir();
        try {
          const more = recentInspectionFolder(tmp.dir);
          appendFileSync(
            path.join(more, 'captures.jsonl'),
            ['N1', 'N2']
              .map((id, i) =>
                JSON.stringify({
                  eventId: id,
                  deviceId: 'CAM-01',
                  occurredAt: `2025-05-02T09:0${i}:00+08:00`,
                  eventType: 'face_match',
                  subjectRef: `P-stranger-${i + 1}`,
                  matchScore: 0.95,
                }),
              )
              .join('\n') + '\n',
          );
          await server.app.get(IngestService).ingestFolder(more, { operator: 'wang' });
        } finally {
          tmp.remove();
        }
        const reaudit = await server.app.get(ReauditFirm).run({ creditCode: FIXTURE_FIRM });
        expect(reaudit.summary).toMatchObject({ newFindings: { NO_CONSENT: 2 }, clue: { opened: true } });
        const watch = await server.app.get(ConsentWatch).run({ creditCode: FIXTURE_FIRM });
        expect(watch.summary).toMatchObject({ notices: 2 });
      }
      // The firm's account: its notices (C3 withdrawn, C4 expired, both followed by captures in April 2025), and
      // nothing of the re-audit or its clue.
      const own = await newSession(browser, size, lang);
      const firmPage = await signIn(own, server.url, 'acme', '/firms');
      const notices = firmPage.getByTestId('firm-notices');
      await notices.getByRole('alert').nth(1).waitFor();
      expect(await notices.getByRole('heading', { level: 2 }).textContent()).toBe(
        lang === 'zh-CN' ? '致贵单位的通知' : 'Notices to you',
      );
      const text = (await notices.textContent()) ?? '';
      // Days in Beijing: C3 was withdrawn at midnight on 1 March, C4 expired on 1 February.
      expect(text).toContain(
        lang === 'zh-CN'
          ? '同意 C3 已于 2025年3月1日 撤回；2025-04 仍采集同一人 1 次'
          : 'Consent C3 was withdrawn on Mar 1, 2025; 1 capture(s) of the same person followed in 2025-04',
      );
      expect(text).toContain(
        lang === 'zh-CN' ? '同意 C4 已于 2025年2月1日 到期' : 'Consent C4 expired on Feb 1, 2025',
      );
      await firmPage.getByTestId('batch-table').waitFor();
      expect(await firmPage.getByTestId('firm-reaudits').count()).toBe(0);
      await expectAccessible(firmPage);
      await screenshot(firmPage, 'firm-own-notices', lang, size);
      await own.close();

      // The region's inspector: the same notices, and the re-audit with its new findings and the clue it opened.
      const context = await newSession(browser, size, lang);
      const page = await signIn(context, server.url, 'wang', `/firms/${FIXTURE_FIRM}`);
      const reaudits = page.getByTestId('firm-reaudits');
      await reaudits.getByTestId('supervision-clue').waitFor();
      expect(await reaudits.getByTestId('supervision-clue').textContent()).toContain(
        `BA-${FIXTURE_FIRM}-M0001`,
      );
      expect(await reaudits.locator('tbody tr.ant-table-row').first().textContent()).toContain(
        lang === 'zh-CN' ? '未取得同意 2' : 'No consent 2',
      );
      await page.getByTestId('firm-notices').getByRole('alert').nth(1).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'firm-supervision', lang, size);
      await reaudits.getByRole('link', { name: lang === 'zh-CN' ? '查看线索' : 'Open the clue' }).click();
      await page.waitForURL(/\/cases\/\d+$/);
      await context.close();
    },
  );

  it.each([
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
  ] as const)("shows a firm's account only its own firm (%s, %s)", async (lang, size) => {
    const context = await newSession(browser, size, lang);
    const page = await signIn(context, server.url, 'acme', '/firms');
    await page.waitForURL(new RegExp(`/firms/${FIXTURE_FIRM}$`));
    await page.getByTestId('batch-table').waitFor();
    await page
      .getByRole('heading', { level: 2, name: lang === 'zh-CN' ? '我的报送' : 'My submissions' })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: lang === 'zh-CN' ? '我的案件' : 'My cases' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'firm-own', lang, size);

    await page.goto(`${server.url}/firms/${OTHER_FIRM}`);
    await page.getByTestId('firm-not-found').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      lang === 'zh-CN' ? '未找到该企业' : 'No such firm',
    );
    await expectAccessible(page);
    await context.close();
  });
});
