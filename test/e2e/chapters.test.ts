/**
 * End to end, in Debian's chromium against the built site: every chapter renders with its
 * heading, table of contents and live figures; no console errors; axe finds no serious or
 * critical violations; Monaco is not requested before the reader touches an editor and works
 * after; search, dark theme and the phone layout work. Screenshots go to test-results/.
 */
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { readChapters } from '../../src/book/chapters.mjs';
import { isMonacoRequest, openPage, screenshot, NO_SERVICE_WORKER } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const chapters = readChapters('content/chapters').map((c) => {
  const text = readFileSync(`content/chapters/${c.slug}.mdx`, 'utf8');
  const title = /^title:\s*(.+)$/m.exec(text)![1]!.replace(/^['"]|['"]$/g, '');
  // hasTree: a command figure (<ZnodeTree commands=...>), not a live tree bound to a lab.
  const hasTree = /<ZnodeTree\b[^>]*?\bcommands=/s.test(text);
  return { ...c, title, hasTree, hasEditor: text.includes('<CodeEditor') };
});

const browser = useBrowser();

async function axeSerious(probe: Awaited<ReturnType<typeof openPage>>): Promise<string[]> {
  const result = await new AxeBuilder({ page: probe.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('landing page', () => {
  it('says what the book is and links to the first chapter', async () => {
    const probe = await openPage(browser(), `${base}/`);
    await expect(probe.page.locator('h1').first().textContent()).resolves.toContain('Ensemble');
    const start = probe.page.getByRole('link', { name: 'Start reading' });
    await expect(start.getAttribute('href')).resolves.toBe(`/${chapters[0]!.slug}/`);
    expect(probe.errors).toEqual([]);
    expect(await axeSerious(probe)).toEqual([]);
    await screenshot(probe.page, 'landing');
    await probe.context.close();
  });
});

describe.each(chapters)('chapter $slug', (chapter) => {
  it('renders heading, table of contents, sidebar and prev/next without errors', async () => {
    const probe = await openPage(browser(), `${base}/${chapter.slug}/`);
    const { page } = probe;
    await expect(page.locator('main h1').first().textContent()).resolves.toBe(chapter.title);
    expect(await page.locator('starlight-toc a').count()).toBeGreaterThan(2);
    expect(await page.locator(`nav[aria-label="Main"] a[href="/${chapter.slug}/"]`).getAttribute('aria-current')).toBe('page');
    const index = chapters.indexOf(chapter);
    if (index + 1 < chapters.length) {
      expect(await page.locator(`.pagination-links a[rel="next"]`).getAttribute('href')).toBe(`/${chapters[index + 1]!.slug}/`);
    }
    if (chapter.hasTree) {
      await page.locator('znode-tree svg g.znode').first().waitFor();
      // Step to the end: the drawn znodes are the simulation's, and every command got a result.
      const tree = page.locator('znode-tree').first();
      const forward = tree.getByRole('button', { name: 'Step forward' });
      while (await forward.isEnabled()) await forward.click();
      expect(await tree.locator('svg g.znode').count()).toBeGreaterThan(2);
      const results = await tree.locator('.zt-result').allTextContents();
      expect(results.every((r) => r.length > 0)).toBe(true);
    }
    expect(probe.requests.filter(isMonacoRequest)).toEqual([]);
    expect(probe.errors).toEqual([]);
    expect(await axeSerious(probe)).toEqual([]);
    await screenshot(page, `chapter-${chapter.slug}`);
    await probe.context.close();
  });
});

describe('znode tree figure', () => {
  const chapter = chapters.find((c) => c.hasTree)!;
  it('steps forward and back by keyboard, and shows the Stat of a znode', async () => {
    const probe = await openPage(browser(), `${base}/${chapter.slug}/`);
    const tree = probe.page.locator('znode-tree').first();
    await tree.locator('svg.znode-tree-svg').waitFor();
    await tree.getByRole('button', { name: 'Reset to the empty tree' }).click();
    const before = await tree.locator('svg g.znode').count();
    await tree.getByRole('button', { name: 'Step forward' }).focus();
    await probe.page.keyboard.press('Enter');
    await expect.poll(() => tree.locator('svg g.znode').count()).toBeGreaterThan(before);
    // A create changes the new node and its parent (pzxid, cversion); pre-order puts the new node last.
    const created = tree.locator('svg g.znode.changed').last();
    expect(await created.getAttribute('data-path')).not.toBe('/');
    await created.focus();
    await probe.page.keyboard.press('Enter');
    await expect.poll(() => tree.locator('[data-role="stat"] dl').textContent()).toContain('czxid');
    // Pointer path: clicking another znode selects it instead.
    await tree.locator('svg g.znode[data-path="/"]').click();
    await expect.poll(() => tree.locator('[data-role="stat"] strong').textContent()).toBe('/');
    await tree.getByRole('button', { name: 'Step back' }).click();
    await expect.poll(() => tree.locator('svg g.znode').count()).toBe(before);
    // Any command can be jumped to from the list, by pointer or keyboard.
    await tree.locator('button.zt-jump').nth(2).focus();
    await probe.page.keyboard.press('Enter');
    await expect.poll(() => tree.locator('[data-role="position"]').textContent()).toMatch(/^3 \/ /);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('code editor', () => {
  const chapter = chapters.find((c) => c.hasEditor)!;
  it('does not fetch Monaco until the reader focuses it, then edits work', async () => {
    const probe = await openPage(browser(), `${base}/${chapter.slug}/`);
    const { page } = probe;
    const editor = page.locator('code-editor').first();
    await editor.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    expect(probe.requests.filter(isMonacoRequest)).toEqual([]);
    // Keyboard path: focusing the Edit button fetches Monaco but changes nothing (the focus
    // stays on Edit, the code stays); Enter opens the editor.
    const edit = editor.getByRole('button', { name: 'Edit' });
    await edit.focus();
    await expect.poll(() => probe.requests.filter(isMonacoRequest).length).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(await editor.locator('.monaco-editor').count()).toBe(0);
    expect(await edit.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await editor.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nconst typedByTheTest = 42;');
    await expect.poll(() => editor.locator('.monaco-editor .view-lines').textContent()).toContain('typedByTheTest');
    // The edit survives a reload.
    await page.reload({ waitUntil: 'networkidle' });
    // Pointer path: clicking the code loads the editor.
    await page.locator('code-editor .ce-static pre').first().click();
    await page.locator('code-editor .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('code-editor .monaco-editor .view-lines').first().textContent()).toContain('typedByTheTest');
    expect(probe.errors).toEqual([]);
    await screenshot(page, 'editor-loaded');
    await probe.context.close();
  });
});

describe('book shell', () => {
  it('finds chapters with full-text search', async () => {
    const probe = await openPage(browser(), `${base}/${chapters[0]!.slug}/`);
    const { page } = probe;
    // Pagefind's UI is fetched only when the reader reaches for search (src/book/vite-lazy-search.mjs).
    expect(probe.requests.filter((u) => /ui-core|pagefind/.test(u))).toEqual([]);
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('site-search input').fill('ephemeral');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.pagefind-ui__result').count()).toBeGreaterThan(0);
    await probe.context.close();
  });

  it('switches to the dark theme and keeps it', async () => {
    const probe = await openPage(browser(), `${base}/${chapters[1]!.slug}/`);
    const { page } = probe;
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await axeSerious(probe)).toEqual([]);
    await screenshot(page, `dark-${chapters[1]!.slug}`);
    await probe.context.close();
  });

  it('works on a 390 px phone: menu opens, the figure fits', async () => {
    const probe = await openPage(browser(), `${base}/${chapters[1]!.slug}/`, { width: 390, height: 844 });
    const { page } = probe;
    const sidebar = page.locator('#starlight__sidebar');
    expect(await sidebar.isVisible()).toBe(false);
    await page.locator('button.sl-menu-button').click();
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    await screenshot(page, `phone-menu-${chapters[1]!.slug}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(probe.errors).toEqual([]);
    await screenshot(page, `phone-${chapters[1]!.slug}`);
    await probe.context.close();
  });

  it('no chapter is wider than a 390 px phone', async () => {
    const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 390, height: 844 } });
    const wide: string[] = [];
    for (const chapter of chapters) {
      const page = await context.newPage();
      await page.goto(`${base}/${chapter.slug}/`, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) wide.push(`${chapter.slug}: ${overflow} px too wide`);
      await page.close();
    }
    expect(wide).toEqual([]);
    await context.close();
  });
});
