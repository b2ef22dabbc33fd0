/**
 * End to end, the live views on the built site (Zab and Watches chapters), in Debian's
 * chromium: the ensemble loads paused at its first event; crashing the leader and stepping
 * shows a new leader; stepping back restores the previous tree; a shared link reproduces
 * the same state in a fresh context; a malformed link says so and shows the default view;
 * axe finds nothing serious; a keyboard-only run works; a frozen leader is drawn FROZEN and
 * outlasted by the followers' timers, and a leader's clock skewed ahead from "More controls" gives
 * the next leader's lock znodes a smaller ctime but a larger czxid (Failure lab chapter);
 * phone and dark screenshots are taken; no console errors.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeSerious, openPage, screenshot } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { formatLink } from '../../playground/timeline/index.ts';
import { positionWithZnodes } from '../harness/load-position.ts';

const base = inject('baseURL');
const browser = useBrowser();

const leaderOf = (page: Page): Promise<string | null> =>
  page.locator('ensemble-diagram g.server[data-role="LEADING"]').first().getAttribute('data-server', { timeout: 500 }).catch(() => null);

async function treeLabels(lab: Locator): Promise<string[]> {
  // Look at the tree as a reader does: scrolled into view (off-screen it redraws only when
  // it comes near the viewport).
  await lab.locator('znode-tree-live').scrollIntoViewIfNeeded();
  const nodes = lab.locator('znode-tree-live svg g.znode');
  await lab.page().waitForTimeout(450); // the redraw
  // Enter and exit transitions (cosmetic) finish: every row left is fully shown. On a busy
  // machine a fixed wait read rows still fading out.
  await expect.poll(() => nodes.evaluateAll((els) => els.every((e) => getComputedStyle(e).opacity === '1')), { timeout: 10_000 }).toBe(true);
  return nodes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Everything a reader can read or hear in the figure, and the drawn ensemble. */
async function snapshotOf(lab: Locator): Promise<{ text: string; servers: string[]; messages: string[]; tree: string[] }> {
  await lab.page().waitForTimeout(450);
  return {
    text: (await lab.locator('[data-role="tables"]').evaluate((e) => e.textContent ?? '')) + (await lab.locator('.lab-clock').textContent()),
    servers: await lab.locator('ensemble-diagram g.server').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')} @ ${e.getAttribute('transform')}`)),
    messages: await lab.locator('ensemble-diagram g.msg').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-type')} @ ${e.getAttribute('transform')}`)),
    tree: await treeLabels(lab),
  };
}


describe('live views (Zab chapter)', () => {
  it('crash the leader, step to a new leader, step back to the old tree, share the link', async () => {
    const probe = await openPage(browser(), `${base}/zab/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    // Loads paused at its first event: every server LOOKING, time 0.
    await expect.poll(() => lab.locator('.lab-clock').textContent()).toContain('t = 0 ms');
    expect(await lab.locator('ensemble-diagram g.server[data-role="LOOKING"]').count()).toBe(5);
    await screenshot(page, 'views-zab-start');

    // Let the ensemble elect and commit a few writes.
    for (let i = 0; i < 3; i++) await lab.getByRole('button', { name: 'Next commit' }).click();
    const oldLeader = await leaderOf(page);
    expect(oldLeader).toMatch(/^s\d$/);
    const before = await treeLabels(lab);
    expect(before.some((l) => l.includes('znode /config'))).toBe(true);

    await lab.getByRole('button', { name: 'Kill the leader' }).click();
    // Look at the diagram, as a reader does (a view far off-screen redraws only when it comes near).
    await lab.locator('ensemble-diagram').scrollIntoViewIfNeeded();
    await expect.poll(() => lab.locator(`ensemble-diagram g.server[data-server="${oldLeader}"]`).getAttribute('data-role')).toBe('DOWN');
    expect(await lab.locator(`ensemble-diagram g.server[data-server="${oldLeader}"]`).getAttribute('aria-label')).toContain('DOWN');
    // Step until a new leader shows.
    let newLeader: string | null = null;
    let steps = 0;
    const forward = lab.getByRole('button', { name: 'Step forward' });
    for (; steps < 1500 && (newLeader === null || newLeader === oldLeader); steps++) {
      await forward.click();
      if (steps % 10 === 9) newLeader = await leaderOf(page);
    }
    expect(newLeader).toMatch(/^s\d$/);
    expect(newLeader).not.toBe(oldLeader);
    await screenshot(page, 'views-zab-new-leader');

    // Share the link: a fresh context opens the same moment, the same pixels and words.
    const url = page.url();
    expect(url).toContain('#lab=zab-lab&v=2&s=zab&seed=7&at=');
    expect(url).toMatch(/&in=\d+:crash\+s\d/);
    const here = await snapshotOf(lab);
    const other = await openPage(browser(), url);
    const otherLab = other.page.locator('ensemble-lab#zab-lab');
    await otherLab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    expect(await snapshotOf(otherLab)).toEqual(here);
    expect(other.errors).toEqual([]);
    await other.context.close();

    // Step back until the old leader is up again: the tree is the one from before the crash.
    const back = lab.getByRole('button', { name: 'Step back' });
    await lab.locator('ensemble-diagram').scrollIntoViewIfNeeded(); // the diagram is what this loop reads
    let restored = false;
    for (let i = 0; i < 3000 && !restored; i++) {
      await back.click();
      restored = (await lab.locator(`ensemble-diagram g.server[data-server="${oldLeader}"]`).getAttribute('data-role')) === 'LEADING';
    }
    expect(restored).toBe(true);
    expect(await treeLabels(lab)).toEqual(before);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('explains a malformed link and shows the default view', async () => {
    const probe = await openPage(browser(), `${base}/zab/#lab=zab-lab&v=9&s=zab&seed=7`);
    const lab = probe.page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    await expect.poll(() => lab.locator('[data-role="message"]').textContent()).toContain('version 9 is not supported');
    expect(await lab.locator('.lab-clock').textContent()).toContain('t = 0 ms');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('works by keyboard alone, and is axe clean', async () => {
    const probe = await openPage(browser(), `${base}/zab/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    // Step back is disabled at the first event; Tab from Play reaches Step forward; Enter steps.
    expect(await lab.getByRole('button', { name: 'Step back' }).isDisabled()).toBe(true);
    await lab.getByRole('button', { name: 'Play' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Step forward');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('.lab-clock').textContent()).not.toContain('event 51');
    // Play and pause with the keyboard.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await lab.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.waitForTimeout(1200);
    await page.keyboard.press('Enter');
    expect(await lab.getByRole('button', { name: 'Play' }).count()).toBe(1);
    // Jump on, then crash a chosen server with the keyboard: the chapter's controls are in the
    // bar, the rest behind "More controls and faults…", which opens and closes by keyboard.
    await lab.getByRole('button', { name: 'Next commit' }).focus();
    await page.keyboard.press('Enter');
    const more = lab.getByRole('button', { name: 'More controls and faults…' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await lab.locator('[data-role="more"]').isHidden()).toBe(true);
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await lab.locator('[data-role="more"]').isHidden()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await lab.locator('[data-role="more"]').isVisible()).toBe(true);
    const server = lab.locator('.lab-chapter-controls select[data-role="server"]');
    await server.focus();
    await server.selectOption('s2');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Kill process');
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('ensemble-diagram g.server[data-server="s2"]').getAttribute('data-role')).toBe('DOWN');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Restart');
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('ensemble-diagram g.server[data-server="s2"]').getAttribute('data-role')).not.toBe('DOWN');
    // Partition by keyboard: tick s1 for side A, press Partition, then Heal.
    await lab.locator('[data-role="sides"] input[value="s1"]').focus();
    await page.keyboard.press('Space');
    await lab.getByRole('button', { name: 'Partition', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('ensemble-diagram g.server[data-server="s1"] g.side text').textContent()).toBe(' A');
    await lab.getByRole('button', { name: 'Heal' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('ensemble-diagram g.link.cut').count()).toBe(0);
    // A message's payload by keyboard: focus the space-time diagram (which scrolls it into
    // view; off-screen views draw when they come near), then an arrow in it, press Enter.
    await lab.locator('space-time [data-role="canvas"]').focus();
    const arrow = lab.locator('space-time g.arrow').last();
    await arrow.waitFor({ state: 'attached' });
    await arrow.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('[data-role="payload"]').textContent()).toContain('sent at');
    // Undo the heal (the partition comes back), by keyboard.
    await lab.getByRole('button', { name: 'Undo the last fault or workload' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('ensemble-diagram g.link.cut').count()).toBeGreaterThan(0);
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a frozen host (Failure lab chapter)', () => {
  const clock = async (lab: Locator): Promise<number> => Number(/t = (\d+) ms/.exec((await lab.locator('.lab-clock').textContent()) ?? '')![1]);

  it('Freeze the leader: it is drawn FROZEN, nothing closes, and the followers elect another only after syncLimit ticks', async () => {
    const probe = await openPage(browser(), `${base}/failure-lab/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#failure-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    await lab.getByRole('button', { name: 'More controls and faults…' }).click();
    for (let i = 0; i < 3; i++) await lab.getByRole('button', { name: 'Next commit' }).click();
    const leader = (await leaderOf(page))!;
    expect(leader).toMatch(/^s\d$/);
    await lab.getByRole('button', { name: 'Freeze the leader' }).click();
    const frozenAt = await clock(lab);
    const drawn = lab.locator(`ensemble-diagram g.server[data-server="${leader}"]`);
    await expect.poll(() => drawn.getAttribute('class')).toContain('frozen');
    expect(await drawn.locator('text.role').textContent()).toBe(' ❄ FROZEN');
    expect(await drawn.getAttribute('aria-label')).toContain('its host frozen');
    expect(await lab.locator('[data-role="narration"]').textContent()).toContain(`${leader}'s host froze for 5s`);
    await lab.getByRole('button', { name: 'Next election' }).click();
    await expect.poll(async () => (await leaderOf(page)) !== leader || (await lab.locator('ensemble-diagram g.server[data-role="LEADING"]').count()) > 1).toBe(true);
    // Nobody was told: the followers waited syncLimit × tickTime (3 × 400 ms) of silence.
    expect((await clock(lab)) - frozenAt).toBeGreaterThanOrEqual(800);
    expect(await drawn.getAttribute('class')).toContain('frozen');
    await screenshot(page, 'views-failure-frozen-leader');
    expect(await axeSerious(page)).toEqual([]);
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await page.waitForTimeout(300);
    await lab.screenshot({ path: 'test-results/screenshots/views-failure-frozen-leader-dark.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('fits 390 px with the freeze controls', async () => {
    const probe = await openPage(browser(), `${base}/failure-lab/`, { width: 390, height: 844 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#failure-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    await lab.getByRole('button', { name: 'More controls and faults…' }).click();
    for (let i = 0; i < 2; i++) await lab.getByRole('button', { name: 'Next commit' }).click();
    await lab.locator('select[data-role="freeze-node"]').selectOption('c4');
    await lab.getByRole('button', { name: 'Freeze host' }).click();
    await expect.poll(() => lab.locator('[data-role="narration"]').textContent()).toContain("c4's host froze for 5s");
    await lab.locator('.lab-tools').screenshot({ path: 'test-results/screenshots/views-failure-faults-390.png' });
    // Off-screen views keep their last frame: bring the diagram into view to see the frozen client.
    await lab.locator('ensemble-diagram').scrollIntoViewIfNeeded();
    await expect.poll(() => lab.locator('ensemble-diagram g.client.frozen').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lab.locator('ensemble-diagram').screenshot({ path: 'test-results/screenshots/views-failure-frozen-client-390.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a skewed clock (Failure lab chapter)', () => {
  /** The lock znodes of the tree as a table: path, mzxid (a lock znode's czxid) and ctime in ms. */
  async function lockRows(lab: Locator): Promise<{ path: string; zxid: bigint; ctime: number }[]> {
    const rows = await lab.locator('znode-tree-live [data-role="table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    return rows.filter((r) => r[0]!.startsWith('/lock/')).map((r) => ({ path: r[0]!, zxid: BigInt(r[3]!), ctime: Number.parseInt(r[4]!, 10) }));
  }

  it('skews a clock from "More controls", carries it in the link, and a later lock gets a smaller ctime but a larger czxid', async () => {
    const probe = await openPage(browser(), `${base}/failure-lab/`, { width: 1440, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#failure-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    // Not in the chapter's bar: behind "More controls and faults…", reached by keyboard.
    expect(await lab.locator('.lab-chapter-controls [data-control="skew"]').count()).toBe(0);
    await lab.getByRole('button', { name: 'More controls and faults…' }).focus();
    await page.keyboard.press('Enter');
    const node = lab.getByLabel('Clock of');
    const by = lab.getByLabel('off by');
    await expect.poll(() => node.isVisible()).toBe(true);
    // As the chapter says: before Play, s5 (which will lead) gets a clock 30 s ahead.
    await node.selectOption('s5');
    await by.selectOption('30000');
    await by.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skew clock');
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.locator('[data-role="narration"]').textContent()).toContain("s5's wall clock is now 30s ahead");
    await expect.poll(() => decodeURIComponent(page.url().replace(/\+/g, ' '))).toMatch(/&in=\d+:skew s5 \+30s/);
    await lab.locator('[data-control="skew"]').screenshot({ path: 'test-results/screenshots/views-failure-skew-control.png' });

    // Some lock turns under s5, then it crashes; the next leader's clock is right, 30 s behind s5's.
    for (let i = 0; i < 30; i++) await lab.getByRole('button', { name: 'Next commit' }).click();
    await lab.getByRole('button', { name: 'Kill the leader' }).click();
    await lab.locator('znode-tree-live details.zt-table-wrap summary').click();
    let rows: { path: string; zxid: bigint; ctime: number }[] = [];
    const epoch = (z: bigint): bigint => z >> 32n;
    for (let i = 0; i < 40; i++) {
      await lab.getByRole('button', { name: 'Next commit' }).click();
      await lab.locator('znode-tree-live').scrollIntoViewIfNeeded();
      rows = await lockRows(lab);
      if (rows.some((r) => epoch(r.zxid) === 1n) && rows.some((r) => epoch(r.zxid) === 2n)) break;
    }
    expect(await lab.locator('znode-tree-live [data-role="now"]').textContent()).toMatch(/^s\d \(leader\)/);
    expect(await lab.locator('znode-tree-live [data-role="now"]').textContent()).not.toMatch(/^s5/);
    const before = rows.filter((r) => epoch(r.zxid) === 1n);
    const after = rows.filter((r) => epoch(r.zxid) === 2n);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    // Every lock znode created under the new leader has the larger czxid and a ctime smaller
    // by nearly 30 s (30 s less the seconds between the creates).
    for (const a of after) {
      for (const b of before) {
        expect(a.zxid).toBeGreaterThan(b.zxid);
        expect(b.ctime - a.ctime).toBeGreaterThan(20_000);
        expect(b.ctime - a.ctime).toBeLessThan(30_000);
      }
    }
    await lab.locator('znode-tree-live').screenshot({ path: 'test-results/screenshots/views-failure-skew-tree.png' });

    // The link reopens the same run: the skew and the crash, the same tables and pictures.
    const url = page.url();
    const here = await snapshotOf(lab);
    const other = await openPage(browser(), url, { width: 1440, height: 900 });
    const otherLab = other.page.locator('ensemble-lab#failure-lab');
    await otherLab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    expect(await snapshotOf(otherLab)).toEqual(here);
    await otherLab.locator('znode-tree-live details.zt-table-wrap summary').click();
    await otherLab.locator('znode-tree-live').scrollIntoViewIfNeeded();
    await expect.poll(() => lockRows(otherLab)).toEqual(rows);
    expect(other.errors).toEqual([]);
    await other.context.close();
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a 500-znode live tree', () => {
  it('lists its rows in a scrolling panel, draws those near the view, and moves by keyboard', async () => {
    const link = formatLink({ lab: 'zab-lab', scenario: 'load', seed: 1, position: positionWithZnodes(500), inputs: [] });
    const probe = await openPage(browser(), `${base}/zab/#${link}`);
    const { page } = probe;
    const tree = page.locator('ensemble-lab#zab-lab znode-tree-live');
    await tree.locator('[data-role="canvas"]').scrollIntoViewIfNeeded();
    await expect.poll(() => tree.locator('[data-role="now"]').textContent(), { timeout: 60_000 }).toMatch(/: 50\d znodes/);
    const drawn = () => tree.locator('svg g.znode').count();
    expect(await drawn()).toBeGreaterThan(10);
    expect(await drawn()).toBeLessThan(120);
    // One tab stop for the whole tree; arrows, Home and End move between rows, drawing
    // rows that were not drawn yet.
    const stop = tree.locator('svg g.znode[tabindex="0"]');
    expect(await stop.count()).toBe(1);
    await stop.focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-path') ?? null);
    expect(await focused()).toBe('/');
    await page.keyboard.press('End');
    expect(await focused()).toBe('/zookeeper');
    expect(await tree.locator('svg g.znode[data-path="/"]').count()).toBe(0);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('/config');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('/');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('/bench/n-0000000000');
    expect(await tree.locator('svg g.znode[tabindex="0"]').count()).toBe(1);
    // Scrolling the panel draws the rows it brings into view.
    await tree.locator('[data-role="canvas"]').evaluate((c) => c.scrollTo({ top: c.scrollHeight / 2 }));
    await expect.poll(() => tree.locator('svg g.znode[data-path^="/bench/n-00000002"]').count()).toBeGreaterThan(3);
    expect(await drawn()).toBeLessThan(120);
    await screenshot(page, 'views-zab-500-znodes');
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('live views on a phone, and in the dark', () => {
  it('fits 390 px and reads in dark mode', async () => {
    const probe = await openPage(browser(), `${base}/watches/`, { width: 390, height: 844 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#watch-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    await lab.getByRole('button', { name: 'More controls and faults…' }).click();
    for (let i = 0; i < 2; i++) await lab.getByRole('button', { name: 'Next commit' }).click();
    // No horizontal scroll of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lab.screenshot({ path: 'test-results/screenshots/views-watches-390.png' });
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await page.waitForTimeout(300);
    await lab.screenshot({ path: 'test-results/screenshots/views-watches-390-dark.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('draws the 20-client ensemble legibly at 390 px, and stays axe clean', async () => {
    const link = formatLink({ lab: 'zab-lab', scenario: 'load', seed: 1, position: positionWithZnodes(100), inputs: [] });
    const probe = await openPage(browser(), `${base}/zab/#${link}`, { width: 390, height: 844 });
    const { page } = probe;
    const diagram = page.locator('ensemble-lab#zab-lab ensemble-diagram');
    await diagram.locator('svg g.server').nth(4).waitFor();
    await diagram.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Server labels render at a readable size (they were ~5 px when the wide layout was shrunk).
    const px = await diagram.locator('svg g.server text.role').first().evaluate((t) => {
      const svg = (t as SVGTextElement).ownerSVGElement!;
      return parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
    });
    expect(px).toBeGreaterThanOrEqual(9);
    await diagram.screenshot({ path: 'test-results/screenshots/views-zab-load-390.png' });
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('messages in flight', () => {
  /** Each drawn mark's send number and progress along its link, at this moment. */
  const marks = async (lab: Locator): Promise<Map<string, number>> =>
    new Map(await lab.locator('ensemble-diagram g.msg:not(.held)').evaluateAll((els) => els.map((e) => [e.getAttribute('data-send') ?? '', Number(e.getAttribute('data-progress'))] as const)));

  /** Each mark seen while watching: a full label or a crowd's letter, and whether its chevron shows. */
  const chevrons: string[] = [];

  /** Step the Zab lab (once elected) until the clock has moved `steps` times, collecting the marks seen. */
  async function watch(lab: Locator, steps: number): Promise<Map<string, number>[]> {
    await lab.getByRole('button', { name: 'Next commit' }).click();
    const seen: Map<string, number>[] = [];
    let clock = await lab.locator('.lab-clock').textContent();
    while (seen.length < steps) {
      await lab.getByRole('button', { name: 'Step forward' }).click();
      const now = await lab.locator('.lab-clock').textContent();
      if (now?.split('·')[0] === clock?.split('·')[0]) continue;
      clock = now;
      await lab.page().waitForTimeout(50);
      seen.push(await marks(lab));
      chevrons.push(
        ...(await lab.locator('ensemble-diagram g.msg').evaluateAll((els) =>
          els.map((e) => `${e.classList.contains('short') ? 'letter' : 'label'}:${getComputedStyle(e.querySelector('path.dir')!).display !== 'none'}`),
        )),
      );
    }
    return seen;
  }

  it('fly along their links with the clock, and stand still halfway when the reader prefers reduced motion', async () => {
    const probe = await openPage(browser(), `${base}/zab/`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    // Moving: some mark seen twice has gone further along its link; not all sit halfway.
    const moving = await watch(lab, 12);
    let flew = 0;
    for (let i = 1; i < moving.length; i++) for (const [id, p] of moving[i]!) if (moving[i - 1]!.has(id) && p > moving[i - 1]!.get(id)!) flew++;
    expect(flew).toBeGreaterThan(0);
    expect(moving.flatMap((m) => [...m.values()]).some((p) => p !== 0.5)).toBe(true);
    // Every full label showed a chevron for its way (a crowd's letters do not).
    expect(chevrons.length).toBeGreaterThan(5);
    expect(chevrons.filter((c) => c === 'label:false' || c === 'letter:true')).toEqual([]);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    const still = await watch(lab, 12);
    const all = still.flatMap((m) => [...m.values()]);
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((p) => p === 0.5)).toBe(true);
    await lab.locator('ensemble-diagram').screenshot({ path: 'test-results/screenshots/views-ensemble-still.png' });
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
