/**
 * One Debian chromium per e2e test file: launched before the file's tests, closed after
 * them, failed or not. Apart from browser.ts because the benchmarks import that one outside
 * vitest.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser.ts';

/** Registers the file's browser; call the returned function inside tests to get it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('the e2e browser is used before beforeAll launched it');
    return browser;
  };
}
