/**
 * End to end, a lab's bar and how a lab opens, on the built site. The bar (Play, Step, the
 * clock, the sentence) stays at the window's foot while its lab is on screen, on a 390 px
 * phone as on a desktop, and lets go when the lab scrolls away; only the bar: the chapter's
 * controls and faults scroll with the page, so at 1440 × 900 nothing of the bar covers a
 * server of the picture at the moments the prose shows (each server circle's centre is the
 * circle itself, not the bar). A lab with an opening moment opens there (its leader elected,
 * its clients connected) at its chapter's speed, writes no link until the reader moves, and a
 * link still opens where it says; a lab that opens at the start says the servers are starting.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeSerious, NO_SERVICE_WORKER, openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

interface Box { top: number; bottom: number; left: number; right: number; height: number }
const box = (l: Locator): Promise<Box> => l.evaluate((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height }; });
const headerBottom = (page: Page): Promise<number> => page.evaluate(() => document.querySelector('header.header')!.getBoundingClientRect().bottom);
/** Scroll the window by `dy` at once, and let sticky parts settle. */
async function scrollDown(page: Page, dy: number): Promise<void> {
  await page.evaluate((y) => window.scrollBy({ top: y, behavior: 'instant' }), dy);
  await page.waitForTimeout(120);
}
/** Wait until the page stops scrolling (a smooth scroll ends). */
async function settle(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const y = await page.evaluate(() => scrollY);
    if (y === last) return;
    last = y;
    await page.waitForTimeout(100);
  }
}

/**
 * The servers of `svg` the window shows but something else covers: for each server circle, the
 * element at its centre must be part of that server's drawing. A server out of the window counts.
 */
const coveredServers = (svg: Locator): Promise<string[]> =>
  svg.evaluate((s) =>
    [...s.querySelectorAll<SVGGElement>('g.server')].flatMap((g) => {
      const r = g.querySelector('circle.body')!.getBoundingClientRect();
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
      const hit = document.elementFromPoint(x, y);
      return hit !== null && g.contains(hit) ? [] : [`${g.dataset.server} at ${Math.round(x)},${Math.round(y)} is under ${hit ? `${hit.localName}.${[...hit.classList].join('.')}` : 'nothing (off screen)'}`];
    }),
  );

describe('the bar on a 390 px phone', () => {
  for (const chapter of ['why-coordination', 'sessions', 'running-zookeeper', 'zab']) {
    it(`${chapter}: Play, the clock and the sentence stay on screen while the lab is, and let go after it`, async () => {
      const probe = await openPage(browser(), `${base}/${chapter}/`, { width: 390, height: 844 });
      const { page } = probe;
      const lab = page.locator('ensemble-lab').first();
      const figure = page.locator('figure.ensemble-lab-figure').first();
      await figure.evaluate((f) => f.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await lab.locator('ensemble-diagram svg g.server').first().waitFor();
      const nav = await headerBottom(page);
      const play = lab.getByRole('button', { name: 'Play' });
      const now = lab.locator('.lab-bar [data-role="now"]');
      const said = lab.locator('.lab-bar .lab-said');
      const fig = await box(figure);
      expect(fig.height).toBeGreaterThan(1200);
      // Down through the figure, a third of a window at a time: the bar is at the window's
      // foot, whole, with Play and the sentence in it, and the picture keeps most of the window.
      let stops = 0;
      for (let y = 0; y < fig.height - 844; y += 280) {
        const bar = await box(lab.locator('.lab-bar'));
        expect(bar.bottom).toBeLessThanOrEqual(844.5);
        expect(bar.top).toBeGreaterThanOrEqual(nav);
        expect(bar.height).toBeLessThan(844 * 0.2);
        for (const part of [play, said, lab.locator('.lab-clock')]) {
          const b = await box(part);
          expect(b.top).toBeGreaterThanOrEqual(bar.top);
          expect(b.bottom).toBeLessThanOrEqual(844.5);
        }
        expect((await now.textContent())!.length).toBeGreaterThan(10);
        stops++;
        await scrollDown(page, 280);
      }
      expect(stops).toBeGreaterThanOrEqual(3);
      // Keyboard: Play is reached by Tab and pressed by Enter; Tab goes on past the bar.
      await play.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => lab.getByRole('button', { name: 'Pause' }).count()).toBe(1);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Step forward');
      // Past the figure, the bar goes with it: it sits at the figure's end, off screen.
      await figure.evaluate((f) => scrollTo({ top: f.getBoundingClientRect().bottom + scrollY + 50, behavior: 'instant' }));
      await page.waitForTimeout(150);
      expect((await box(lab.locator('.lab-bar'))).bottom).toBeLessThan(nav);
      // Above the figure (the page's top), nothing of it is pinned.
      await page.evaluate(() => scrollTo({ top: 0, behavior: 'instant' }));
      await page.waitForTimeout(150);
      if ((await box(figure)).top > 844) expect((await box(lab.locator('.lab-bar'))).top).toBeGreaterThan(844);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }

  it('a moment link brings the picture into view with the sentence that tells it', async () => {
    const probe = await openPage(browser(), `${base}/sessions/`, { width: 390, height: 844 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#session-lab');
    const link = page.locator('[data-moment-link][data-moment="c1-expired"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await expect.poll(() => lab.locator('[data-role="moment"]').textContent(), { timeout: 10_000 }).toContain('expires');
    await settle(page);
    const nav = await headerBottom(page);
    const bar = await box(lab.locator('.lab-bar'));
    const svg = await box(lab.locator('ensemble-diagram svg'));
    expect(svg.top).toBeGreaterThanOrEqual(nav - 1);
    expect(svg.bottom).toBeLessThanOrEqual(bar.top + 1);
    // The sentence's box (two lines, the badge first) is inside the bar, on screen.
    const said = await box(lab.locator('.lab-bar .lab-said'));
    expect(said.top).toBeGreaterThanOrEqual(bar.top);
    expect(said.bottom).toBeLessThanOrEqual(844.5);
    expect(await lab.locator('.lab-bar .lab-said').evaluate((s) => s.firstElementChild === s.querySelector('[data-role="moment"]'))).toBe(true);
    expect(await coveredServers(lab.locator('ensemble-diagram svg'))).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/lab-bar-moment-390.png' });
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await page.waitForTimeout(200);
    await page.screenshot({ path: 'test-results/screenshots/lab-bar-moment-390-dark.png' });
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('the bar at 1440 × 900 covers no server at the moments the prose shows', () => {
  for (const { chapter, lab, moment, trigger } of [
    { chapter: 'zab', lab: 'zab-lab', moment: 'two-leaders', trigger: 'link' },
    { chapter: 'sessions', lab: 'session-lab', moment: 'c1-expired', trigger: 'link' },
    { chapter: 'running-zookeeper', lab: 'run-lab', moment: 'first-commit', trigger: 'predict' },
  ] as const) {
    it(`${chapter}: ${moment}, shown with the lab half in view, then with the figure at the top`, async () => {
      const probe = await openPage(browser(), `${base}/${chapter}/`, { width: 1440, height: 900 });
      const { page } = probe;
      const labEl = page.locator(`ensemble-lab#${lab}`);
      const figure = page.locator(`figure:has(> ensemble-lab#${lab})`);
      const svg = labEl.locator('ensemble-diagram svg');
      // The figure's picture starts in the upper half of the window, its foot below it: the
      // reader scrolled part way into the lab and then reached for the prose.
      await figure.evaluate((f) => scrollTo({ top: f.getBoundingClientRect().top + scrollY - 300, behavior: 'instant' }));
      await svg.locator('g.server').first().waitFor();
      // Clicked where they are, without scrolling to them (as a reader's click does not).
      const click = (l: Locator): Promise<void> => l.evaluate((e) => (e as HTMLElement).click());
      if (trigger === 'link') await click(page.locator(`[data-moment-link][data-moment="${moment}"]`).first());
      else {
        const predict = page.locator(`[data-predict][data-moment="${moment}"]`).first();
        await click(predict.locator('input[type="radio"]').first());
        const reveal = predict.getByRole('button', { name: 'Reveal' });
        await expect.poll(() => reveal.isEnabled()).toBe(true);
        await click(reveal);
      }
      await expect.poll(() => labEl.locator('[data-role="moment"]').evaluate((m) => !(m as HTMLElement).hidden), { timeout: 10_000 }).toBe(true);
      await settle(page);
      await page.waitForTimeout(300);
      // A link leaves the reader at the picture (a prediction at its verdict, which has the focus).
      if (trigger === 'link') expect(await coveredServers(svg)).toEqual([]);
      // The figure at the window's top, as a moment link scrolls it: the same.
      await figure.evaluate((f) => f.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await page.waitForTimeout(300);
      expect(await coveredServers(svg)).toEqual([]);
      // The faults scroll with the page: none of the chapter's controls is stuck in the bar.
      expect(await labEl.locator('.lab-bar [data-control]').count()).toBe(0);
      await page.screenshot({ path: `test-results/screenshots/lab-bar-${chapter}-${moment}-1440.png` });
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }
});

describe('where a lab opens', () => {
  for (const { chapter, lab, clients, speed } of [
    { chapter: 'why-coordination', lab: 'intro-lab', clients: 2, speed: '0.1×' },
    { chapter: 'sessions', lab: 'session-lab', clients: 2, speed: '1×' },
    { chapter: 'running-zookeeper', lab: 'run-lab', clients: 3, speed: '0.3×' },
  ]) {
    it(`${chapter}: at its opening moment, a leader serving its clients, at ${speed}`, async () => {
      const probe = await openPage(browser(), `${base}/${chapter}/`, { width: 1280, height: 900 });
      const { page } = probe;
      const labEl = page.locator(`ensemble-lab#${lab}`);
      await labEl.scrollIntoViewIfNeeded();
      const svg = labEl.locator('ensemble-diagram svg');
      await expect.poll(() => svg.locator('g.server[data-role="LEADING"]').count(), { timeout: 10_000 }).toBe(1);
      expect(await svg.locator('g.server[data-role="LOOKING"]').count()).toBe(0);
      const connected = await svg.locator('g.client').evaluateAll((cs) => cs.filter((c) => /connected to s\d/.test(c.getAttribute('aria-label') ?? '')).length);
      expect(connected).toBeGreaterThanOrEqual(clients);
      expect(await labEl.locator('.lab-clock').textContent()).not.toContain('t = 0 ms');
      expect(await labEl.locator('[data-role="speed"] option:checked').textContent()).toBe(speed);
      // No badge (the reader has not asked for a moment), no link written (the reader has not moved).
      expect(await labEl.locator('[data-role="moment"]').isHidden()).toBe(true);
      expect(new URL(page.url()).hash).toBe('');
      // The reader can still step back towards the run's start.
      expect(await labEl.getByRole('button', { name: 'Step back' }).isDisabled()).toBe(false);
      // The bar's clock and sentence were in the page before its script: the same words now.
      const html = await (await page.request.get(`${base}/${chapter}/`)).text();
      const built = await page.evaluate(([h, id]) => {
        const doc = new DOMParser().parseFromString(h!, 'text/html');
        return [`#${id} .lab-clock`, `#${id} .lab-bar [data-role="now"]`].map((sel) => doc.querySelector(sel)?.textContent);
      }, [html, lab]);
      expect(built).toEqual([await labEl.locator('.lab-clock').textContent(), await labEl.locator('.lab-bar [data-role="now"]').textContent()]);
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }

  it('a press on Step before the lab\'s code is in is not lost: it steps from the opening moment', async () => {
    // No act on the page first (openPage makes one): the lab shows its page-drawn first frame.
    const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/why-coordination/`, { waitUntil: 'networkidle' });
    const labEl = page.locator('ensemble-lab#intro-lab');
    const eventOf = async (): Promise<number> => Number(/event (\d+)/.exec((await labEl.locator('.lab-clock').textContent()) ?? '')![1]);
    const opened = await eventOf();
    await labEl.getByRole('button', { name: 'Step forward' }).click();
    // The press loaded the code, the lab found its opening moment, then took the press.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#lab=intro-lab&');
    expect(await eventOf()).toBeGreaterThan(opened);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a link that names the run\'s start still opens at the start, not at the opening moment', async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`, { width: 1280, height: 900 });
    const { page } = probe;
    const labEl = page.locator('ensemble-lab#intro-lab');
    await labEl.scrollIntoViewIfNeeded();
    await expect.poll(() => labEl.locator('ensemble-diagram svg g.server[data-role="LEADING"]').count(), { timeout: 10_000 }).toBe(1);
    // Step back to the run's first event: the link written there opens there.
    await labEl.locator('input[data-role="scrub"]').evaluate((s) => {
      const input = s as HTMLInputElement;
      input.value = '0';
      input.dispatchEvent(new Event('input'));
    });
    await expect.poll(() => labEl.locator('.lab-clock').textContent()).toContain('t = 0 ms');
    expect(await labEl.locator('.lab-bar [data-role="now"]').textContent()).toContain('The servers are starting');
    await expect.poll(() => page.url()).toMatch(/#lab=intro-lab&/);
    const url = page.url();
    const clock = await labEl.locator('.lab-clock').textContent();
    const other = await openPage(browser(), url, { width: 1280, height: 900 });
    const otherLab = other.page.locator('ensemble-lab#intro-lab');
    await otherLab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    await expect.poll(() => otherLab.locator('.lab-clock').textContent()).toBe(clock);
    expect(await otherLab.locator('ensemble-diagram svg g.server[data-role="LOOKING"]').count()).toBe(3);
    expect(other.errors).toEqual([]);
    await other.context.close();
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('zab: opens at the start on purpose, and says the servers are starting', async () => {
    const probe = await openPage(browser(), `${base}/zab/`, { width: 1280, height: 900 });
    const { page } = probe;
    const labEl = page.locator('ensemble-lab#zab-lab');
    await labEl.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    expect(await labEl.locator('.lab-clock').textContent()).toContain('t = 0 ms');
    expect(await labEl.locator('.lab-bar [data-role="now"]').textContent()).toMatch(/^The servers are starting: .*Press Play/);
    await labEl.getByRole('button', { name: 'Step forward' }).click();
    expect(await labEl.locator('.lab-bar [data-role="now"]').textContent()).not.toContain('The servers are starting');
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
