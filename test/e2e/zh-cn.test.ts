/**
 * The Chinese edition in the browser (Debian's chromium against the built site): the Chinese
 * landing page and every translated chapter say `lang="zh-CN"`, offer the language switcher
 * with their English counterpart (and the English page offers them), link within Chinese,
 * are axe clean and fit a 390 px phone in light and dark; a page not yet translated shows
 * Starlight's fallback notice; a translated chapter has its English page's heading ids; search in Chinese finds Chinese pages and only them; an
 * English page loads no Chinese strings, its lab stepped included (the catalogues load per
 * locale); a lab narrates in the language of the text around it; and an exercise on a
 * Chinese page is Chinese: prompt, hints, the starting code's comments, the buttons, and a
 * failing check's verdict (its message by id, from the Chinese checks catalogue).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { axeSerious, openPage, screenshot } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import type { Page } from 'playwright-core';
import { CHAPTER_ORDER } from '../../src/book/chapters.mjs';
import { bookLabs } from '../harness/plain-words.ts';
import { idle } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();
const translated = readdirSync('content/zh-cn/chapters').map((f) => f.replace(/\.mdx$/, ''));
const pages = [{ zh: '/zh-cn/', en: '/' }, ...translated.map((s) => ({ zh: `/zh-cn/${s}/`, en: `/${s}/` }))];
const HAN = /[\u4e00-\u9fff]/u;
const LABS = bookLabs();
const LAB = LABS[0]!;
/** A lab on a chapter not yet translated (none once every chapter with a lab is), and one on a translated chapter. */
const UNTRANSLATED_LAB = LABS.find((l) => !translated.includes(l.chapter));
const TRANSLATED_LAB = LABS.find((l) => translated.includes(l.chapter))!;

/** The lab's narration after the reader presses Step ten times. */
async function narrationAfterSteps(page: Page, lab = LAB): Promise<string> {
  const fig = page.locator(`ensemble-lab#${lab.id}`);
  await fig.scrollIntoViewIfNeeded();
  await fig.locator('[data-action="forward"]').waitFor();
  await page.waitForFunction(() => customElements.get('ensemble-lab') !== undefined);
  return fig.evaluate((labEl) => {
    const forward = labEl.querySelector<HTMLButtonElement>('[data-action="forward"]')!;
    for (let i = 0; i < 10; i++) forward.click();
    return labEl.querySelector('.lab-bar [data-role="narration"]')!.textContent ?? '';
  });
}

/** Starlight's fallback notice in Chinese (its zh-CN `i18n.untranslatedContent`). */
const FALLBACK = '此内容尚不支持你的语言';

describe.each(pages)('the Chinese page $zh', ({ zh, en }) => {
  it('is Chinese, links to its English page, stays in Chinese, axe clean, fits 390 px in both themes', async () => {
    const probe = await openPage(browser(), `${base}${zh}`);
    const { page } = probe;
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByText(FALLBACK).count()).toBe(0);
    // The language switcher: English goes to the counterpart.
    const select = page.locator('starlight-lang-select select').first();
    expect(await select.locator('option', { hasText: 'English' }).getAttribute('value')).toBe(en);
    expect(await page.locator('link[rel="alternate"][hreflang="en"]').getAttribute('href')).toMatch(new RegExp(`${en.replace(/\//g, '\\/')}$`));
    // Links of the page's text, sidebar and pagination stay in Chinese.
    const english = await page.$$eval('main a[href^="/"], nav[aria-label] a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')!).filter((h) => !h.startsWith('/zh-cn/')));
    expect(english).toEqual([]);
    expect(HAN.test((await page.locator('main').innerText()).slice(0, 400))).toBe(true);
    // Every heading keeps its English page's id, so links into it mean the same place in both languages.
    const headingIds = async (path: string): Promise<string[]> => [...(await (await fetch(`${base}${path}`)).text()).matchAll(/<h[2-6][^>]*\sid="([^"]+)"/g)].map((x) => x[1]!).sort();
    if (zh !== '/zh-cn/') expect(await headingIds(zh)).toEqual(await headingIds(en));
    expect(probe.errors).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    const name = `zh${zh.replace(/\/zh-cn|\//g, '-').replace(/-+$/, '') || '-landing'}`;
    await screenshot(page, name);
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    expect(await axeSerious(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-390-dark`);
    await probe.context.close();
  });
});

describe('the Chinese edition', () => {
  it('English pages offer their Chinese counterpart', async () => {
    const probe = await openPage(browser(), `${base}/${CHAPTER_ORDER[1]}/`);
    const select = probe.page.locator('starlight-lang-select select').first();
    expect(await select.locator('option', { hasText: '简体中文' }).getAttribute('value')).toBe(`/zh-cn/${CHAPTER_ORDER[1]}/`);
    await probe.context.close();
  });

  it('a chapter not yet translated is served under /zh-cn/ with the fallback notice', async () => {
    const slug = CHAPTER_ORDER.find((s) => !translated.includes(s));
    if (slug === undefined) return; // every chapter is translated: nothing falls back
    const probe = await openPage(browser(), `${base}/zh-cn/${slug}/`);
    expect(await probe.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await probe.page.getByText(FALLBACK).count()).toBe(1);
    await probe.context.close();
  });

  it('search in Chinese finds Chinese pages, and only them', async () => {
    const probe = await openPage(browser(), `${base}/zh-cn/`);
    const { page } = probe;
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('site-search input').fill('领导者');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((h) => !h.startsWith('/zh-cn/'))).toEqual([]);
    // The glossary's entry is found by its Chinese term.
    if (translated.includes('glossary')) expect(hrefs).toContain('/zh-cn/glossary/');
    await probe.context.close();
  });

  it.each(['/', `/${LAB.chapter}/`])('the English page %s downloads no Chinese strings, its lab stepped included', async (path) => {
    const probe = await openPage(browser(), `${base}${path}`);
    if (path !== '/') await narrationAfterSteps(probe.page);
    const scripts = probe.requests.filter((u) => u.startsWith(base) && /\.m?js(\?|$)/.test(u));
    expect(scripts.length).toBeGreaterThan(path === '/' ? 0 : 3);
    const withChinese: string[] = [];
    for (const url of scripts) if (HAN.test(await (await fetch(url)).text())) withChinese.push(url);
    expect(withChinese).toEqual([]);
    await probe.context.close();
  });

  it('a lab speaks the language of the text around it: English on an untranslated page, Chinese in Chinese text', async () => {
    // An untranslated chapter under /zh-cn/ (while one with a lab is left): a Chinese frame, English text (<main lang="en">), English narration.
    if (UNTRANSLATED_LAB !== undefined) {
      const fallback = await openPage(browser(), `${base}/zh-cn/${UNTRANSLATED_LAB.chapter}/`);
      const english = await narrationAfterSteps(fallback.page, UNTRANSLATED_LAB);
      expect(english).toMatch(/[a-z]+ [a-z]+/);
      expect(HAN.test(english)).toBe(false);
      await fallback.context.close();
    }
    // A translated chapter's lab: the Chinese catalogue loads and the lab narrates in Chinese.
    const context = await browser().newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${base}/zh-cn/${TRANSLATED_LAB.chapter}/`, { waitUntil: 'networkidle' });
    const chinese = await narrationAfterSteps(page, TRANSLATED_LAB);
    expect(HAN.test(chinese), chinese).toBe(true);
    expect(chinese).not.toMatch(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i);
    expect(requests.some((u) => /\/narration\.[\w-]+\.js$/.test(u))).toBe(true);
    await context.close();
  });

  it('an exercise on a Chinese page is Chinese: prompt, hints, code comments, buttons, and its failing verdict', async () => {
    const probe = await openPage(browser(), `${base}/zh-cn/client-api/`);
    const { page } = probe;
    const pg = page.locator('ensemble-playground#first-program');
    await pg.scrollIntoViewIfNeeded();
    expect(await pg.locator('.pg-title').innerText()).toBe('练习：第一个程序');
    expect(HAN.test(await pg.locator('.pg-prompt').innerText())).toBe(true);
    expect(await pg.locator('.pg-hints summary').first().innerText()).toMatch(/^提示 1\/3：提示一$/);
    expect(await pg.locator('[data-role="static"]').innerText()).toContain('// 每个进程都要读的配置。');
    expect(await pg.locator('[data-action="check"]').innerText()).toBe('✓ 检查');
    await page.waitForFunction(() => customElements.get('ensemble-playground') !== undefined);
    await pg.locator('[data-action="check"]').click();
    await idle(page, 'first-program');
    const verdict = await pg.locator('[data-role="check"] .pg-fail').innerText();
    // The starting code's first mistake: /alive created PERSISTENT.
    expect(verdict).toMatch(/^✗ 在第 1 个故障计划下失败：\/alive 是以 PERSISTENT 创建的：它会比会话活得久。/);
    expect(verdict).not.toMatch(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i);
    expect(await pg.locator('[data-role="status"]').innerText()).toMatch(/^检查在第 1 个故障计划下失败：\/alive 是以 PERSISTENT 创建的/);
    expect(await pg.locator('[data-role="check"] dt').allInnerTexts()).toEqual(['种子', '故障', '出错的位置']);
    expect(probe.errors).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'zh-client-api-check-failed');
    await probe.context.close();
  });

  it('the English exercise page runs its check in English and downloads no Chinese strings', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('ensemble-playground#first-program');
    await pg.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('ensemble-playground') !== undefined);
    await pg.locator('[data-action="check"]').click();
    await idle(page, 'first-program');
    expect(await pg.locator('[data-role="check"] .pg-fail').innerText()).toMatch(/^✗ Failed on fault schedule 1: \/alive was created PERSISTENT: it outlives the session\./);
    const scripts = probe.requests.filter((u) => u.startsWith(base) && /\.m?js(\?|$)/.test(u));
    const withChinese: string[] = [];
    for (const url of scripts) if (HAN.test(await (await fetch(url)).text())) withChinese.push(url);
    expect(withChinese).toEqual([]);
    await probe.context.close();
  });

  it('a prediction on a Chinese page asks, hints and answers in Chinese', async () => {
    const probe = await openPage(browser(), `${base}/zh-cn/watches/`);
    const { page } = probe;
    const predict = page.locator('section.predict').first();
    await predict.scrollIntoViewIfNeeded();
    expect(await predict.locator('.predict-kicker').innerText()).toBe('预测');
    expect(await predict.locator('[data-role="reveal"]').innerText()).toBe('揭晓');
    expect(await predict.locator('[data-role="hint"]').innerText()).toBe('先选一个答案。');
    await predict.locator('input[type="radio"]').first().check();
    await page.waitForFunction(() => document.querySelector('section.predict [data-role="hint"]')?.textContent === '想好了就按“揭晓”。');
    await predict.locator('[data-role="reveal"]').click();
    // Reveal's handler is the aids' (loaded on the first choice): wait for its words.
    await page.waitForFunction(() => (document.querySelector('section.predict [data-role="verdict"]')?.textContent ?? '') !== '');
    const verdict = await predict.locator('[data-role="verdict"]').innerText();
    expect(verdict).toMatch(/^(答对了。|不太对：答案是“)/);
    expect(verdict).not.toMatch(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
