import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTempDir } from '@app/testing';
import {
  choose,
  FIXTURE_FIRM,
  launchBrowser,
  newSession,
  recentInspectionFolder,
  screenshot,
  SCREENSHOTS,
  seriousViolations,
  signIn,
  startPortalServer,
  type Lang,
  type PortalServer,
  type SizeName,
} from './portal-harness';

/**
 * The findings explorer, a finding down to its consent records and input lines, and accuracy evaluations (a
 * comparisons CSV and a trial log, stored and reopened after a reload) with the DET curve and PDF report — as an
 * inspector, in both languages and at both sizes.
 */
jest.setTimeout(120_000);

const COMPARISONS = path.join(
  __dirname,
  '..',
  '..',
  'libs',
  'recognition',
  'src',
  'fixtures',
  'comparisons',
  'fmr-claim-refuted.csv',
);

const FACE_IMAGES = ['astronaut.jpg', 'grace-hopper.jpg'].map((f) =>
  path.join(__dirname, '..', '..', 'libs', 'recognition', 'src', 'fixtures', 'faces', f),
);
/** A vendor's trial log over the two fixture faces: one false reject and one false accept in four attempts. */
const TRIAL_LOG = [
  'probeImage,referenceImage,probeSubject,referenceSubject,decision,score',
  'astronaut.jpg,astronaut.jpg,collins,collins,accept,0.91',
  'grace-hopper.jpg,grace-hopper.jpg,hopper,hopper,reject,0.42',
  'astronaut.jpg,grace-hopper.jpg,collins,hopper,reject,0.12',
  'grace-hopper.jpg,astronaut.jpg,hopper,collins,accept,0.77',
].join('\n');

interface FindingsPage {
  items: { id: string; reason: string; firm: string }[];
  nextCursor: string | null;
}

describe('findings and evaluations in the portal', () => {
  let server: PortalServer;
  let browser: Browser;
  let tmp: { dir: string; remove(): void };
  let all: FindingsPage['items'];
  let reason: string;
  let trialLog: string;

  beforeAll(async () => {
    tmp = createTempDir();
    trialLog = path.join(tmp.dir, 'trial-log.csv');
    writeFileSync(trialLog, TRIAL_LOG);
    server = await startPortalServer('embedded', {
      inspector: {
        username: 'wang',
        displayName: '王检查员',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '33020019001',
      },
    });
    await server.uploadInspection('inspector', recentInspectionFolder(tmp.dir));
    const res = await server.call('inspector', 'GET', '/api/findings?limit=500');
    all = (res.json as FindingsPage).items;
    // The reason with the most findings, so that a page of 2 has a next page.
    const counts = new Map<string, number>();
    for (const f of all) counts.set(f.reason, (counts.get(f.reason) ?? 0) + 1);
    reason = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it('serves a finding with each consent record judged by the detection core', async () => {
    const ids = all.filter((f) => f.reason !== 'NO_CONSENT' && f.reason !== 'FACE_ONLY_ACCESS');
    expect(ids.length).toBeGreaterThan(0);
    const { json } = await server.call('inspector', 'GET', `/api/findings/${ids[0].id}`);
    const d = json as { reason: string; consents: { failedBecause: string | null }[] };
    expect(d.consents.length).toBeGreaterThan(0);
    // The finding's reason is the step that eliminated the last records: every record it names fails there.
    expect(d.consents.map((c) => c.failedBecause)).toEqual(d.consents.map(() => d.reason));
    const ordered = await server.call('inspector', 'GET', `/api/findings?limit=500&order=desc`);
    expect((ordered.json as FindingsPage).items.map((f) => f.id)).toEqual(all.map((f) => f.id).reverse());
  });

  const reasonLabel = (lang: Lang, r: string): string => {
    const catalogue = JSON.parse(
      readFileSync(
        path.join(__dirname, '..', '..', 'apps', 'portal', 'src', 'findings', 'locales', `${lang}.json`),
        'utf8',
      ),
    ) as { reasons: Record<string, string> };
    return catalogue.reasons[r];
  };

  const cases: [Lang, SizeName][] = [
    ['zh-CN', 'laptop'],
    ['en', 'desktop'],
    ['en', 'laptop'],
    ['zh-CN', 'desktop'],
  ];

  it.each(cases)('filters, pages and opens a finding (%s, %s)', async (lang, size) => {
    const context = await newSession(browser, size, lang);
    const page = await signIn(context, server.url, 'wang', '/findings');
    const zh = lang === 'zh-CN';
    await page.getByRole('heading', { level: 1, name: zh ? '违法线索明细' : 'Findings' }).waitFor();
    const table = page.getByTestId('findings-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await screenshot(page, 'findings', lang, size);
    expect(await seriousViolations(page)).toEqual([]);

    // Filter by reason and firm through the form: the URL holds the filters.
    await choose(page, page.getByLabel(zh ? '违法情形' : 'Reason'), reasonLabel(lang, reason));
    await page.getByLabel(zh ? '单位（统一社会信用代码）' : 'Firm (credit code)').fill(FIXTURE_FIRM);
    await page.getByTestId('findings-apply').click();
    await page.waitForURL(
      (u) => u.searchParams.get('reason') === reason && u.searchParams.get('firm') === FIXTURE_FIRM,
    );
    const expected = all.filter((f) => f.reason === reason && f.firm === FIXTURE_FIRM);
    await expectRows(
      page,
      expected.slice(0, 50).map((f) => f.id),
    );
    await expect(table.locator('tbody tr[data-row-key]').first().textContent()).resolves.toContain(
      reasonLabel(lang, reason),
    );

    // Pages of 3 from a shared link: forward and back by keyset cursors, without a count; the back button too.
    const firms = all.filter((f) => f.firm === FIXTURE_FIRM).map((f) => f.id);
    expect(firms.length).toBeGreaterThan(6);
    await page.goto(`${server.url}/findings?firm=${FIXTURE_FIRM}&limit=3`);
    await expectRows(page, firms.slice(0, 3));
    await page.getByTestId('findings-next').click();
    await expectRows(page, firms.slice(3, 6));
    await page.getByTestId('findings-next').click();
    await expectRows(page, firms.slice(6, 9));
    await expect(page.getByText(zh ? '第 3 页' : 'Page 3').count()).resolves.toBe(1);
    await page.getByTestId('findings-previous').click();
    await expectRows(page, firms.slice(3, 6));
    await page.goBack();
    await expectRows(page, firms.slice(6, 9));

    // Open a finding whose consent records failed: each says why, with its input line.
    const withConsents = all.find((f) => f.reason !== 'NO_CONSENT' && f.reason !== 'FACE_ONLY_ACCESS')!;
    await page.goto(`${server.url}/findings/${withConsents.id}`);
    const consents = page.getByTestId('finding-consents');
    await consents.locator('tbody tr[data-row-key]').first().waitFor();
    await expect(consents.getByTestId('consent-failure').first().textContent()).resolves.toBe(
      reasonLabel(lang, withConsents.reason),
    );
    await expect(consents.textContent()).resolves.toMatch(
      zh ? /consents\.csv 第 \d+ 行/ : /consents\.csv, line \d+/,
    );
    const captures = page.getByTestId('finding-captures');
    await expect(captures.textContent()).resolves.toMatch(
      zh ? /captures\.jsonl 第 \d+ 行/ : /captures\.jsonl, line \d+/,
    );
    await screenshot(page, 'finding', lang, size);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it.each(cases)(
    'evaluates comparisons and a trial log, reopens a stored run after a reload and downloads its PDF (%s, %s)',
    async (lang, size) => {
      const context = await newSession(browser, size, lang);
      const page = await signIn(context, server.url, 'wang', '/evaluations');
      const zh = lang === 'zh-CN';
      await page
        .getByRole('heading', { level: 1, name: zh ? '识别准确性评估' : 'Accuracy evaluations' })
        .waitFor();
      // Nothing open yet: the page says what to do.
      await page
        .getByText(zh ? '上传比对结果 CSV 或试用记录' : 'Upload a comparisons CSV or a trial log')
        .waitFor();

      // A comparisons CSV with a claim document naming the vendor and device.
      await page.locator('input[type=file]').first().setInputFiles(COMPARISONS);
      await page
        .getByLabel(zh ? '厂商声明' : "Vendor's claim")
        .fill('{"metric":"FMR","max":0.01,"vendor":"Acme","device":"Gate X1"}');
      await page.getByLabel(zh ? '判定阈值' : 'Threshold').fill('0.7');
      await page.getByTestId('evaluation-run').click();
      const verdict = page.getByTestId('evaluation-verdict');
      await verdict.getByText(zh ? '声明不成立' : 'Claim not met').waitFor();
      // 20 false matches in 200 impostor comparisons: 10 %, as the fixture's expectation says.
      await expect(page.getByTestId('evaluation-rates').textContent()).resolves.toContain('20 / 200');
      await page.waitForURL(/\?run=\d+/);
      const comparisonsUrl = page.url();
      const comparisonsId = new URL(comparisonsUrl).searchParams.get('run')!;
      await page.getByTestId('det-chart').locator('canvas').first().waitFor();
      const first = page.getByTestId('evaluation-run-item').first();
      await expect(first.getAttribute('data-run')).resolves.toBe(comparisonsId);
      await expect(first.textContent()).resolves.toContain('Acme · Gate X1');

      // A trial log with the images it names: the verdict is on the device's own decisions.
      await page
        .getByTestId('evaluation-kind')
        .getByText(zh ? '试用记录' : 'Trial log')
        .click();
      await page.getByText(zh ? '试用记录 CSV' : 'Trial log CSV').waitFor();
      await page.locator('input[type=file]').nth(0).setInputFiles(trialLog);
      await page.locator('input[type=file]').nth(1).setInputFiles(FACE_IMAGES);
      await page.getByLabel(zh ? '厂商声明' : "Vendor's claim").fill('accuracy ≥ 99 %');
      await page.getByTestId('evaluation-run').click();
      await page.getByTestId('evaluation-reference').waitFor();
      await page.waitForURL((u) => u.searchParams.get('run') !== comparisonsId);
      const trialId = new URL(page.url()).searchParams.get('run')!;
      await expect(page.getByTestId('evaluation-file').textContent()).resolves.toContain('trial-log.csv');
      await verdict.getByText(zh ? '声明不成立' : 'Claim not met').waitFor();
      await expect(page.getByTestId('evaluation-run-item').first().getAttribute('data-run')).resolves.toBe(
        trialId,
      );
      await page.locator('body').focus();
      await screenshot(page, 'evaluations-trial-log', lang, size);
      expect(await seriousViolations(page)).toEqual([]);

      // A reload of the comparisons run's address opens the stored run again.
      await page.goto(comparisonsUrl);
      await page.getByTestId('evaluation-stored').waitFor();
      await verdict.getByText(zh ? '声明不成立' : 'Claim not met').waitFor();
      await expect(page.getByTestId('evaluation-rates').textContent()).resolves.toContain('20 / 200');
      await expect(page.getByTestId('evaluation-file').textContent()).resolves.toContain(
        'fmr-claim-refuted.csv',
      );
      await page.getByTestId('det-chart').locator('canvas').first().waitFor();
      await page.locator('body').focus();
      await screenshot(page, 'evaluations', lang, size);
      expect(await seriousViolations(page)).toEqual([]);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('evaluation-download').click(),
      ]);
      const file = path.join(tmp.dir, `report-${lang}-${size}.pdf`);
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (lang === 'en' && size === 'desktop' && existsSync('/usr/bin/pdftoppm')) {
        const out = path.join(SCREENSHOTS, 'evaluation-report');
        execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '2', file, out]);
      }

      // The trial log's run, opened from the list: the reference engine beside the device.
      await page.locator(`[data-testid=evaluation-run-item][data-run="${trialId}"]`).click();
      await page.getByTestId('evaluation-reference').waitFor();
      await expect(page.getByTestId('evaluation-file').textContent()).resolves.toContain('trial-log.csv');
      await context.close();
    },
  );
});

async function rowsOf(page: Page): Promise<string[]> {
  const table = page.getByTestId('findings-table');
  await table.locator('tbody tr[data-row-key]').first().waitFor();
  return table
    .locator('tbody tr[data-row-key]')
    .evaluateAll((rows) =>
      rows.map((r) => (r as unknown as { getAttribute(n: string): string }).getAttribute('data-row-key')),
    );
}

/** Waits until the table shows these rows (a new page replaces the previous one when it has arrived). */
async function expectRows(page: Page, ids: string[]): Promise<void> {
  let rows: string[] = [];
  for (let i = 0; i < 50; i++) {
    rows = await rowsOf(page);
    if (JSON.stringify(rows) === JSON.stringify(ids)) return;
    await page.waitForTimeout(200);
  }
  expect(rows).toEqual(ids);
}
