/**
 * The book's Content-Security-Policy (src/book/csp.mjs), in Debian's chromium against the
 * built site: every page carries it as the first thing in its head, with images,
 * connections, frames and workers from the book only and no inline script but its own
 * (by hash); it is enforced (an image or a fetch aimed at another host makes no request);
 * search, Monaco, the playground's Run and an exercise's Check all still work under it with
 * no violation; and a Markdown image in a doc comment, shown by Monaco's hover, is never
 * fetched.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readChapters } from '../../src/book/chapters.mjs';
import { formatPlaygroundLink } from '../../src/sandbox/link.ts';
import { pagePolicy } from '../../src/book/csp.mjs';
import type { Page } from 'playwright-core';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { idle, openEditor, run } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** Another origin on loopback that counts the requests it gets: a tracking pixel's host. */
let tracker: Server;
let trackerHits: string[] = [];
let trackerURL = '';
beforeAll(async () => {
  tracker = createServer((req, res) => {
    trackerHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    res.end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  trackerURL = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => tracker.close(() => resolve())));

/** Responses from the tracker, and requests to it the browser refused to make, as the page saw them. */
function watchTracker(page: Page): { responses: string[]; blocked: string[] } {
  const seen = { responses: [] as string[], blocked: [] as string[] };
  page.on('response', (r) => {
    if (r.url().startsWith(trackerURL)) seen.responses.push(r.url());
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(trackerURL)) seen.blocked.push(`${new URL(r.url()).search} ${r.failure()?.errorText ?? ''}`);
  });
  return seen;
}

function policyOf(html: string): Map<string, string> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (meta === null) return new Map();
  return new Map(meta[1]!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]));
}

describe('content security policy', () => {
  it('is on every page, first in the head, with the hashes of that page\'s inline scripts', async () => {
    const pages = ['/', ...readChapters('content/chapters').map((c) => `/${c.slug}/`), '/404.html'];
    for (const path of pages) {
      const html = await (await fetch(`${base}${path}`)).text();
      const policy = policyOf(html);
      expect(policy.size, path).toBeGreaterThan(0);
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head.indexOf('Content-Security-Policy'), path).toBeLessThan(head.search(/<script|<link/));
      // Exactly the policy csp.mjs makes (its values are checked by test/unit/book/csp.test.ts),
      // with this page's own script hashes.
      const { 'script-src': script, ...rest } = Object.fromEntries(policy);
      const { 'script-src': _, ...expected } = Object.fromEntries(policyOf(`<meta http-equiv="Content-Security-Policy" content="${pagePolicy([])}">`));
      expect(rest, path).toEqual(expected);
      expect(script).toMatch(/^'self' 'unsafe-eval' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+$/);
      for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
        if (m[1] !== '') expect(script, path).toContain(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
      }
    }
  });

  it('is enforced: an image or fetch aimed at another host makes no request', async () => {
    trackerHits = [];
    const probe = await openPage(browser(), `${base}/why-coordination/`);
    const seen = watchTracker(probe.page);
    const outcome = await probe.page.evaluate(async (url) => {
      const img = new Image();
      const loaded = new Promise<string>((resolve) => {
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('blocked');
      });
      img.src = `${url}/pixel.gif?img`;
      document.body.append(img);
      const fetched = await fetch(`${url}/pixel.gif?fetch`).then(
        () => 'fetched',
        () => 'blocked',
      );
      return [await loaded, fetched];
    }, trackerURL);
    expect(outcome).toEqual(['blocked', 'blocked']);
    expect(trackerHits).toEqual([]);
    expect(seen.responses).toEqual([]);
    // The browser refused the image for the policy (the fetch never became a request at all).
    expect(seen.blocked).toEqual([expect.stringMatching(/^\?img .*csp/i)]);
    await probe.context.close();
  });

  it('leaves search, Monaco, Run and Check working, with no violation', async () => {
    const probe = await openPage(browser(), `${base}/recipes-locks/`);
    const { page } = probe;
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('site-search input').fill('ephemeral');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');

    const pg = page.locator('#herd-free-lock');
    await pg.locator('[data-action="check"]').click();
    await idle(page, 'herd-free-lock');
    expect(await pg.locator('[data-role="check"]').innerText()).toMatch(/Failed on fault schedule \d+/);
    await pg.locator('[data-action="run"]').click();
    await idle(page, 'herd-free-lock');
    expect(await pg.locator('[data-role="status"]').innerText()).toMatch(/^Run finished/);
    await openEditor(page, pg);
    await pg.locator('.monaco-editor .view-lines').waitFor();
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('a Markdown image in a doc comment, shown by the hover, is never fetched', async () => {
    trackerHits = [];
    const code = `/**\n * Says hello. ![pixel](${trackerURL}/pixel.gif?hover)\n */\nfunction greet(): void {}\ngreet();\nexport {};\n`;
    const hash = await formatPlaygroundLink({ id: 'client-api-tour', code, seed: 1, faults: { version: 1, events: [] } });
    const probe = await openPage(browser(), `${base}/client-api/${hash}`);
    const { page } = probe;
    const seen = watchTracker(page);
    const pg = page.locator('#client-api-tour');
    await openEditor(page, pg);
    const hover = pg.locator('.monaco-hover');
    await expect
      .poll(
        async () => {
          await pg.locator('.view-line', { hasText: 'greet();' }).locator('span', { hasText: 'greet' }).last().hover();
          return (await hover.allInnerTexts()).join(' ');
        },
        { timeout: 30_000 },
      )
      .toContain('Says hello.');
    // The hover did ask for the image (so this test can fail), and the policy refused it.
    await expect.poll(() => seen.blocked).toContainEqual(expect.stringMatching(/^\?hover .*csp/i));
    await page.waitForTimeout(500);
    expect(trackerHits).toEqual([]);
    expect(seen.responses).toEqual([]);
    expect(await run(page, pg)).toBe('');
    await probe.context.close();
  });
});
