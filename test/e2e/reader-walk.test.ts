/**
 * End to end, the reader walk's findings (review of 2026-12-07) on the built site: a moment
 * link that scrolls up to its lab offers the way back (a button that takes the focus, and
 * Escape), which returns the focus to the link, in view; "How to read this figure" explains in
 * place, so the figure keeps where it stands; the ensemble's key lists only what the lab's
 * run can show (chapter 1: no OBSERVING, FROZEN, DOWN or partition), and gains an entry when
 * the reader's own fault draws it, moving nothing but itself.
 */
import { describe, expect, inject, it } from 'vitest';
import { axeSerious, openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

describe('the way back from a moment link', () => {
  for (const [width, height] of [
    [1100, 900],
    [390, 844],
  ] as const) {
    it(`at ${width} px: a button near the figure, focused and announced; it and Escape return the focus to the link, in view`, async () => {
      const probe = await openPage(browser(), `${base}/zab/`, { width, height });
      const { page } = probe;
      const lab = page.locator('ensemble-lab#zab-lab');
      await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
      const link = page.locator('[data-moment-link][data-moment="write-proposed"]').first();
      const inView = (): Promise<boolean> => link.evaluate((l) => {
        const r = l.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      for (const way of ['button', 'Escape'] as const) {
        await link.scrollIntoViewIfNeeded();
        await link.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => lab.locator('[data-role="moment"]').textContent()).toBe('Moment: the leader proposes a write.');
        const back = page.locator('button.moment-back');
        await expect.poll(() => back.count()).toBe(1);
        // The figure came into view and the link left it; the button holds the focus and says where the figure stands.
        await expect.poll(inView, { timeout: 3000 }).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.classList.contains('moment-back'))).toBe(true);
        const name = await back.evaluate((b) => b.textContent ?? '');
        expect(name).toContain('Back to the text');
        expect(name).toContain('the leader proposes a write');
        // Near the figure: on screen, under the header, over the figure's top.
        const box = (await back.boundingBox())!;
        expect(box.y).toBeGreaterThan(0);
        expect(box.y + box.height).toBeLessThan(height / 3);
        expect(await back.evaluate((b) => b.nextElementSibling?.matches('figure.ensemble-lab-figure'))).toBe(true);
        if (way === 'button') await page.keyboard.press('Enter');
        else await page.keyboard.press('Escape');
        await expect.poll(() => link.evaluate((l) => document.activeElement === l)).toBe(true);
        await expect.poll(inView, { timeout: 3000 }).toBe(true);
        expect(await back.count()).toBe(0);
      }
      expect(await axeSerious(page)).toEqual([]);
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }
});

describe('how to read a figure, in place', () => {
  it('opens an explainer of the lab’s own views on the page; the figure keeps its position', async () => {
    const probe = await openPage(browser(), `${base}/zab/`, { width: 1280, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    await lab.getByRole('button', { name: 'Step forward' }).click();
    await lab.getByRole('button', { name: 'Step forward' }).click();
    const clock = await lab.locator('.lab-clock').textContent();
    const url = page.url();
    const howto = page.locator('figure.ensemble-lab-figure:has(ensemble-lab#zab-lab) .lab-howto');
    expect(await howto.locator('a').count()).toBe(0);
    await howto.locator('summary').focus();
    await page.keyboard.press('Enter');
    const items = howto.locator('li');
    await expect.poll(() => items.first().isVisible()).toBe(true);
    const text = (await howto.textContent()) ?? '';
    // Its views: the ensemble, the tree, the log, the lanes; and the controls.
    for (const words of ['servers', 'tree of znodes', 'transaction log', 'space-time diagram', 'Step']) expect(text).toContain(words);
    expect(page.url()).toBe(url);
    expect(await lab.locator('.lab-clock').textContent()).toBe(clock);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('names only the views a lab has (Sessions: no transaction log)', async () => {
    const probe = await openPage(browser(), `${base}/sessions/`);
    const text = (await probe.page.locator('figure.ensemble-lab-figure .lab-howto').first().textContent()) ?? '';
    const views = await probe.page.locator('ensemble-lab#session-lab').evaluate((l) => ['txn-log', 'space-time'].filter((v) => l.querySelector(v)));
    expect(text.includes('transaction log')).toBe(views.includes('txn-log'));
    expect(text.includes('space-time diagram')).toBe(views.includes('space-time'));
    await probe.context.close();
  });
});

describe("the ensemble's key", () => {
  const key = (page: import('playwright-core').Page, lab: string): Promise<string> =>
    page.locator(`ensemble-diagram[data-lab="${lab}"] .live-legend`).evaluate((p) => (p as HTMLElement).innerText);

  it('lists in chapter 1 only what its lab can show, and is a disclosure', async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`, { width: 1440, height: 900 });
    const { page } = probe;
    await page.locator('ensemble-lab#intro-lab ensemble-diagram svg g.server').nth(2).waitFor();
    const words = await key(page, 'intro-lab');
    for (const never of ['OBSERVING', 'FROZEN', 'DOWN', 'partition', 'INFORM']) expect(words).not.toContain(never);
    for (const shown of ['LEADING', 'FOLLOWING', 'LOOKING', 'epoch', 'messages in flight']) expect(words).toContain(shown);
    expect(words.split(/\s+/).length).toBeLessThanOrEqual(60);
    const details = page.locator('ensemble-diagram[data-lab="intro-lab"] details.live-legend-box');
    expect(await details.getAttribute('open')).not.toBeNull();
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBeNull();
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('lists OBSERVING where the lab has observers, and gains FROZEN when the reader freezes a server', async () => {
    const probe = await openPage(browser(), `${base}/running-zookeeper/`, { width: 1280, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#run-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    expect(await key(page, 'run-lab')).toContain('OBSERVING');
    expect(await key(page, 'run-lab')).not.toContain('FROZEN');
    await lab.getByRole('button', { name: 'More controls and faults…' }).click();
    await lab.getByRole('button', { name: /^Freeze/ }).first().click();
    await expect.poll(() => key(page, 'run-lab')).toContain('FROZEN');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('layout (reader walk finding 8)', () => {
  it('at 1440 × 900 no lab figure covers a visible entry of "On this page", wherever the reader scrolls', async () => {
    for (const chapter of ['why-coordination', 'zab', 'running-zookeeper']) {
      const probe = await openPage(browser(), `${base}/${chapter}/`, { width: 1440, height: 900 });
      const { page } = probe;
      await page.locator('ensemble-lab ensemble-diagram svg g.server').first().waitFor();
      const figures = page.locator('figure.ensemble-lab-figure');
      const top = await figures.first().evaluate((f) => f.getBoundingClientRect().top + scrollY);
      const bottom = await figures.last().evaluate((f) => f.getBoundingClientRect().bottom + scrollY);
      let checked = 0;
      for (let y = Math.max(0, top - 700); y < bottom; y += 300) {
        await page.evaluate((to) => scrollTo({ top: to, behavior: 'instant' }), y);
        await page.waitForTimeout(120);
        const overlaps = await page.evaluate(() => {
          const boxes = [...document.querySelectorAll('figure.ensemble-lab-figure')].map((f) => f.getBoundingClientRect());
          const links = [...document.querySelectorAll<HTMLElement>('.right-sidebar-panel a')].filter((a) => {
            const r = a.getBoundingClientRect();
            return getComputedStyle(a).visibility === 'visible' && r.width > 0 && r.bottom > 0 && r.top < innerHeight;
          });
          return links.filter((a) => {
            const r = a.getBoundingClientRect();
            return boxes.some((b) => r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top);
          }).map((a) => a.textContent?.trim());
        });
        expect(overlaps, `${chapter} at scrollY ${y}`).toEqual([]);
        checked++;
      }
      expect(checked).toBeGreaterThan(2);
      // Past the figures, the list is back.
      await page.evaluate(() => scrollTo({ top: document.body.scrollHeight, behavior: 'instant' }));
      await expect.poll(() => page.locator('.right-sidebar-panel a').first().evaluate((a) => getComputedStyle(a).visibility)).toBe('visible');
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    }
  });

  it("at 390 px the Sessions chapter's table is a named region that scrolls, or fits: nothing is cut off unseen", async () => {
    const probe = await openPage(browser(), `${base}/sessions/`, { width: 390, height: 844 });
    const { page } = probe;
    const region = page.locator('.sl-markdown-content [role="region"]:has(> table)').first();
    expect(await region.getAttribute('aria-label')).toBe('Table: connection loss, session expiry');
    expect(await region.getAttribute('tabindex')).toBe('0');
    await region.scrollIntoViewIfNeeded();
    const m = await region.evaluate((r) => {
      const t = r.querySelector('table')!;
      return { scrolls: r.scrollWidth > r.clientWidth + 1 && getComputedStyle(r).overflowX === 'auto', tableRight: t.getBoundingClientRect().right, regionRight: r.getBoundingClientRect().right };
    });
    // Either it fits in its column, or the region scrolls (with its shadow at the hidden edge).
    expect(m.scrolls || m.tableRight <= m.regionRight + 1, JSON.stringify(m)).toBe(true);
    expect(m.regionRight).toBeLessThanOrEqual(390);
    expect(await axeSerious(page)).toEqual([]);
    await probe.context.close();
  });

  it('at 390 px the ensemble’s words read at 11 px or more, and every server and client is inside the drawing', async () => {
    for (const [chapter, lab] of [
      ['why-coordination', 'intro-lab'],
      ['sessions', 'session-lab'],
      ['zab', 'zab-lab'],
    ] as const) {
      const probe = await openPage(browser(), `${base}/${chapter}/`, { width: 390, height: 844 });
      const { page } = probe;
      const diagram = page.locator(`ensemble-lab#${lab} ensemble-diagram`);
      await diagram.scrollIntoViewIfNeeded();
      await diagram.locator('svg g.server').first().waitFor();
      const m = await diagram.evaluate((el) => {
        const svg = el.querySelector('svg')!;
        const scale = svg.getScreenCTM()!.a;
        const small = [...svg.querySelectorAll('g.server text, g.client text')]
          .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).display !== 'none')
          .map((t) => ({ text: t.textContent!.trim(), px: parseFloat(getComputedStyle(t).fontSize) * scale }))
          .filter((t) => t.px < 11);
        const r = svg.getBoundingClientRect();
        const outside = [...svg.querySelectorAll('g.client rect, g.server circle.body')]
          .filter((g) => {
            const b = g.getBoundingClientRect();
            return b.right > r.right + 0.5 || b.left < r.left - 0.5 || b.right > innerWidth;
          })
          .map((g) => g.parentElement!.getAttribute('aria-label'));
        return { small, outside };
      });
      expect(m.small, chapter).toEqual([]);
      expect(m.outside, chapter).toEqual([]);
      await probe.context.close();
    }
  });
});

describe("the tour's ring", () => {
  it("at the log step, rings the log and its key whole: it crosses no line of the key's words", async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`, { width: 1440, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#intro-lab');
    const tour = page.locator('[data-tour="intro-lab"]');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    await tour.getByRole('button', { name: 'Take the tour' }).click();
    const steps = await tour.locator('[data-role="steps"] li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.target));
    const logStep = steps.indexOf('log');
    expect(logStep).toBeGreaterThan(0);
    for (let i = 0; i < logStep; i++) {
      await expect.poll(() => tour.locator('[data-role="count"]').textContent()).toBe(`Step ${i + 1} of ${steps.length}`);
      await tour.getByRole('button', { name: 'Next ▶' }).click();
    }
    await expect.poll(() => tour.locator('[data-role="count"]').textContent()).toBe(`Step ${logStep + 1} of ${steps.length}`);
    await expect.poll(() => lab.locator('.tour-spot').count()).toBe(1);
    await page.waitForTimeout(900); // the ring is placed again after the scroll settles
    const m = await page.evaluate(() => {
      const s = document.querySelector('#intro-lab .tour-spot')!.getBoundingClientRect();
      const key = document.querySelector('#intro-lab txn-log .live-legend')!.getBoundingClientRect();
      const rows = document.querySelector('#intro-lab txn-log [data-role="rows"]')!.getBoundingClientRect();
      // The ring's top and bottom edges run across the lab (it is kept inside the lab's sides):
      // neither may run through the key's lines, and the rows must lie between them.
      const through = (edge: number): boolean => edge > key.top + 1 && edge < key.bottom - 1;
      return { ringsRows: s.top <= rows.top && s.bottom >= rows.bottom, crossesKey: through(s.top) || through(s.bottom) };
    });
    expect(m).toEqual({ ringsRows: true, crossesKey: false });
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('the space-time diagram on a phone', () => {
  it("at 390 px thins an election's votes to a faint hatch without heads; at 1440 they keep their heads", async () => {
    for (const width of [390, 1440]) {
      const probe = await openPage(browser(), `${base}/zab/`, { width, height: 844 });
      const { page } = probe;
      const lab = page.locator('ensemble-lab#zab-lab');
      await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
      for (let i = 0; i < 40; i++) await lab.getByRole('button', { name: 'Step forward' }).click();
      const st = lab.locator('space-time');
      await st.scrollIntoViewIfNeeded();
      await expect.poll(() => st.locator('g.arrow[data-family="election"]').count()).toBeGreaterThan(10);
      const votes = await st.locator('g.arrow[data-family="election"] line.shaft').evaluateAll((ls) =>
        ls.map((l) => ({ head: getComputedStyle(l).markerEnd, opacity: Number(getComputedStyle(l).strokeOpacity) })),
      );
      const delivered = await st.locator('g.arrow[data-family="election"][data-status="delivered"] line.shaft').count();
      expect(delivered).toBeGreaterThan(0);
      if (width === 390) {
        expect(votes.every((v) => v.head === 'none' && v.opacity <= 0.4)).toBe(true);
      } else {
        expect(votes.some((v) => v.head !== 'none')).toBe(true);
      }
      await probe.context.close();
    }
  });
});
