/**
 * End to end, the lab's reading aids on the built site, in Debian's chromium: chapter 1's
 * guided tour runs to its end by keyboard alone (each step moves the lab and rings one part)
 * and can be skipped; a <Predict> cannot be revealed before a choice, and once revealed says
 * why, moves its lab to the moment that shows the answer, and is still revealed after a
 * reload; a moment link moves its lab and brings it into view; the tour's and predictions'
 * code is not loaded before the reader touches them; a lab takes the page's width at 1440 px
 * and stays inside a 390 px phone; axe finds nothing serious; phone and dark screenshots.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeSerious, openPage, screenshot } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { specForSeed } from '../../playground/explore/run.ts';
import { linkForRunSpec } from '../../playground/timeline/link.ts';

const base = inject('baseURL');
const browser = useBrowser();


/** The JavaScript chunks of a page's requests whose file name starts with `name.`. */
const chunks = (requests: readonly string[], name: string): string[] => requests.filter((u) => new RegExp(`/_astro/${name}\\.[\\w-]+\\.js$`).test(u));

const focusedText = (page: Page): Promise<string | null> => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);

describe('the guided tour (chapter 1)', () => {
  it('runs to its end by keyboard: each step moves the lab, rings one part and says what to look at', async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`, { width: 1440, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#intro-lab');
    const tour = page.locator('[data-tour="intro-lab"]');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    // Nothing of the tour's code before the reader asks for it.
    expect(chunks(probe.requests, 'reading-aids')).toEqual([]);
    await screenshot(page, 'aids-tour-before');
    // Keyboard only from here: the tour's first button, then Enter at every step.
    await tour.getByRole('button', { name: 'Take the tour' }).focus();
    await page.keyboard.press('Enter');
    const steps = await tour.locator('[data-role="steps"] li').count();
    expect(steps).toBeGreaterThanOrEqual(5);
    expect(steps).toBeLessThanOrEqual(8);
    const seen: string[] = [];
    for (let i = 1; i <= steps; i++) {
      await expect.poll(() => tour.locator('[data-role="count"]').textContent()).toBe(`Step ${i} of ${steps}`);
      // The step's sentence is the list's i-th, and the lab stands at the step's moment.
      const text = await tour.locator('[data-role="text"]').textContent();
      expect(text).toBe(await tour.locator('[data-role="steps"] li').nth(i - 1).textContent());
      await expect.poll(() => lab.locator('[data-role="moment"]').evaluate((m) => !(m as HTMLElement).hidden && m.textContent!.startsWith('Moment: '))).toBe(true);
      // One part is ringed, inside the lab.
      await expect.poll(() => lab.locator('.tour-spot').count()).toBe(1);
      const spot = (await lab.locator('.tour-spot').boundingBox())!;
      expect(spot.width).toBeGreaterThan(10);
      seen.push(`${await lab.locator('[data-role="moment"]').textContent()} @ ${Math.round(spot.x)},${Math.round(spot.y)}`);
      if (i === 3) await screenshot(page, 'aids-tour-step-3');
      expect(await focusedText(page)).toBe(i < steps ? 'Next ▶' : 'Finish');
      await page.keyboard.press('Enter');
    }
    // Different steps ring different parts.
    expect(new Set(seen).size).toBe(steps);
    await expect.poll(() => tour.getAttribute('data-state')).toBe('done');
    expect(await lab.locator('.tour-spot').count()).toBe(0);
    expect(await lab.getAttribute('data-touring')).toBeNull();
    expect(await focusedText(page)).toBe('Take the tour again');
    expect(chunks(probe.requests, 'reading-aids').length).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('can be skipped before it starts, and part-way with Escape', async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#intro-lab');
    const tour = page.locator('[data-tour="intro-lab"]');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    const start = await lab.locator('.lab-clock').textContent();
    await tour.getByRole('button', { name: 'Skip it' }).click();
    await expect.poll(() => tour.getAttribute('data-state')).toBe('done');
    // Skipping moves nothing.
    expect(await lab.locator('.lab-clock').textContent()).toBe(start);
    expect(await tour.locator('[data-role="intro-text"]').textContent()).toContain('skipped');
    // Again, and leave at step 2 with Escape: the bar comes back, the ring goes.
    await tour.getByRole('button', { name: 'Take the tour again' }).click();
    await expect.poll(() => tour.locator('[data-role="count"]').textContent()).toMatch(/^Step 1 of/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tour.locator('[data-role="count"]').textContent()).toMatch(/^Step 2 of/);
    expect(await lab.locator('.lab-bar').isHidden()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => tour.getAttribute('data-state')).toBe('done');
    expect(await lab.locator('.lab-bar').isVisible()).toBe(true);
    expect(await lab.locator('.tour-spot').count()).toBe(0);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('fits a 390 px phone, and reads in the dark', async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`, { width: 390, height: 844 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#intro-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    await page.locator('[data-tour="intro-lab"]').getByRole('button', { name: 'Take the tour' }).click();
    await expect.poll(() => page.locator('[data-tour] [data-role="count"]').textContent()).toMatch(/^Step 1 of/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-tour] [data-role="count"]').textContent()).toMatch(/^Step 2 of/);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/screenshots/aids-tour-390.png' });
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/screenshots/aids-tour-390-dark.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a prediction (<Predict>)', () => {
  it('cannot be revealed before a choice; revealed, it explains, moves its lab, and survives a reload', async () => {
    const probe = await openPage(browser(), `${base}/zab/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    const predict = page.locator('[data-predict="first-leader"]');
    await predict.scrollIntoViewIfNeeded();
    const reveal = predict.getByRole('button', { name: 'Reveal' });
    expect(await reveal.isDisabled()).toBe(true);
    expect(await predict.locator('[data-role="answer"]').isHidden()).toBe(true);
    // A click on the disabled button does nothing.
    await reveal.click({ force: true });
    expect(await predict.locator('[data-role="answer"]').isHidden()).toBe(true);
    expect(chunks(probe.requests, 'reading-aids')).toEqual([]);
    // The lab stands at its first event.
    expect(await lab.locator('.lab-clock').textContent()).toContain('t = 0 ms');
    expect(await lab.locator('ensemble-diagram g.server[data-role="LEADING"]').count()).toBe(0);

    // A wrong answer, by keyboard: focus the first radio, Space chooses it.
    await predict.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await expect.poll(() => reveal.isEnabled()).toBe(true);
    await reveal.click();
    await expect.poll(() => predict.locator('[data-role="verdict"]').textContent()).toContain('Not quite');
    expect(await predict.locator('[data-role="answer"]').isVisible()).toBe(true);
    // Every choice says why: the right one why it is right, the others why they tempt.
    const whys = await predict.locator('[data-role="why"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).hidden));
    expect(whys.every((hidden) => !hidden)).toBe(true);
    expect(await predict.locator('[data-verdict="right"] [data-role="text"]').textContent()).toContain('s5');
    // The lab moved to the moment that shows the answer: s5 leads, and says so (a view
    // off-screen draws when it comes near: look at the picture).
    await expect.poll(() => lab.locator('[data-role="moment"]').textContent()).toBe('Moment: a server takes the LEADING role.');
    await lab.locator('ensemble-diagram').scrollIntoViewIfNeeded();
    await expect.poll(() => lab.locator('ensemble-diagram g.server[data-role="LEADING"]').count()).toBe(1);
    expect(await lab.locator('ensemble-diagram g.server[data-role="LEADING"]').getAttribute('data-server')).toBe('s5');
    expect(page.url()).toContain('#lab=zab-lab&v=2&s=zab&seed=7&at=');
    await screenshot(page, 'aids-predict-revealed');
    expect(await axeSerious(page)).toEqual([]);

    // Kept with the reader's progress: after a reload the answer is still there, and the
    // lab is not moved by it (it opens at the link the reveal wrote, as any link does).
    await page.goto(`${base}/zab/`, { waitUntil: 'networkidle' });
    const again = page.locator('[data-predict="first-leader"]');
    await again.scrollIntoViewIfNeeded();
    await expect.poll(() => again.getAttribute('data-state')).toBe('revealed');
    expect(await again.getByRole('radio').first().isChecked()).toBe(true);
    expect(await again.locator('[data-role="verdict"]').textContent()).toContain('Not quite');
    expect(await page.locator('ensemble-lab#zab-lab .lab-clock').textContent()).toContain('t = 0 ms');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('says "right" for the right answer, in the dark too', async () => {
    const probe = await openPage(browser(), `${base}/failure-lab/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#failure-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    const predict = page.locator('[data-predict="follower-crash"]');
    await predict.scrollIntoViewIfNeeded();
    await predict.locator('[data-correct="true"] input').check();
    await predict.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => predict.locator('[data-role="verdict"]').getAttribute('data-verdict')).toBe('right');
    await expect.poll(() => lab.locator('[data-role="moment"]').textContent()).toContain('c5 is connected again');
    // The moment is what it says: c5's old server (s1) is down, c5 is connected elsewhere.
    await lab.locator('ensemble-diagram').scrollIntoViewIfNeeded();
    await expect.poll(() => lab.locator('ensemble-diagram g.server[data-server="s1"]').getAttribute('data-role')).toBe('DOWN');
    expect(await lab.locator('ensemble-diagram g.client[aria-label^="client c5:"]').getAttribute('aria-label')).toMatch(/connected to s[2-5]/);
    await predict.scrollIntoViewIfNeeded();
    expect(await lab.locator('ensemble-diagram g.server[data-server="s1"]').getAttribute('data-role')).toBe('DOWN');
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await page.waitForTimeout(300);
    await predict.screenshot({ path: 'test-results/screenshots/aids-predict-right-dark.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a moment link', () => {
  it('moves its lab to the named moment and brings it into view', async () => {
    // Narrower than the contents column needs: no <LabStage> docks the picture beside the
    // text (lab-stage.test.ts tests that case), so the link must scroll to the lab.
    const probe = await openPage(browser(), `${base}/zab/`, { width: 1100, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    // The first load carries neither the moments, nor the tables, nor an explorer's run.
    for (const name of ['scenario-moments', 'lab-tables', 'explorer-scenario', 'reading-aids']) expect(chunks(probe.requests, name)).toEqual([]);
    // The prose's link (the Zab challenge's hint names the same moment further down).
    const link = page.locator('[data-moment-link][data-moment="write-proposed"]').first();
    await link.scrollIntoViewIfNeeded();
    // The lab is out of sight before the click.
    expect(await lab.locator('.lab-views').evaluate((v) => v.getBoundingClientRect().bottom < 0)).toBe(true);
    await link.click();
    await expect.poll(() => lab.locator('[data-role="moment"]').textContent()).toBe('Moment: the leader proposes a write.');
    // In view: the picture's top is on screen.
    await expect.poll(() => lab.locator('.lab-views').evaluate((v) => Math.round(v.getBoundingClientRect().top)), { timeout: 3000 }).toBeGreaterThanOrEqual(0);
    expect(await lab.locator('.lab-views').evaluate((v) => v.getBoundingClientRect().top < innerHeight / 2)).toBe(true);
    // A PROPOSAL is in flight from the leader.
    expect(await lab.locator('ensemble-diagram g.msg[data-type="PROPOSAL"]').count()).toBeGreaterThan(0);
    // The moment is a link state: the page's hash opens the same moment elsewhere.
    const url = page.url();
    expect(url).toMatch(/#lab=zab-lab&v=2&s=zab&seed=7&at=\d+$/);
    const other = await openPage(browser(), url);
    const otherLab = other.page.locator('ensemble-lab#zab-lab');
    await otherLab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    expect(await otherLab.locator('.lab-clock').textContent()).toBe(await lab.locator('.lab-clock').textContent());
    expect(other.errors).toEqual([]);
    await other.context.close();
    // The badge goes when the reader moves on.
    await lab.getByRole('button', { name: 'Step forward' }).click();
    expect(await lab.locator('[data-role="moment"]').isHidden()).toBe(true);
    // The tables' code comes when the reader opens them, and they say where the lab stands.
    await lab.locator('[data-role="tables"] > summary').click();
    await expect.poll(() => lab.locator('[data-role="tables"] table').count()).toBe(3);
    expect(await lab.locator('[data-role="tables"] table').first().textContent()).toContain('LEADING');
    expect(chunks(probe.requests, 'lab-tables').length).toBe(1);
    expect(chunks(probe.requests, 'explorer-scenario')).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe("an explorer's failing run", () => {
  it('opens in a lab from its link, with the explorer\'s code loaded only then, and stands where the link says', async () => {
    const spec = specForSeed(42);
    const probe = await openPage(browser(), `${base}/zab/#${linkForRunSpec('zab-lab', spec, 120)}`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(spec.servers - 1).waitFor();
    expect(await lab.locator('ensemble-diagram g.server').count()).toBe(spec.servers);
    expect(chunks(probe.requests, 'explorer-scenario').length).toBe(1);
    // At the link's position, not the start.
    expect(await lab.locator('.lab-clock').textContent()).not.toContain('t = 0 ms');
    expect(await lab.locator('[data-role="message"]').isHidden()).toBe(true);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('room to see', () => {
  it('at 1440 × 900 a lab takes the page width: its ensemble and space-time diagrams are at least 880 px wide', async () => {
    const probe = await openPage(browser(), `${base}/zab/`, { width: 1440, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    await lab.locator('space-time').scrollIntoViewIfNeeded();
    const width = (sel: string) => lab.locator(sel).evaluate((e) => e.getBoundingClientRect().width);
    expect(await width('ensemble-diagram svg')).toBeGreaterThanOrEqual(880);
    expect(await width('space-time svg')).toBeGreaterThanOrEqual(880);
    // The prose keeps its measure; the figure ends inside the window.
    const prose = await page.locator('.sl-markdown-content > p').first().evaluate((e) => e.getBoundingClientRect().width);
    expect(prose).toBeLessThanOrEqual(760);
    // Every lab of the page (the chapter's, and the Figure 1 run of "Zab is not Paxos") ends inside the window.
    const rights = await page.locator('figure.ensemble-lab-figure').evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect().right));
    expect(rights.length).toBeGreaterThanOrEqual(2);
    for (const right of rights) expect(right).toBeLessThanOrEqual(1440);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    // The picture comes first, the controls after it.
    const order = await lab.evaluate((l) => [l.querySelector('.lab-views'), l.querySelector('.lab-bar')].map((e) => e!.getBoundingClientRect().top));
    expect(order[0]).toBeLessThan(order[1]!);
    await page.locator('figure.ensemble-lab-figure:has(ensemble-lab#zab-lab)').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/aids-lab-1440.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('at 1280 the lab is wider than the text, and at 390 it stays within the screen', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const probe = await openPage(browser(), `${base}/failure-lab/`, { width, height });
      const { page } = probe;
      const lab = page.locator('ensemble-lab#failure-lab');
      await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
      const figure = await page.locator('figure.ensemble-lab-figure').evaluate((f) => f.getBoundingClientRect().width);
      const prose = await page.locator('.sl-markdown-content > p').first().evaluate((e) => e.getBoundingClientRect().width);
      if (width > 1000) expect(figure).toBeGreaterThan(prose + 100);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.locator('figure.ensemble-lab-figure').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/aids-lab-${width}.png` });
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    }
  });
});
