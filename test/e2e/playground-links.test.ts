/**
 * A link never costs a reader their work (issue 22), in Debian's chromium against the built
 * site: links that arrive while Monaco is open (a hash change, as a pasted or clicked link
 * does) and a reload leave the reader's saved code in storage, and "Back to my saved code"
 * brings it back; Reset and Show solution while a link is shown leave it alone; editing a
 * link's code makes it the saved work and the earlier work is one Restore away; Reset keeps
 * the work as a version. A link whose code hides bidirectional or invisible controls shows
 * each as a visible mark, in the plain view and in Monaco, and the banner counts them.
 * Screenshots of the banner and the history at 1280 and 390 px, light and dark.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { formatPlaygroundLink } from '../../src/sandbox/link.ts';
import { openPage, NO_SERVICE_WORKER } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { arriveByHash, editorText, openEditor, savedCode, typeCode } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();
const NO_FAULTS = { version: 1 as const, events: [] };

const link = (id: string, code: string, seed = 1): Promise<string> => formatPlaygroundLink({ id, code, seed, faults: NO_FAULTS });

const banner = (pg: Locator): Locator => pg.locator('[data-role="banner"]');
const back = (pg: Locator): Locator => banner(pg).getByRole('button', { name: 'Back to my saved code' });

async function historyCodes(pg: Locator): Promise<string[]> {
  const details = pg.locator('[data-role="history"]');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await details.locator('[data-role="versions"]').waitFor();
  return details.locator('[data-role="versions"] li code').allTextContents();
}

describe('playground links keep the reader\'s work', () => {
  it('two links arriving into an open editor, and a reload, leave the saved code in storage and restorable', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    const mine = "console.log('my own code');\nexport {};";
    await typeCode(page, pg, mine);
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);

    await arriveByHash(page, await link('client-api-tour', "console.log('link one');\n", 4));
    await expect.poll(() => editorText(pg)).toContain('link one');
    await expect.poll(() => banner(pg).innerText()).toMatch(/came from a link/);
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);

    await arriveByHash(page, await link('client-api-tour', "console.log('link two');\n", 5));
    await expect.poll(() => editorText(pg)).toContain('link two');
    expect(await pg.locator('[data-role="seed"]').inputValue()).toBe('5');
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);

    await page.reload({ waitUntil: 'networkidle' });
    await banner(pg).waitFor();
    expect(await pg.locator('[data-role="plain"]').innerText()).toContain('link two');
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);

    await back(pg).click();
    expect(await pg.locator('[data-role="plain"]').innerText()).toBe(mine);
    expect(await pg.locator('[data-role="seed"]').inputValue()).toBe('1');
    expect(await banner(pg).isHidden()).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);

    // Back to the saved code with Monaco open, after a link: the editor holds it again.
    await openEditor(page, pg);
    await arriveByHash(page, await link('client-api-tour', "console.log('link three');\n"));
    await expect.poll(() => editorText(pg)).toContain('link three');
    await back(pg).click();
    await expect.poll(() => editorText(pg)).toContain('my own code');
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('editing a link\'s code makes it the saved code, and the earlier code is one Restore away', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    const mine = "console.log('mine, before the link');\nexport {};";
    await typeCode(page, pg, mine);
    await arriveByHash(page, await link('client-api-tour', "console.log('from the link');\n"));
    await expect.poll(() => editorText(pg)).toContain('from the link');
    await pg.locator('.monaco-editor .view-line').first().click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' // edited');
    await expect.poll(() => savedCode(page, 'client-api-tour')).toBe("console.log('from the link'); // edited\n");
    expect(await banner(pg).isHidden()).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('');

    expect(await historyCodes(pg)).toContainEqual(expect.stringContaining('mine, before the link'));
    await pg.locator('[data-role="history"] li', { hasText: 'mine, before the link' }).getByRole('button', { name: /Restore/ }).click();
    await expect.poll(() => editorText(pg)).toContain('mine, before the link');
    expect(await savedCode(page, 'client-api-tour')).toBe(mine);
    // What Restore replaced is itself a version now.
    expect(await historyCodes(pg)).toContainEqual(expect.stringContaining("console.log('from the link'); // edited"));
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('Reset and Show solution while a link is shown keep the saved code; Reset of one\'s own code keeps it as a version', async () => {
    const probe = await openPage(browser(), `${base}/recipes-locks/`);
    const { page } = probe;
    const pg = page.locator('#herd-free-lock');
    const start = (await pg.getAttribute('data-start'))!;
    const solution = readFileSync('content/exercises/herd-free-lock/solution.ts', 'utf8');
    await typeCode(page, pg, `${start}\n// my own attempt\n`);
    // What Monaco made of the typing (it indents as it goes).
    const mine = (await savedCode(page, 'herd-free-lock'))!;
    expect(mine).toContain('// my own attempt');

    await arriveByHash(page, await link('herd-free-lock', "// a link's code\n"));
    await expect.poll(() => editorText(pg)).toContain("a link's code");
    await pg.locator('[data-action="reset"]').click();
    await expect.poll(() => editorText(pg)).toContain('every waiter watches');
    expect(await savedCode(page, 'herd-free-lock')).toBe(mine);
    await expect.poll(() => back(pg).count()).toBe(1);

    await pg.locator('[data-action="solution"]').click();
    await expect.poll(() => editorText(pg)).toContain('watches only the child just below');
    expect(await savedCode(page, 'herd-free-lock')).toBe(mine);
    await back(pg).click();
    await expect.poll(() => editorText(pg)).toContain('my own attempt');
    expect(await savedCode(page, 'herd-free-lock')).toBe(mine);

    // Show solution with no link: still the reader's code until they edit the solution.
    await pg.locator('[data-action="solution"]').click();
    await expect.poll(() => editorText(pg)).toContain('watches only the child just below');
    expect(await savedCode(page, 'herd-free-lock')).toBe(mine);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await pg.locator('[data-role="plain"]').innerText()).toContain('my own attempt');

    // Reset of the reader's own code: an explicit choice, kept as a version.
    await pg.locator('[data-action="reset"]').click();
    expect(await savedCode(page, 'herd-free-lock')).toBeNull();
    expect(await historyCodes(pg)).toEqual([expect.stringContaining('// lock(zk, dir)')]);
    await pg.locator('[data-role="history"] li').getByRole('button', { name: /Restore/ }).click();
    expect(await savedCode(page, 'herd-free-lock')).toBe(mine);
    expect(await pg.locator('[data-role="plain"]').innerText()).toContain('my own attempt');
    expect(solution).toContain('watches only the child just below');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a link shows what runs', () => {
  // Trojan Source (CVE-2021-42574): the line looks commented out, but runs.
  const RLO = '\u202e';
  const LRI = '\u2066';
  const PDI = '\u2069';
  const ZWSP = '\u200b';
  const trojan = `const isAdmin = false;\n/*${RLO} } ${LRI}if (isAdmin)${PDI} ${LRI} begin admins only */\n  console.log('You are an admin.');\n/* end admins only ${RLO} { ${LRI}*/\nconst userName = 'x${ZWSP}';\nexport {};\n`;
  const hidden = [...trojan].filter((c) => [RLO, LRI, PDI, ZWSP].includes(c)).length;

  it('marks every bidirectional and invisible control, in the plain view and in Monaco, and counts them in the banner', async () => {
    const url = `${base}/client-api/${await link('client-api-tour', trojan)}`;
    const probe = await openPage(browser(), url);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    await banner(pg).waitFor();
    expect(await banner(pg).innerText()).toContain(`${hidden} invisible or bidirectional control characters`);
    const plain = pg.locator('[data-role="plain"]');
    const shown = (await plain.textContent())!;
    for (const c of [RLO, LRI, PDI, ZWSP]) expect(shown).not.toContain(c);
    expect(await plain.locator('.pg-hidden').count()).toBe(hidden);
    expect(shown).toContain('[U+202E]');
    expect(shown).toContain('[U+200B]');
    expect(await savedCode(page, 'client-api-tour')).toBeNull();
    await banner(pg).screenshot({ path: 'test-results/screenshots/playground-link-banner.png' });

    // It runs as written: the line that looks commented out prints.
    await pg.locator('[data-action="run"]').click();
    await expect.poll(() => pg.locator('[data-role="console"]').innerText(), { timeout: 30_000 }).toContain('You are an admin.');

    await openEditor(page, pg);
    const text = await editorText(pg);
    for (const mark of ['[U+202E]', '[U+2066]', '[U+2069]', '[U+200B]']) expect(text).toContain(mark);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('looks right and passes axe: banner and history, 1280 and 390 px, light and dark', async () => {
    const hash = await link('client-api-tour', trojan);
    for (const theme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width, height: 900 } });
        await context.addInitScript(
          ([t, saved]) => {
            try {
              localStorage.setItem('starlight-theme', t);
              localStorage.setItem('ensemble:playground:client-api-tour', saved);
              localStorage.setItem('ensemble:playground:client-api-tour:history', JSON.stringify([{ code: "console.log('an earlier try');\n", seed: 1, faults: '', savedAt: Date.now() - 3_600_000 }]));
            } catch {
              // the sandbox iframe has no storage
            }
          },
          [theme, JSON.stringify({ code: "console.log('mine');\n", seed: 1, faults: '', savedAt: Date.now() })] as const,
        );
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`${base}/client-api/${hash}`, { waitUntil: 'networkidle' });
        const pg = page.locator('#client-api-tour');
        await banner(pg).waitFor();
        await pg.locator('[data-role="history"] summary').click();
        await pg.locator('[data-role="versions"] li').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        if (width === 1280 && theme === 'light') {
          const axe = await new AxeBuilder({ page }).include('#client-api-tour').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
          expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        }
        await pg.screenshot({ path: `test-results/screenshots/playground-link-${theme}-${width}.png` });
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 120_000);
});
