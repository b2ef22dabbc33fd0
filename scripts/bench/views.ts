/**
 * Live views benchmark: frame times while playing a heavy run in headless chromium.
 *
 * The run is the `load` scenario (5 servers, 20 clients, 500 znodes under /bench), opened
 * in the Zab chapter's figure through a link (`#lab=zab-lab&v=1&s=load&…`) at the first
 * position where the leader's tree holds 500 znodes. The page then plays at 0.1× and
 * 0.3× for a few seconds each while a requestAnimationFrame loop inside the page records
 * frame-to-frame times; we report p50 and p95 (target: p95 ≤ 16.7 ms, 60 fps). Also the
 * time to open the link (build the run up to that position and draw it).
 *
 * Builds the site if dist/ is missing; serves it with `astro preview`.
 */
import { build, preview } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENARIOS, Timeline, formatLink } from '../../playground/timeline/index.ts';
import { ServerTrees } from '../../src/views/server-trees.ts';
import { launch } from '../../test/e2e/browser.ts';
import type { Figure } from './figure.ts';

const round = (n: number) => Math.round(n * 100) / 100;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The first position at which the leader's tree (s5 or whoever leads) holds `count` znodes under /bench. */
function positionWithZnodes(count: number): number {
  const tl = new Timeline(SCENARIOS.get('load')!, 1);
  for (let t = 500; t < 60_000; t += 250) {
    tl.seekTime(t);
    const trees = new ServerTrees(tl.trace);
    const n = Math.max(...tl.servers.map((s) => trees.treeAt(s, tl.position).znodes.filter((z) => z.path.startsWith('/bench/')).length));
    if (n >= count) return tl.position;
  }
  throw new Error(`load scenario never reached ${count} znodes`);
}

export async function bench(): Promise<Figure[]> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!existsSync(`${root}dist/zab/index.html`)) await build({ root, logLevel: 'error' });
  const position = positionWithZnodes(500);
  const hash = formatLink({ lab: 'zab-lab', scenario: 'load', seed: 1, position, inputs: [] });
  const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 4399 } });
  const browser = await launch();
  const figures: Figure[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:4399/zab/#${hash}`, { waitUntil: 'networkidle' });
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('znode-tree-live svg g.znode').nth(400).waitFor({ state: 'attached', timeout: 120_000 });
    figures.push({ name: 'views: open a link at 500 znodes (run + first draw)', value: Date.now() - t0, unit: 'ms' });
    figures.push({ name: 'views: znodes drawn in the tree', value: await lab.locator('znode-tree-live svg g.znode').count(), unit: '' });
    await lab.locator('ensemble-diagram').scrollIntoViewIfNeeded();
    for (const speed of ['100', '300']) {
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
      const label = speed === '100' ? '0.1×' : '0.3×';
      figures.push({ name: `views: frame time p50, playing ${label} (5 servers, 20 clients, 500 znodes)`, value: round(quantile(sorted, 0.5)), unit: 'ms' });
      figures.push({ name: `views: frame time p95, playing ${label}`, value: round(quantile(sorted, 0.95)), unit: 'ms' });
      figures.push({ name: `views: frames over 16.7 ms, playing ${label}`, value: sorted.filter((f) => f > 16.7).length, unit: `of ${sorted.length}` });
      // rAF timestamps here have 0.1 ms resolution and alternate 16.6 / 16.8 ms around the
      // 16.67 ms vsync, so an on-time frame can read 16.8; a frame that missed a vsync reads ~33.
      figures.push({ name: `views: frames that missed a vsync (> 25 ms), playing ${label}`, value: sorted.filter((f) => f > 25).length, unit: `of ${sorted.length}` });
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  return figures;
}
