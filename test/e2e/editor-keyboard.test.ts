/**
 * No keyboard trap in the code editor (WCAG 2.1.2), on the locks exercise where a Tab walk
 * used to stop for good: Tab and Shift+Tab leave the editor until the reader types; after
 * typing Tab indents, and Escape then Tab leaves; the line under the editor says which.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { editorText, openEditor } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** Is the keyboard focus inside `pg`'s Monaco editor? */
function focusInEditor(page: Page, pg: Locator): Promise<boolean> {
  return pg.evaluate((el) => el.querySelector('.monaco-editor')?.contains(document.activeElement) === true);
}

describe('code editor: no keyboard trap', () => {
  it('Tab leaves the editor until the reader types; then it indents, and Esc then Tab leaves', async () => {
    const probe = await openPage(browser(), `${base}/recipes-locks/`);
    const { page } = probe;
    const pg = page.locator('#herd-free-lock');
    await openEditor(page, pg);
    const keys = pg.locator('[data-role="editor-keys"]');
    await pg.locator('.monaco-editor .view-line').first().click();
    expect(await focusInEditor(page, pg)).toBe(true);
    expect(await keys.innerText()).toMatch(/Tab moves to the next control/);

    // Not typed yet: Tab moves on, Shift+Tab comes back and moves back out.
    await page.keyboard.press('Tab');
    expect(await focusInEditor(page, pg)).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focusInEditor(page, pg)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focusInEditor(page, pg)).toBe(false);

    // Typing: Tab indents and stays.
    await pg.locator('.monaco-editor .view-line').first().click();
    await page.keyboard.press('Home');
    await page.keyboard.type('x');
    expect(await keys.innerText()).toMatch(/Tab indents\. Press Esc, then Tab/);
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await focusInEditor(page, pg)).toBe(true);
    expect(await editorText(pg)).toMatch(/^ {2}x/);
    await pg.screenshot({ path: 'test-results/screenshots/editor-keys-typing.png' });

    // Esc, then Tab leaves.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focusInEditor(page, pg)).toBe(false);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
