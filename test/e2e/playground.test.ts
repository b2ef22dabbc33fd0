/**
 * The Playground end to end, in Debian's chromium against the built site: a chapter loads
 * neither Monaco nor the sandbox; Run streams output and the trace; reader code cannot
 * reach the network, storage or the page; `while (true) {}` ends with a clear message and
 * a responsive page, and Run works after; the code survives a reload; a copied link shows
 * the code without running it and reproduces the run; a malformed link leaves saved code
 * alone; an exercise check fails a wrong solution (and opens the failing run) and passes the
 * solution, the pass and the open hints stay (sidebar mark, reload), and "Reset my progress"
 * (after its confirmation) clears them; axe finds nothing serious; no console errors. Screenshots in test-results/.
 */
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { isMonacoRequest, openPage, screenshot, NO_SERVICE_WORKER } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { idle, run, savedCode, typeCode } from './playground-page.ts';
import { exercisePages } from './exercise-pages.ts';

const base = inject('baseURL');
const browser = useBrowser();

const isSandboxRequest = (url: string): boolean => /sandbox\.worker|gate\.worker/.test(url);

async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const ISOLATION = `const g = globalThis as any;
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'indexedDB', 'caches', 'localStorage', 'parent', 'document', 'window']) {
  console.log(name + ': ' + typeof g[name]);
}
try { await g.fetch('http://127.0.0.1:1/steal'); console.log('fetch: reached the network'); } catch (e) { console.log('fetch call: ' + (e as Error).name); }
try { g.importScripts('http://127.0.0.1:1/x.js'); console.log('importScripts: loaded'); } catch (e) { console.log('importScripts call: ' + (e as Error).name); }
try { g.indexedDB.open('x'); console.log('indexedDB: opened'); } catch (e) { console.log('indexedDB call: ' + (e as Error).name); }
try { console.log('parent: ' + String(parent)); } catch (e) { console.log('parent call: ' + (e as Error).name); }
export {};`;

describe('playground: free form (chapter "The client API")', () => {
  it('loads neither Monaco nor the sandbox until asked; runs; isolates reader code', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    expect(probe.requests.filter(isMonacoRequest)).toEqual([]);
    expect(probe.requests.filter(isSandboxRequest)).toEqual([]);
    const pg = page.locator('#client-api-tour');
    const out = await run(page, pg);
    expect(out).toContain('refused: BADVERSION');
    expect(probe.requests.filter(isMonacoRequest)).toEqual([]);
    expect(await pg.locator('[data-role="trace"]').innerText()).toMatch(/events over \d+ ms of virtual time/);
    await pg.locator('.pg-ensemble svg').waitFor();

    await typeCode(page, pg, ISOLATION);
    const iso = await run(page, pg);
    for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'indexedDB', 'caches', 'localStorage', 'parent', 'document', 'window']) expect(iso).toContain(`${name}: undefined`);
    expect(iso).toContain('fetch call: TypeError');
    expect(iso).toContain('importScripts call: TypeError');
    expect(iso).toContain('indexedDB call: TypeError');
    expect(iso).toContain('parent call: ReferenceError');
    // The sandbox is an iframe without allow-same-origin.
    expect(await pg.locator('iframe').getAttribute('sandbox')).toBe('allow-scripts');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('offers the client API in IntelliSense: type errors, hover docs, completions; no DOM; top-level await', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    // Two errors: getData's result is not a number, and `document` is unknown (the reader's
    // scope is the client API's globals, not the DOM). Top-level await is legal.
    await typeCode(page, pg, 'const zk = await connect();\nconst v: number = await zk.getData("/a");\ndocument.title;\n');
    await expect.poll(() => pg.locator('.squiggly-error').count(), { timeout: 30_000 }).toBe(2);
    // Hover docs come from the client's own declarations and doc comments.
    await pg.locator('.view-line', { hasText: 'getData' }).locator('span', { hasText: 'getData' }).last().hover();
    await expect
      .poll(async () => (await pg.locator('.monaco-hover').allInnerTexts()).join(' '), { timeout: 30_000 })
      .toMatch(/ZooKeeperClient\.getData\(path: string/);
    // Completions list the client's methods.
    await typeCode(page, pg, 'const zk = await connect();\nzk.');
    const rows = pg.locator('.suggest-widget .monaco-list-row');
    await expect
      .poll(
        async () => {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
          await rows.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
          return (await rows.allInnerTexts()).join(' ');
        },
        { timeout: 30_000 },
      )
      .toMatch(/createWithStat/);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('marks a runtime error on its line; ends `while (true) {}` with a clear message, the page responsive, and runs again after', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    await typeCode(page, pg, "const zk = await connect();\nconsole.log('before');\nawait zk.getData('/missing');\nexport {};");
    const out = await run(page, pg);
    expect(out).toMatch(/Threw at line 3: KeeperException NONODE/);
    await page.locator('#client-api-tour .monaco-editor .squiggly-error').first().waitFor({ timeout: 10_000 });

    await typeCode(page, pg, "console.log('start');\nwhile (true) {}\nexport {};");
    const t0 = Date.now();
    await pg.locator('[data-action="run"]').click();
    // The page answers while the worker spins.
    await page.waitForTimeout(500);
    const t1 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t1).toBeLessThan(500);
    await idle(page, 'client-api-tour', 15_000);
    const status = await pg.locator('[data-role="status"]').innerText();
    expect(status).toMatch(/without yielding to the simulation[^]*loop that never ends/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await screenshot(page, 'playground-infinite-loop');

    await typeCode(page, pg, "console.log('after the loop');\nexport {};");
    expect(await run(page, pg)).toContain('after the loop');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('keeps the code across a reload; a copied link shows it without running it and reproduces the run', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    const code = "const zk = await connect();\nawait sleep(123);\nconsole.log('linked run', zk.sessionId.toString(16));\nexport {};";
    await typeCode(page, pg, code);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('#client-api-tour [data-role="plain"]').innerText()).toBe(code);
    const first = await run(page, pg);
    expect(first).toContain('linked run');
    await pg.locator('[data-action="copy-link"]').click();
    await page.waitForFunction(() => document.getElementById('client-api-tour')?.dataset.link !== undefined);
    const url = (await pg.getAttribute('data-link'))!;
    expect(url).toContain('#pg=client-api-tour&v=1&seed=1&code=');

    // Someone else opens it: fresh storage.
    const other = await openPage(browser(), url);
    const opg = other.page.locator('#client-api-tour');
    await other.page.locator('#client-api-tour [data-role="banner"]').waitFor();
    expect(await other.page.locator('#client-api-tour [data-role="banner"]').innerText()).toMatch(/came from a link\. It has not run/);
    expect(await other.page.locator('#client-api-tour [data-role="plain"]').innerText()).toBe(code);
    expect(await other.page.locator('#client-api-tour [data-role="console"]').innerText()).toBe('');
    expect(other.requests.filter(isSandboxRequest)).toEqual([]);
    expect(await run(other.page, opg)).toBe(first);
    expect(other.errors).toEqual([]);
    await other.context.close();

    // A malformed link: a message, and the saved code stays.
    await page.goto(`${base}/client-api/#pg=client-api-tour&v=1&seed=1&code=%%%`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('#client-api-tour [data-role="banner"]').waitFor();
    expect(await page.locator('#client-api-tour [data-role="banner"]').innerText()).toMatch(/Its code was not loaded/);
    expect(await page.locator('#client-api-tour [data-role="plain"]').innerText()).toBe(code);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('playground: exercises', () => {
  it('a wrong solution fails the check and opens the failing run; the solution passes', async () => {
    const probe = await openPage(browser(), `${base}/recipes-locks/`);
    const { page } = probe;
    const pg = page.locator('#herd-free-lock');
    expect(await pg.locator('[data-role="passed"]').isVisible()).toBe(false);
    // The hints come one at a time: each shows once the one before it is open.
    const hints = pg.locator('.pg-hints summary');
    expect(await hints.count()).toBe(3);
    expect(await hints.nth(0).innerText()).toMatch(/^Hint 1 of 3: \S/);
    expect([await hints.nth(1).isVisible(), await hints.nth(2).isVisible()]).toEqual([false, false]);
    await hints.nth(0).click();
    expect([await hints.nth(1).isVisible(), await hints.nth(2).isVisible()]).toEqual([true, false]);
    await hints.nth(1).click();
    expect(await hints.nth(2).isVisible()).toBe(true);
    expect((await pg.locator('.pg-hint-body').nth(1).innerText()).length).toBeGreaterThan(80);
    await pg.locator('[data-action="check"]').click();
    await idle(page, 'herd-free-lock');
    const failed = await pg.locator('[data-role="check"]').innerText();
    expect(failed).toMatch(/Failed on fault schedule \d+/);
    expect(failed).toMatch(/herd effect|CONNECTIONLOSS/);
    await pg.locator('[data-action="open-failure"]').click();
    await idle(page, 'herd-free-lock');
    const at = Number(/event #(\d+)/.exec(failed)![1]);
    expect(await pg.locator('[data-role="scrub"]').inputValue()).toBe(String(at));
    expect(await pg.locator('[data-role="event"]').innerText()).toContain(`#${at} `);
    await screenshot(page, 'playground-check-failed');

    const solution = readFileSync('content/exercises/herd-free-lock/solution.ts', 'utf8');
    await typeCode(page, pg, solution);
    await pg.locator('[data-action="check"]').click();
    await idle(page, 'herd-free-lock');
    expect(await pg.locator('[data-role="check"]').innerText()).toMatch(/Passed: your code was correct in all 100 fault schedules/);
    // The pass is remembered: its mark shows, and is still there after a reload.
    expect(await pg.locator('[data-role="passed"]').isVisible()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    // The sidebar marks the chapter: one of its two exercises passed.
    const mark = page.locator('nav.sidebar a[href="/recipes-locks/"] .book-mark');
    const signs = (): Promise<string> => page.evaluate(() => document.querySelector('nav.sidebar a[href="/recipes-locks/"] .book-mark [aria-hidden="true"]')?.textContent ?? '');
    expect(await signs()).toBe('1/2');
    expect(await mark.textContent()).toContain('1 of 2 exercises passed');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('#herd-free-lock [data-role="passed"]').isVisible()).toBe(true);
    expect(await page.locator('#leader-election [data-role="passed"]').isVisible()).toBe(false);
    expect(await signs()).toBe('1/2');
    // The hints the reader opened are still open, and only those.
    expect(await pg.locator('.pg-hint-step').evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open))).toEqual([true, true, false]);

    // Reset my progress (landing page): it asks first; Cancel keeps everything.
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const box = page.locator('[data-book-progress]');
    expect(await box.locator('[data-role="summary"]').innerText()).toMatch(/passed 1 of \d+ exercises/);
    await box.locator('[data-role="ask"]').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('cancel');
    expect(await axeSerious(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await box.locator('[data-role="confirm"]').isVisible()).toBe(false);
    expect(await box.locator('[data-role="summary"]').innerText()).toMatch(/passed 1 of/);
    await box.locator('[data-role="ask"]').click();
    await box.locator('[data-action="clear"]').click();
    expect(await box.locator('[data-role="summary"]').innerText()).toBe('Nothing read yet in this browser.');
    expect(await box.locator('[data-role="done"]').innerText()).toMatch(/cleared/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => /^ensemble[.:]/.test(k)))).toEqual([]);
    await page.goto(`${base}/recipes-locks/`, { waitUntil: 'networkidle' });
    expect(await page.locator('#herd-free-lock [data-role="passed"]').isVisible()).toBe(false);
    expect(await signs()).toBe('');
    expect(await pg.locator('.pg-hint-step').evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open))).toEqual([false, false, false]);
    expect(await savedCode(page, 'herd-free-lock')).toBeNull();
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  }, 180_000);

  it('every exercise chapter renders its playground cleanly (axe, light and dark, 1280 and 390 px)', async () => {
    for (const { chapter, id } of exercisePages()) {
      for (const theme of ['light', 'dark'] as const) {
        for (const width of [1280, 390]) {
          const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width, height: 900 } });
          await context.addInitScript((t) => {
            try {
              localStorage.setItem('starlight-theme', t);
            } catch {
              // the sandbox iframe has no storage
            }
          }, theme);
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
          });
          page.on('pageerror', (e) => errors.push(String(e)));
          await page.goto(`${base}/${chapter}/`, { waitUntil: 'networkidle' });
          const pg = page.locator(`#${id}`);
          await pg.locator('[data-action="check"]').click();
          await idle(page, id);
          expect(await pg.locator('[data-role="check"]').innerText()).toMatch(/Failed on fault schedule/);
          if (width === 1280 && theme === 'light') expect(await axeSerious(page)).toEqual([]);
          await pg.screenshot({ path: `test-results/screenshots/playground-${id}-${theme}-${width}.png` });
          expect(errors).toEqual([]);
          await context.close();
        }
      }
    }
  }, 900_000);
});
