/**
 * The book's Content-Security-Policy (src/book/csp.mjs): each page's policy hashes exactly
 * the inline scripts that page holds (not scripts loaded by `src`), sits right after
 * `<meta charset>` so it governs every script, keeps images, connections, frames and workers
 * to the book, and the build refuses pages it cannot place a policy in and a sandbox boot
 * script whose hash cannot be read from the source.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pagePolicy, sandboxScriptHashes, scriptHash, withPolicy } from '../../../src/book/csp.mjs';

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const PAGE = `<!doctype html><html><head><meta charset="utf-8"/><title>x</title><script>window.a = 1;</script><script type="module" src="/_astro/page.js"></script></head><body><script type="module">import('/b.js')</script></body></html>`;

function directives(html: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
  return new Map(content.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)]));
}

describe('content security policy', () => {
  it('hashes each inline script of the page, and nothing loaded by src', () => {
    const html = withPolicy(PAGE);
    const script = directives(html).get('script-src')!;
    expect(script).toContain(sha('window.a = 1;'));
    expect(script).toContain(sha("import('/b.js')"));
    expect(script.match(/'sha256-/g)).toHaveLength(2);
    expect(script).not.toMatch(/unsafe-inline/);
    expect(scriptHash('window.a = 1;')).toBe(sha('window.a = 1;'));
  });

  it('adds the sandbox boot script hashes it is given', () => {
    const html = withPolicy(PAGE, [sha('boot();')]);
    expect(directives(html).get('script-src')).toContain(sha('boot();'));
  });

  it('comes right after <meta charset>, before any script or stylesheet', () => {
    const html = withPolicy(PAGE);
    expect(html.indexOf('Content-Security-Policy')).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
    expect(html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, '')).toBe(PAGE);
  });

  it('keeps images, connections, frames and workers to the book', () => {
    const d = directives(withPolicy(PAGE));
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('frame-src')).toBe("'self'");
    expect(d.get('worker-src')).toBe("'self' blob:");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'self'");
    expect(pagePolicy([])).not.toMatch(/https?:|\*/);
  });

  it('refuses a page without <meta charset>, or one that already has a policy', () => {
    expect(() => withPolicy('<html><head><script>x()</script></head></html>')).toThrow(/meta charset/);
    expect(() => withPolicy(withPolicy(PAGE))).toThrow(/already has/);
  });

  it('reads the sandbox boot script from the host source, and refuses one it cannot hash from source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-'));
    const file = (name: string, text: string): string => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    expect(sandboxScriptHashes(file('ok.ts', 'const BOOT = `<body><script>\nboot();\n</script></body>`;'))).toEqual([sha('\nboot();\n')]);
    expect(() => sandboxScriptHashes(file('none.ts', 'const BOOT = 1;'))).toThrow(/no inline <script>/);
    expect(() => sandboxScriptHashes(file('interp.ts', 'const BOOT = `<script>go(${x})</script>`;'))).toThrow(/interpolation or an escape/);
    expect(() => sandboxScriptHashes(file('escape.ts', 'const BOOT = `<script>go("\\n")</script>`;'))).toThrow(/interpolation or an escape/);
  });
});
