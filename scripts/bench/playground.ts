/**
 * Playground figures, in headless chromium against the built site (`dist/`, served here by
 * `astro preview` on a free port): how long after a click on Edit the editor is ready to
 * type (Monaco fetched, the reader API loaded); how long after Run the first line shows
 * (every Run gets a fresh sandbox realm: the page's first, then one booted ahead); and how
 * long each exercise's full check of 100 fault schedules takes in the browser (the
 * solution is checked, so every schedule runs, and the gate rebuilds and judges each):
 * cold, the page's first check measured from the click (sandbox boot and JIT included),
 * and on a realm booted ahead, as the gate timed it, with the browser's CPU time for that
 * check (on a loaded machine wall time grows with the load; CPU time hardly does). Build
 * first (`npm run build`).
 */
import { preview } from 'astro';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { launch, NO_SERVICE_WORKER } from '../../test/e2e/browser.ts';
import { exercisePages } from '../../test/e2e/exercise-pages.ts';
import type { Figure } from './figure.ts';
import { startCpuMeter } from './process-cpu.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Every exercise embedded in a chapter. */
const EXERCISES = exercisePages();

export async function bench(): Promise<Figure[]> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const port = await freePort();
  const server = await preview({ root: new URL('../../', import.meta.url).pathname, server: { host: '127.0.0.1', port }, logLevel: 'error' });
  const base = `http://127.0.0.1:${port}`;
  const browser = await launch();
  const figures: Figure[] = [];
  try {
    // Editor ready: click → editor mounted and typing lands in it.
    const ready: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/client-api/`, { waitUntil: 'networkidle' });
      const t0 = Date.now();
      await page.locator('#client-api-tour [data-action="edit"]').click();
      await page.waitForFunction(() => document.getElementById('client-api-tour')?.dataset.editor === 'ready');
      await page.keyboard.type('x');
      await page.waitForFunction(() => localStorage.getItem('ensemble:playground:client-api-tour') !== null);
      ready.push(Date.now() - t0);
      await context.close();
    }
    figures.push({ name: 'playground: editor ready after click (median of 3)', value: ready.sort((a, b) => a - b)[1]!, unit: 'ms' });

    // Run → first line in the console, in the page's clock: the first Run of the page (it
    // loads the sandbox and boots its first realm), then Runs on the fresh realm booted
    // after each job.
    {
      const context = await browser.newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/client-api/`, { waitUntil: 'networkidle' });
      const firstOutput = async (): Promise<number> => {
        await page.evaluate(() => {
          const w = window as unknown as { __t0: number; __t1: number };
          w.__t0 = w.__t1 = 0;
          document.querySelector('#client-api-tour [data-action="run"]')!.addEventListener('click', () => (w.__t0 = performance.now()), { once: true, capture: true });
          const lines = document.querySelector('#client-api-tour [data-role="console"]')!;
          const seen = new MutationObserver(() => {
            if (w.__t0 > 0 && lines.querySelector('.pg-line') !== null) {
              w.__t1 = performance.now();
              seen.disconnect();
            }
          });
          seen.observe(lines, { childList: true, subtree: true });
        });
        await page.locator('#client-api-tour [data-action="run"]').click();
        await page.waitForFunction(() => document.getElementById('client-api-tour')?.dataset.busy === 'false');
        const ms = await page.evaluate(() => (window as unknown as { __t1: number; __t0: number }).__t1 - (window as unknown as { __t0: number }).__t0);
        await page.waitForTimeout(1500); // the next realm boots meanwhile
        return Math.round(ms);
      };
      figures.push({ name: 'playground: Run to first output, first Run of the page', value: await firstOutput(), unit: 'ms' });
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push(await firstOutput());
      figures.push({ name: 'playground: Run to first output, fresh realm (median of 5)', value: warm.sort((a, b) => a - b)[2]!, unit: 'ms' });
      await context.close();
    }

    for (const { chapter, id, exercise } of EXERCISES) {
      const context = await browser.newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/${chapter}/`, { waitUntil: 'networkidle' });
      // Save the solution as the reader's work, so no editor is needed.
      const solution = readFileSync(new URL(`../../content/exercises/${exercise}/solution.ts`, import.meta.url), 'utf8');
      await page.evaluate(([id, code]) => localStorage.setItem(`ensemble:playground:${id}`, JSON.stringify({ code, seed: 1, faults: '' })), [id, solution]);
      await page.reload({ waitUntil: 'networkidle' });
      const pg = page.locator(`#${id}`);
      const check = async (): Promise<number> => {
        await page.evaluate((id) => delete document.getElementById(id)!.dataset.check, id);
        const t0 = Date.now();
        await pg.locator('[data-action="check"]').click();
        await page.waitForFunction((id) => document.getElementById(id)?.dataset.check !== undefined && document.getElementById(id)?.dataset.busy === 'false', id, { timeout: 120_000 });
        const wall = Date.now() - t0;
        const text = await pg.locator('[data-role="check"]').innerText();
        if (!text.includes('Passed')) throw new Error(`${id}: the solution did not pass in the browser: ${text}`);
        return wall;
      };
      // Cold: the page's first check (sandbox boot included), then one on a realm booted ahead.
      figures.push({ name: `playground: check of 100 schedules, ${exercise}, cold (wall)`, value: await check(), unit: 'ms' });
      await page.waitForTimeout(1500); // the next realm boots meanwhile
      const meter = startCpuMeter();
      await check();
      const cpu = meter?.stop() ?? null;
      figures.push({ name: `playground: check of 100 schedules, ${exercise}, realm booted ahead (gate)`, value: Number(await pg.getAttribute('data-check-ms')), unit: 'ms' });
      // The browser's CPU time for that check (every process of it): what it costs a reader's
      // machine when nothing else runs, whatever this machine's load.
      if (cpu !== null) figures.push({ name: `playground: check of 100 schedules, ${exercise}, browser CPU`, value: cpu, unit: 'ms' });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return figures;
}
