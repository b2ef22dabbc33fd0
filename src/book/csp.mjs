/**
 * Astro integration: a Content-Security-Policy for every page of the book, as a
 * `<meta http-equiv>` (the site is static, so there are no response headers to set; the
 * README lists the headers a deployment should add, which a meta element cannot carry).
 *
 * After the build, each HTML file gets a policy whose `script-src` lists the SHA-256 hash of
 * every inline script that file holds (Starlight's theme and sidebar scripts are inline), so
 * no other inline script runs. Images, connections, frames and workers come from the book
 * itself only: a Markdown image in a doc comment that Monaco's hover renders is never
 * fetched, and neither is anything a link's code names.
 *
 * The Playground's sandbox is an iframe built from `srcdoc`, which inherits this policy, and
 * the worker it starts from a blob inherits the iframe's. So the policy also allows blob:
 * workers (made from the sandbox bundle this book serves), the sandbox's own boot script (by
 * hash, `extraScriptHashes`), and `'unsafe-eval'`, which the worker needs to run the
 * reader's program; the sandbox's own policy (`sandbox-host.ts`) is stricter still.
 *
 * The headers a deployment should add, which a meta element cannot carry (frame-ancestors,
 * Cross-Origin-Opener-Policy, ...), are listed in the README. Plain ESM JavaScript because
 * astro.config.mjs imports it; Node's fs and crypto, at build time only. `withPolicy` and
 * `sandboxScriptHashes` are unit-tested.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `'sha256-…'` of a script's text, as CSP wants it. */
export function scriptHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * The hashes of the inline scripts the Playground's sandbox iframe runs (its `srcdoc`
 * inherits the page's policy, so they must be allowed here). Read from the source of
 * `src/sandbox/programs-host.ts`; the build stops if that text cannot be the exact
 * string the browser hashes (an interpolation or an escape), or if there is none.
 */
export function sandboxScriptHashes(hostFile) {
  const source = readFileSync(hostFile, 'utf8');
  const scripts = [...source.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (scripts.length === 0) throw new Error(`ensemble:csp: no inline <script> in ${hostFile}; if the sandbox no longer boots from srcdoc, drop sandboxScriptHashes from astro.config.mjs`);
  for (const text of scripts) {
    if (text.includes('${') || text.includes('\\')) throw new Error(`ensemble:csp: the sandbox's boot script in ${hostFile} has an interpolation or an escape, so its hash cannot be read from the source; keep it a plain string`);
  }
  return scripts.map(scriptHash);
}

/** The policy for one page, given the hashes of its inline scripts. */
export function pagePolicy(hashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' ${[...new Set(hashes)].join(' ')}`.trim(),
    // Starlight, expressive-code and Monaco set inline styles.
    "style-src 'self' 'unsafe-inline'",
    // data: images are the book's own CSS icons (no request is made for them).
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Put the policy into one page's HTML, first thing after `<meta charset>`. */
export function withPolicy(html, extraScriptHashes = []) {
  if (/http-equiv=["']?content-security-policy/i.test(html)) throw new Error('ensemble:csp: the page already has a Content-Security-Policy meta element');
  const hashes = [...html.matchAll(INLINE_SCRIPT)].filter((m) => m[1].length > 0).map((m) => scriptHash(m[1]));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy([...hashes, ...extraScriptHashes])}">`;
  const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i.exec(html);
  if (charset === null) throw new Error('ensemble:csp: a page without <meta charset> (the policy must come before any script)');
  const at = charset.index + charset[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

export function contentSecurityPolicy({ extraScriptHashes = [] } = {}) {
  return {
    name: 'ensemble:csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const files = htmlFiles(fileURLToPath(dir));
        for (const file of files) writeFileSync(file, withPolicy(readFileSync(file, 'utf8'), extraScriptHashes));
        logger.info(`Content-Security-Policy added to ${files.length} pages.`);
      },
    },
  };
}
