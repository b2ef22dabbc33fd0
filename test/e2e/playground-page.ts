/**
 * Helpers for e2e tests that drive a `<Playground>`: open Monaco and type code into it,
 * wait for a job to end, run, read the editor's text and the reader's saved work.
 */
import type { Locator, Page } from 'playwright-core';

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
