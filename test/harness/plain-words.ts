/**
 * What a reader must never read in a narration: an internal identifier. Shared by the unit
 * and e2e tests of the narration, and tested itself on sentences that must be refused.
 *
 * Refused: dotted event and timer names (`zab.deliver`, `fle.timeout`), camelCase names that
 * are not ZooKeeper's own API or operation names (`connectFailed`, `readTimeout`), the old
 * fallback shape `s3: zab.deliver.`, and leaked values (`undefined`, `NaN`, `null`,
 * `[object Object]`), and a transaction's trace label, its session and request counter glued
 * together (`0x200000001590000:3`: neither a zxid nor anything the reader has met; the
 * narration names the client instead). ZooKeeper's vocabulary (getData, PROPOSAL, SESSIONMOVED, a zxid as 1:4,
 * a session id as 0x…) is allowed.
 *
 * Also: the book's labs (id, scenario, seed), read from the chapters, so "every lab" means
 * every lab a reader can meet.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** ZooKeeper's API and operation names (OpCode), which the book teaches by name. */
const ZOOKEEPER_NAMES = new Set([
  'getData', 'setData', 'getChildren', 'getChildren2', 'getACL', 'setACL', 'setWatches', 'setWatches2', 'addWatch',
  'removeWatches', 'checkWatches', 'createSession', 'closeSession', 'createContainer', 'createTTL', 'deleteContainer',
  'getAllChildrenNumber', 'getEphemerals', 'whoAmI', 'addAuthInfo', 'multiRead',
]);

export function internalIdentifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*)+\b/g)) found.push(m[0]);
  for (const m of text.matchAll(/\b[a-z]+[A-Z][a-zA-Z0-9]*\b/g)) if (!ZOOKEEPER_NAMES.has(m[0])) found.push(m[0]);
  for (const m of text.matchAll(/\bundefined\b|\bNaN\b|\bnull\b|\[object \w+\]/g)) found.push(m[0]);
  for (const m of text.matchAll(/(?:^|\. )[sc]\d+: [a-z]/g)) found.push(m[0].trim());
  for (const m of text.matchAll(/\b0x[0-9a-f]+:\d+\b/g)) found.push(m[0]);
  return found;
}

export interface BookLab {
  readonly chapter: string;
  readonly id: string;
  readonly scenario: string;
  readonly seed: number;
}

/** Every `<EnsembleLab id=… scenario=… seed={…}>` in the chapters. */
export function bookLabs(dir = 'content/chapters'): BookLab[] {
  const labs: BookLab[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort()) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    for (const m of text.matchAll(/<EnsembleLab\b([^>]*)>/g)) {
      const attrs = m[1]!;
      const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
      const scenario = /\bscenario="([^"]+)"/.exec(attrs)?.[1];
      const seed = Number(/\bseed=\{(\d+)\}/.exec(attrs)?.[1] ?? '1');
      if (id && scenario) labs.push({ chapter: file.replace(/\.mdx$/, ''), id, scenario, seed });
    }
  }
  return labs;
}
