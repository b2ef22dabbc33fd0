/**
 * Live views benchmark: frame times while playing a heavy run in headless chromium.
 *
 * The run is the `load` scenario (5 servers, 20 clients, 500 znodes under /bench), opened
 * in the Zab chapter's figure through a link (`#lab=zab-lab&v=1&s=load&…`) at the first
 * position where the leader's tree holds 500 znodes. The page then plays at 0.1× and
 * 0.3× for a few seconds each while a requestAnimationFrame loop inside the page records
 * frame-to-frame times; we report p50 and p95 (target: p95 ≤ 16.7 ms, 60 fps) with the
 * ensemble diagram in view, with the space-time diagram in view, and with the znode tree in
 * view, its panel scrolled to the newest znodes; then again with the tree in view from 300
 * znodes, while znodes arrive. Also the time to open the link (build
 * the run up to that position and draw it).
 *
 * Builds the site if dist/ is missing; serves it with `astro preview`.
 */
import { build, preview } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatLink } from '../../playground/timeline/index.ts';
import { positionWithZnodes } from '../../test/harness/load-position.ts';
import { launch, NO_SERVICE_WORKER } from '../../test/e2e/browser.ts';
import type { Page } from 'playwright-core';
import type { Figure } from './figure.ts';

const round = (n: number) => Math.round(n * 100) / 100;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Plays at `speed` (per mille) for 5 s and reads frame-to-frame times inside the page. */
async function measure(page: Page, speed: string, where: string): Promise<Figure[]> {
  const lab = page.locator('ensemble-lab#zab-lab');
  const figures: Figure[] = [];
  await lab.locator('[data-role="speed"]').selectOption(speed);
  await lab.getByRole('button', { name: 'Play' }).click();
  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        let last = 0;
        const end = performance.now() + 5000;
        const tick = (t: number): void => {
          if (last > 0) times.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
  );
  await lab.getByRole('button', { name: 'Pause' }).click();
  const sorted = [...frames].sort((a, b) => a - b);
  const label = `playing ${speed === '100' ? '0.1×' : '0.3×'}, ${where}`;
  figures.push({ name: `views: frame time p50, ${label} (load: 5 servers, 20 clients)`, value: round(quantile(sorted, 0.5)), unit: 'ms' });
  figures.push({ name: `views: frame time p95, ${label}`, value: round(quantile(sorted, 0.95)), unit: 'ms' });
  figures.push({ name: `views: frame time max, ${label}`, value: round(sorted[sorted.length - 1] ?? NaN), unit: 'ms' });
  figures.push({ name: `views: frames over 16.7 ms, ${label}`, value: sorted.filter((f) => f > 16.7).length, unit: `of ${sorted.length}` });
  // A frame that missed a vsync reads ~33 ms.
  figures.push({ name: `views: frames that missed a vsync (> 25 ms), ${label}`, value: sorted.filter((f) => f > 25).length, unit: `of ${sorted.length}` });
  return figures;
}

export async function bench(): Promise<Figure[]> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!existsSync(`${root}dist/zab/index.html`)) await build({ root, logLevel: 'error' });
  const position = positionWithZnodes(500);
  // Cross-origin isolated, so that the page's clock (and rAF timestamps) has microsecond
  // resolution instead of 0.1 ms: a 16.67 ms frame then reads 16.67, not 16.6 or 16.8.
  const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 4399, headers: isolated } });
  const browser = await launch();
  const figures: Figure[] = [];
  try {
    const context = await browser.newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const lab = page.locator('ensemble-lab#zab-lab');
    const tree = lab.locator('znode-tree-live');
    /**
     * Opens a link with the tree scrolled into view (off-screen it is drawn only when the
     * reader gets there), and returns the page's own time from navigation to the tree
     * showing `znodes` (not Playwright's wait for the network to go idle, ~0.5 s more).
     */
    const open = async (position: number, znodes: RegExp): Promise<number> => {
      await page.goto('about:blank');
      await page.goto(`http://127.0.0.1:4399/zab/#${formatLink({ lab: 'zab-lab', scenario: 'load', seed: 1, position, inputs: [] })}`, { waitUntil: 'domcontentloaded' });
      await tree.scrollIntoViewIfNeeded();
      const drawn = await page.waitForFunction(
        (pattern) => {
          const now = document.querySelector('znode-tree-live [data-role="now"]')?.textContent ?? '';
          return new RegExp(pattern).test(now) && document.querySelectorAll('znode-tree-live svg g.znode').length > 10 ? performance.now() : false;
        },
        znodes.source,
        { timeout: 120_000 },
      );
      return Math.round(Number(await drawn.jsonValue()));
    };
    figures.push({ name: 'views: open a link at 500 znodes (navigation to the tree drawn)', value: await open(position, /: 50\d znodes/), unit: 'ms' });
    if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the bench page is not cross-origin isolated: frame times would be coarse');
    const now = (await tree.locator('[data-role="now"]').textContent()) ?? '';
    figures.push({ name: 'views: znodes in the tree', value: Number(/(\d+) znodes/.exec(now)?.[1]), unit: '' });
    figures.push({ name: 'views: znodes drawn (rows near the view)', value: await tree.locator('svg g.znode').count(), unit: '' });
    const placements: [string, () => Promise<void>][] = [
      ['ensemble in view', () => lab.locator('ensemble-diagram').scrollIntoViewIfNeeded()],
      ['space-time diagram in view', () => lab.locator('space-time').scrollIntoViewIfNeeded()],
      [
        'tree in view, at its newest znodes',
        async () => {
          await tree.locator('[data-role="canvas"]').scrollIntoViewIfNeeded();
          await tree.locator('[data-role="canvas"]').evaluate((c) => c.scrollTo({ top: c.scrollHeight }));
          await page.waitForTimeout(300);
        },
      ],
    ];
    for (const [where, place] of placements) {
      await place();
      for (const speed of ['100', '300']) figures.push(...(await measure(page, speed, where)));
    }
    // While znodes arrive: opened at 300 znodes, the tree's panel at its newest rows.
    await open(positionWithZnodes(300), /: 3\d\d znodes/);
    await placements[2]![1]();
    figures.push(...(await measure(page, '300', 'tree in view while znodes arrive (from 300)')));
    figures.push({ name: 'views: znodes in the tree after playing', value: Number(/(\d+) znodes/.exec((await tree.locator('[data-role="now"]').textContent()) ?? '')?.[1]), unit: '' });
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  return figures;
}
