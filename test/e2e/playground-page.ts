/**
 * Helpers for e2e tests that drive a `<Playground>`: open Monaco and type code into it,
 * wait for a job to end, run, read the editor's text and the reader's saved work, open a
 * playground link, snapshot the book's storage, and watch the page's responsiveness while
 * a job runs (measured in the page: how late a 10 ms timer ran, and the longest task its
 * Long Tasks observer saw).
 */
import type { Locator, Page } from 'playwright-core';
import { formatPlaygroundLink } from '../../src/sandbox/link.ts';

export async function idle(page: Page, id: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((id) => document.getElementById(id)?.dataset.busy === 'false', id, { timeout });
}

/** Load Monaco (if it is not loaded yet) by clicking Edit, and wait until it is ready. */
export async function openEditor(page: Page, pg: Locator): Promise<void> {
  if ((await pg.getAttribute('data-editor')) === 'ready') return;
  await pg.locator('[data-action="edit"]').click();
  await pg.locator('.monaco-editor').waitFor({ timeout: 30_000 });
  await page.waitForFunction((id) => document.getElementById(id)?.dataset.editor === 'ready', (await pg.getAttribute('id'))!);
}

/** Open the editor and replace its text, by keyboard (select all, then type the text in). */
export async function typeCode(page: Page, pg: Locator, code: string): Promise<void> {
  await openEditor(page, pg);
  await pg.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

export async function run(page: Page, pg: Locator): Promise<string> {
  await pg.locator('[data-action="run"]').click();
  await idle(page, (await pg.getAttribute('id'))!);
  return pg.locator('[data-role="console"]').innerText();
}

/** The text Monaco draws (its visible lines, spaces as spaces). */
export async function editorText(pg: Locator): Promise<string> {
  return ((await pg.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** The code the reader has saved for a playground, or null. */
export function savedCode(page: Page, id: string): Promise<string | null> {
  return page.evaluate((id) => {
    const text = localStorage.getItem(`ensemble:playground:${id}`);
    return text === null ? null : (JSON.parse(text) as { code: string }).code;
  }, id);
}

/** Set the page's hash as a link arriving in an open tab would (a hashchange, no reload). */
export async function arriveByHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** The page URL whose hash carries `code` for playground `id` (seed 1, no faults). */
export async function linkTo(url: string, id: string, code: string): Promise<string> {
  return `${url}${await formatPlaygroundLink({ id, code, seed: 1, faults: { version: 1, events: [] } })}`;
}

/** The book's own localStorage entries (`ensemble:…`: saved code, figure positions); Starlight's theme choice is not ours. */
export function storage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('ensemble:')).map((k) => [k, localStorage.getItem(k)!])));
}

export interface Responsiveness {
  /** Most a 10 ms timer in the page ran late, ms: how long the page could not answer. */
  readonly maxLateMs: number;
  /** Longest task the page's Long Tasks observer saw, ms (0: none over 50 ms). */
  readonly longestTaskMs: number;
  /** Timer rounds measured. */
  readonly samples: number;
  /** The page's longest animation frames over 100 ms, with the scripts in them (for a failure's message). */
  readonly longFrames: readonly string[];
}

/**
 * Run `job` while the page measures itself: a 10 ms timer, re-armed as soon as it fires,
 * records how late it ran (the page's event loop was busy that long), and a Long Tasks
 * observer records the longest task. Both are the page's own clock, so a slow test process
 * or a busy CDP pipe does not count against the page.
 */
export async function whileResponsive<T>(page: Page, job: () => Promise<T>): Promise<{ value: T } & Responsiveness> {
  await page.evaluate(() => {
    const w = window as unknown as { __probe?: { late: number; longest: number; samples: number; on: boolean; frames: string[] } };
    const probe = (w.__probe = { late: 0, longest: 0, samples: 0, on: true, frames: [] as string[] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longest = Math.max(probe.longest, e.duration);
    }).observe({ type: 'longtask' });
    type Frame = PerformanceEntry & { scripts: { invoker: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }[] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Frame[]) {
        if (e.duration <= 100) continue;
        const scripts = e.scripts.map((x) => `${x.invoker} ${x.sourceURL.split('/').pop()} ${Math.round(x.duration)} ms (layout ${Math.round(x.forcedStyleAndLayoutDuration)})`);
        probe.frames.push(`${Math.round(e.duration)} ms frame: ${scripts.join('; ') || 'no script'}`);
      }
    }).observe({ type: 'long-animation-frame' });
    const tick = (): void => {
      const t = performance.now();
      setTimeout(() => {
        probe.late = Math.max(probe.late, performance.now() - t - 10);
        probe.samples++;
        if (probe.on) tick();
      }, 10);
    };
    tick();
  });
  const value = await job();
  const r = await page.evaluate(() => {
    const probe = (window as unknown as { __probe: { late: number; longest: number; samples: number; on: boolean; frames: string[] } }).__probe;
    probe.on = false;
    return probe;
  });
  return { value, maxLateMs: Math.round(r.late), longestTaskMs: Math.round(r.longest), samples: r.samples, longFrames: r.frames };
}
