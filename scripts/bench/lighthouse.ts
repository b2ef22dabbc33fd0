/**
 * Lighthouse's performance score and cumulative layout shift for one page, as the issue's
 * anchors were measured: the `lighthouse` package driving Debian's chromium (launched by
 * chrome-launcher), the mobile preset (Lighthouse's default: a mid-range phone, simulated
 * slow 4G) and the desktop preset, each the median of `runs` loads. Figures only: the site
 * bench prints them, nothing asserts them (timings vary with the machine's load).
 */
import lighthouse, { desktopConfig, type Config } from 'lighthouse';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import { CHROMIUM } from '../../test/e2e/browser.ts';

export type Preset = 'mobile' | 'desktop';

export interface PageScore {
  /** Lighthouse performance, 0 to 100. */
  readonly score: number;
  /** Cumulative layout shift over the load. */
  readonly cls: number;
}

const CONFIG: Record<Preset, Config | undefined> = { mobile: undefined, desktop: desktopConfig };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One chromium for every Lighthouse run; `close()` when done. */
export async function lighthouseBrowser(): Promise<{ score(url: string, preset: Preset, runs: number): Promise<PageScore>; close(): Promise<void> }> {
  const chrome: LaunchedChrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-component-update', '--disable-sync', '--no-first-run'],
    logLevel: 'error',
  });
  return {
    async score(url, preset, runs) {
      const scores: number[] = [];
      const shifts: number[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, CONFIG[preset]);
        const lhr = result?.lhr;
        if (lhr === undefined) throw new Error(`lighthouse returned no result for ${url} (${preset})`);
        if (lhr.runtimeError !== undefined) throw new Error(`lighthouse could not measure ${url} (${preset}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        scores.push(Math.round((lhr.categories.performance?.score ?? NaN) * 100));
        shifts.push(lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN);
      }
      return { score: median(scores), cls: Math.round(median(shifts) * 1000) / 1000 };
    },
    async close() {
      chrome.kill();
    },
  };
}
