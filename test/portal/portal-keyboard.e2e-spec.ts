import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  FIXTURE_FIRM,
  launchBrowser,
  newSession,
  PASSWORD,
  recentInspectionFolder,
  settled,
  startPortalServer,
  type PortalServer,
} from './portal-harness';

/**
 * The case flow with the keyboard alone, in English, on PostgreSQL: every person signs in, reaches the case, opens
 * an action, answers its form and submits it by Tab, typing, Space and Enter — no click anywhere. Each control the
 * walk lands on must show that it has the focus. The head files and assigns, an inspector proposes, the legal
 * reviewer approves, the head notifies, and the firm states its defence.
 */
jest.setTimeout(120_000);

/** The little of the page's DOM the focus checks use (the test build has no DOM library). */
interface FocusElement {
  matches(selector: string): boolean;
  closest(selector: string): FocusElement | null;
  querySelector(selector: string): FocusElement | null;
  outerHTML: string;
}
interface FocusGlobals {
  document: { activeElement: FocusElement | null };
  getComputedStyle(e: FocusElement): { outlineStyle: string; outlineWidth: string; boxShadow: string };
}

describe('the case flow by keyboard alone', () => {
  let server: PortalServer;
  let browser: Browser;
  let dir: string;
  const contexts: BrowserContext[] = [];
  let caseId = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'portal-keyboard-'));
    server = await startPortalServer(
      'postgres',
      {
        inspector: {
          username: 'li',
          displayName: 'Li Inspector',
          roles: ['inspector'],
          regionCode: '3302',
          certificateNumber: '33020002',
        },
        inspector2: {
          username: 'wang',
          displayName: 'Wang Inspector',
          roles: ['inspector'],
          regionCode: '3302',
          certificateNumber: '33020001',
        },
        head: { username: 'chen', displayName: 'Chen Head', roles: ['head'], regionCode: '3302' },
        reviewer: {
          username: 'zhao',
          displayName: 'Zhao Reviewer',
          roles: ['legal_reviewer'],
          regionCode: '3302',
        },
        firm: {
          username: 'firm-key',
          displayName: 'Firm user',
          roles: ['firm'],
          firmCreditCode: FIXTURE_FIRM,
        },
      },
      '2026-01-05',
    );
    browser = await launchBrowser();
    await server.uploadInspection('inspector', recentInspectionFolder(dir));
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  /** A new English session signed in by keyboard, landing on `next`. */
  const signIn = async (username: string, next: string): Promise<Page> => {
    const context = await newSession(browser, 'laptop', 'en');
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#username').waitFor();
    await tabTo(page, '#username');
    await page.keyboard.type(username);
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
    return page;
  };

  /** From the case list, Tab to the case's link and follow it with Enter. */
  const openFromList = async (page: Page): Promise<void> => {
    await page.getByTestId('case-table').locator('tbody tr.ant-table-row').first().waitFor();
    await tabTo(page, `[data-testid=case-table] a[href$="/cases/${caseId}"]`);
    await page.keyboard.press('Enter');
    await page.getByTestId('case-state').waitFor();
  };

  /** Tab to the action's button, open it with Enter, let `answer` fill the form by keyboard, Tab to submit, Enter. */
  const act = async (page: Page, action: string, state: string, answer?: () => Promise<void>) => {
    await tabTo(page, `[data-testid=action-${action}]`);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await settled(page);
    if (answer) await answer();
    await tabTo(page, '[data-testid=action-submit]');
    await page.keyboard.press('Enter');
    try {
      await dialog.waitFor({ state: 'detached', timeout: 45_000 });
    } catch {
      // Say why: the form's own messages (a field left empty, the server's problem) are in the dialog.
      throw new Error(`the ${action} dialog stayed open: ${(await dialog.textContent())?.slice(0, 600)}`);
    }
    await expectText(page, '[data-testid=case-state]', state);
  };

  it('is filed and assigned by the head', async () => {
    const head = await signIn('chen', '/cases?state=clue');
    const list = (await server.call('head', 'GET', '/api/cases?state=clue')).json as {
      items: { id: string }[];
    };
    caseId = list.items[0].id;
    await openFromList(head);
    await act(head, 'file', 'Filed');
    await act(head, 'assign', 'Investigating', async () => {
      await tabTo(head, '#handlers');
      // The picker lists the region's certified inspectors: each is found by typing its certificate number.
      for (const [certificate, name] of [
        ['33020001', 'Wang Inspector'],
        ['33020002', 'Li Inspector'],
      ]) {
        await head.keyboard.type(certificate);
        // Enter chooses the active option: under load it can still be the list before the typed text filtered it.
        await head
          .locator('.ant-select-item-option-active', { hasText: `Certificate ${certificate}` })
          .waitFor();
        await head.keyboard.press('Enter');
        // The choice is made once its tag shows in the field (CI once submitted before the second one had).
        await head
          .getByRole('dialog')
          .locator('.ant-select-selection-item', { hasText: `${name} · ${certificate}` })
          .waitFor();
      }
      // An open list takes Tab as "choose this option" (the combobox pattern): Escape closes the list first, and
      // only the list, not the dialog.
      if ((await head.locator('#handlers').getAttribute('aria-expanded')) === 'true') {
        await head.keyboard.press('Escape');
        // The list closes a render later: a Tab before that would still take the active option (and drop it).
        await head.locator('#handlers:not([aria-expanded="true"])').waitFor();
      }
      await head.getByRole('dialog').waitFor();
    });
    await expectText(head, '[data-testid=case-handlers]', 'Certificate 33020001');
  });

  it('is proposed by an inspector and approved by the legal reviewer', async () => {
    const a = (
      (await server.call('head', 'GET', `/api/cases/${caseId}`)).json as { assessment: { amount: string } }
    ).assessment;
    const inspector = await signIn('wang', '/cases');
    await openFromList(inspector);
    await act(inspector, 'propose', 'Penalty proposed', async () => {
      await tabTo(inspector, '#amount');
      await inspector.keyboard.press('ControlOrMeta+A');
      await inspector.keyboard.type(a.amount);
    });

    const reviewer = await signIn('zhao', '/cases');
    await openFromList(reviewer);
    await act(reviewer, 'review', 'Legally reviewed', async () => {
      await tabTo(reviewer, 'input[type=radio][value=approved]');
      await reviewer.keyboard.press('Space');
      expect(await reviewer.locator('input[type=radio][value=approved]').isChecked()).toBe(true);
    });
  });

  it('is notified by the head, and the firm states its defence', async () => {
    const head = await signIn('chen', '/cases');
    await openFromList(head);
    await act(head, 'notify', 'Party notified');

    const firm = await signIn('firm-key', '/cases');
    await openFromList(firm);
    await act(firm, 'defend', 'Party notified', async () => {
      await tabTo(firm, '#statement');
      await firm.keyboard.type('We have removed the cameras and ask for a lighter penalty.');
    });
    const detail = (await server.call('head', 'GET', `/api/cases/${caseId}`)).json as {
      timeline: { action: string; input: Record<string, unknown> }[];
    };
    expect(detail.timeline.map((s) => s.action)).toEqual([
      'file',
      'assign',
      'propose',
      'review',
      'notify',
      'defend',
    ]);
    expect(detail.timeline[5].input.statement).toBe(
      'We have removed the cameras and ask for a lighter penalty.',
    );
  });
});

/**
 * Presses Tab until the focused element is (or is inside) `selector`, and checks that the focus shows: an outline or
 * a ring (box-shadow) on the element or the antd wrapper that draws it. Fails naming what had the focus last.
 */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(`${selector}:focus, ${selector} :focus`).count()) {
      // antd marks the focused control's wrapper after React re-renders and animates its ring in: allow it a moment.
      for (let t = 0; t < 10; t++) {
        if (await focusShows(page)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${selector} has the focus but does not show it`);
    }
  }
  const last = await page.evaluate(
    () =>
      (globalThis as unknown as FocusGlobals).document.activeElement?.outerHTML.slice(0, 160) ?? '(nothing)',
  );
  throw new Error(`Tab never reached ${selector} in ${max} presses; the focus was last on ${last}`);
}

/**
 * Whether the focused element, or the antd wrapper that draws its ring, shows an outline or a ring that can be seen:
 * a shadow at least 30 % opaque (antd's default ring, at 8 %, is not).
 */
function focusShows(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const g = globalThis as unknown as FocusGlobals;
    const el = g.document.activeElement;
    const opaque = (shadow: string): boolean =>
      [...shadow.matchAll(/rgba?\(([^)]+)\)/g)].some((m) => {
        const parts = m[1].split(',').map((x) => parseFloat(x));
        return (parts[3] ?? 1) >= 0.3;
      });
    const shows = (e: FocusElement | null): boolean => {
      if (!e) return false;
      const c = g.getComputedStyle(e);
      return (
        (c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0) ||
        (c.boxShadow !== 'none' && opaque(c.boxShadow))
      );
    };
    if (!el) return false;
    const wrapper = el.closest('.ant-input-affix-wrapper') ?? el.closest('.ant-select, .ant-radio-wrapper');
    const ring = wrapper?.querySelector('.ant-select-selector, .ant-radio-inner') ?? null;
    return shows(el) || shows(wrapper) || shows(ring);
  });
}

/** Waits (up to 20 s) until the element's text contains `text`, then asserts it. */
async function expectText(page: Page, selector: string, text: string): Promise<void> {
  const until = Date.now() + 20_000;
  let last = '';
  while (Date.now() < until) {
    last =
      (await page
        .locator(selector)
        .first()
        .textContent({ timeout: 2_000 })
        .catch(() => null)) ?? '';
    if (last.includes(text)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(last).toContain(text);
}
