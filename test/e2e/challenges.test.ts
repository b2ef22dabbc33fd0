/**
 * The stepper challenges end to end, in Debian's chromium against the built site (issue 16):
 * on the Paxos chapter the reader duels and then agrees in the challenge's own stepper, with
 * their own moves: each goal ticks as it is reached (not one step before), the challenge is
 * kept (its mark, the sidebar's, a reload); the same position opened from a link is shown
 * but not kept. The Zab chapter's challenge box renders, and a lab link that reaches a DIFF
 * ticks its first goal without keeping it. axe finds nothing serious; no page errors.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { axeSerious, screenshot, NO_SERVICE_WORKER } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { parseRun } from '../../playground/paxos/runs.ts';
import { formatPaxosLink } from '../../playground/paxos/link.ts';
import type { PaxosStep } from '../../playground/paxos/steps.ts';
import { Timeline } from '../../playground/timeline/timeline.ts';
import { SCENARIOS } from '../../playground/timeline/scenarios/index.ts';
import { parseAction } from '../../playground/timeline/actions.ts';
import { formatLink } from '../../playground/timeline/link.ts';

const base = inject('baseURL');
const browser = useBrowser();

const duel = parseRun(JSON.parse(readFileSync('playground/paxos/runs/duelling-proposers.json', 'utf8'))).steps;
const agree: PaxosStep[] = [
  { do: 'deliver', msg: 'p2->a2 accept 2.2 Y' },
  { do: 'deliver', msg: 'p2->a3 accept 2.2 Y' },
  { do: 'deliver', msg: 'a2->l1 accepted 2.2 Y' },
  { do: 'deliver', msg: 'a3->l1 accepted 2.2 Y' },
];

/** One step by the stepper's own controls, as a reader makes it. */
async function step(stepper: Locator, s: PaxosStep): Promise<void> {
  if (s.do === 'start') {
    await stepper.locator('[data-role="proposer"]').selectOption(s.proposer);
    await stepper.locator('[data-role="value"]').fill(s.value);
    await stepper.locator('[data-role="value"]').press('Enter');
    return;
  }
  if (s.do !== 'deliver') throw new Error(`not used here: ${s.do}`);
  const text = s.msg.replace(/^(\S+)->(\S+) /, '$1 → $2: ');
  await stepper.locator('.px-msg-button', { hasText: text }).first().click();
  await stepper.getByRole('button', { name: 'Deliver', exact: true }).click();
}

const done = (box: Locator): Promise<string[]> => box.locator('[data-stage]').evaluateAll((ls) => ls.map((l) => (l as HTMLElement).dataset.done!));
const kept = (page: Page): Promise<string[]> => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':exercise:/paxos/')).sort());

describe('stepper challenges', () => {
  it('Paxos: a duel of three rounds, then agreement, by the reader’s own moves; kept; a link’s is not', async () => {
    const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/paxos/`, { waitUntil: 'networkidle' });
    const stepper = page.locator('#paxos-duel-stepper');
    const box = page.locator('#paxos-duel');
    await stepper.locator('svg.paxos-svg').waitFor();
    for (const s of duel.slice(0, -1)) await step(stepper, s);
    expect(await done(box)).toEqual(['false', 'false']); // two rounds pre-empted: no duel yet
    await step(stepper, duel.at(-1)!);
    expect(await done(box)).toEqual(['true', 'false']);
    expect(await box.locator('[data-role="news"]').textContent()).toMatch(/^Reached: Make the two proposers duel/);
    for (const s of agree) await step(stepper, s);
    expect(await done(box)).toEqual(['true', 'true']);
    expect(await box.locator('[data-role="passed"]').isVisible()).toBe(true);
    expect(await box.locator('[data-role="borrowed"]').isVisible()).toBe(false);
    expect(await kept(page)).toEqual([0, 1, 2].map((k) => `ensemble.progress.v1:exercise:/paxos/#paxos-duel${k === 0 ? '' : `.${k}`}`).sort());
    expect(await page.evaluate(() => document.querySelector('nav.sidebar a[href="/paxos/"] .book-mark [aria-hidden="true"]')?.textContent)).toBe('1/1');
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'challenge-paxos-done-1280');
    expect(await axeSerious(page)).toEqual([]);
    // Kept: after a reload (the hash now names the figure, so nothing new would be kept), still done.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await box.locator('[data-role="passed"]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();

    // Someone else opens a link to the same position: shown, not kept.
    const other = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 390, height: 844 } });
    const p2 = await other.newPage();
    const hash = formatPaxosLink({ figure: 'paxos-duel-stepper', rules: null, run: null, steps: [...duel, ...agree], at: duel.length + agree.length });
    await p2.goto(`${base}/paxos/#${hash}`, { waitUntil: 'networkidle' });
    const box2 = p2.locator('#paxos-duel');
    await expect.poll(() => done(box2)).toEqual(['true', 'true']);
    expect(await box2.locator('[data-role="borrowed"]').isVisible()).toBe(true);
    expect(await box2.locator('[data-role="passed"]').isVisible()).toBe(false);
    expect(await kept(p2)).toEqual([]);
    await box2.scrollIntoViewIfNeeded();
    await screenshot(p2, 'challenge-paxos-link-390');
    await other.close();
  }, 120_000);

  it('Zab: the challenge box follows the lab; a link that reaches a DIFF ticks it without keeping it', async () => {
    const t = new Timeline(SCENARIOS.get('zab')!, 7);
    for (const [time, line] of [[5000, 'crash s1'], [12_000, 'restart s1']] as const) {
      t.computeToTime(time);
      t.seekTime(time);
      t.act(parseAction(line));
    }
    t.computeToTime(16_000);
    t.seekTime(16_000);
    const hash = formatLink({ lab: 'zab-lab', scenario: 'zab', seed: 7, position: t.position, inputs: t.readerInputs });
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
      await context.addInitScript((th) => localStorage.setItem('starlight-theme', th), theme);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/zab/#${hash}`, { waitUntil: 'networkidle' });
      const box = page.locator('#zab-sync');
      await expect.poll(() => done(box), { timeout: 20_000 }).toEqual(['true', 'false', 'false']);
      expect(await box.locator('[data-role="borrowed"]').isVisible()).toBe(true);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':exercise:')))).toEqual([]);
      await box.scrollIntoViewIfNeeded();
      await screenshot(page, `challenge-zab-link-1280-${theme}`);
      expect(await axeSerious(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
