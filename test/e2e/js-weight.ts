/**
 * The JavaScript a page costs: the gzip -9 size of every JavaScript response it requested.
 * One measure for the budget test (js-budget.test.ts) and `npm run bench site`, so the
 * figure the bench prints is the figure the budget holds.
 */
import type { Response } from 'playwright-core';
import { gzipSync } from 'node:zlib';

export interface JsWeight {
  /** Bytes as served (uncompressed). */
  readonly raw: number;
  /** Bytes after gzip -9. */
  readonly gz: number;
  /** Each script's URL path and gzip size, largest first. */
  readonly chunks: readonly { readonly path: string; readonly gz: number }[];
}

export function isJavaScript(r: Response): boolean {
  const type = r.headers()['content-type'] ?? '';
  return /javascript/.test(type) || /\.m?js(\?|$)/.test(r.url());
}

export async function jsWeight(responses: readonly Response[]): Promise<JsWeight> {
  let raw = 0;
  let gz = 0;
  const chunks: { path: string; gz: number }[] = [];
  for (const r of responses) {
    if (!isJavaScript(r)) continue;
    const body = await r.body().catch(() => Buffer.alloc(0));
    const size = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += size;
    chunks.push({ path: new URL(r.url()).pathname, gz: size });
  }
  chunks.sort((a, b) => b.gz - a.gz);
  return { raw, gz, chunks };
}
