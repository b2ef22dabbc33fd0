/**
 * The build-time check of links inside the book (src/book/internal-links.mjs), on planted
 * sites: a link to a page that was not built, to an id that is not on its page, a relative
 * link gone wrong, each reported with the page it is on; good links (pages with or without
 * the trailing slash, ids, built files, external links) pass. The real site is checked by
 * the build itself (astro.config.mjs), which the e2e tests run.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks, checkBuiltSite, internalLinks } from '../../../src/book/internal-links.mjs';

const page = (body: string): string => `<!doctype html><html><body><h1 id="_top">T</h1>${body}</body></html>`;

describe('links inside the book', () => {
  const pages = new Map([
    ['/', page('<a href="/data-model/">The data model</a> <a class="x" href="/sessions/#expiry">expiry</a>')],
    ['/data-model/', page('<h2 id="zxids">Zxids</h2><a href="#zxids">here</a> <a href="../sessions/">next</a> <a href="/favicon.svg">icon</a>')],
    ['/sessions/', page('<h2 id="expiry">Expiry</h2><a href="/data-model#zxids">zxids</a> <a href="https://zookeeper.apache.org/">docs</a> <a href="mailto:x@y">mail</a>')],
  ]);

  it('passes a site whose links all resolve', () => {
    expect(brokenLinks(pages, new Set(['/favicon.svg']))).toEqual([]);
  });

  it('reports a missing page, a missing id and a bad relative link, with the page they are on', () => {
    const planted = new Map(pages);
    planted.set('/sessions/', page('<h2 id="expiry">Expiry</h2><a href="/sesions/">typo</a> <a href="/data-model/#zxid">no such id</a> <a href="#expiri">own page</a> <a href="data-model/">relative</a>'));
    expect(brokenLinks(planted, new Set(['/favicon.svg']))).toEqual([
      { page: '/sessions/', href: '/sesions/', problem: 'no page /sesions/' },
      { page: '/sessions/', href: '/data-model/#zxid', problem: 'no element with id "zxid" on /data-model/' },
      { page: '/sessions/', href: '#expiri', problem: 'no element with id "expiri" on /sessions/' },
      { page: '/sessions/', href: 'data-model/', problem: 'no page /sessions/data-model/' },
    ]);
  });

  it('names the chapter line that holds a broken link, over a built directory, and fails the build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    try {
      const dist = join(dir, 'dist');
      mkdirSync(join(dist, 'why-coordination'), { recursive: true });
      mkdirSync(join(dir, 'content/chapters'), { recursive: true });
      writeFileSync(join(dist, 'index.html'), page('<a href="/why-coordination/">start</a>'));
      writeFileSync(join(dist, 'why-coordination/index.html'), page('<a href="/data-modle/">next</a>'));
      writeFileSync(join(dir, 'content/chapters/why-coordination.mdx'), '---\ntitle: Why\n---\n\nRead [The data model](/data-modle/) next.\n');
      expect(checkBuiltSite(dist, dir)).toEqual(['content/chapters/why-coordination.mdx:5: link /data-modle/ on /why-coordination/: no page /data-modle/']);
      const hooks = internalLinks().hooks;
      hooks['astro:config:done']({ config: { root: new URL(`file://${dir}/`) } });
      expect(() => hooks['astro:build:done']({ dir: new URL(`file://${dist}/`), logger: { info: () => {} } })).toThrow(/1 broken link\(s\) inside the book:\n {2}content\/chapters\/why-coordination\.mdx:5/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
