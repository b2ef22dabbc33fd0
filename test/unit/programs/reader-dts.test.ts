/**
 * The editor's declarations of the reader globals (`buildReaderDts`, served to the editor by
 * `src/editor/vite-reader-dts.mjs`): self-contained: a program type-checks
 * against that text alone (as in Monaco, with or without the DOM lib), and a misspelled
 * client method is an error (the types are real, not `any`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReaderDts } from '../../../node/reader-types/build-reader-dts.ts';
import { typeCheckReaderPrograms } from '../../../node/reader-types/type-check.ts';

const ROOT = new URL('../../../', import.meta.url);

/** Type-check `program` with only the bundle and the given ES (and optionally DOM) lib, in memory. */
function check(program: string, libs: string[]): string[] {
  return typeCheckReaderPrograms(new Map([['/program.ts', program]]), libs).map((e) => `${e.program}: ${e.message}`);
}

describe('reader-api bundle', () => {
  it('is one text of ambient modules, the client API among them, with the JSDoc the editor shows on hover', () => {
    const dts = buildReaderDts();
    expect(dts).not.toMatch(/from '\.\.?\//); // every relative import rewritten to an ambient module
    expect(dts).toContain("declare module 'ensemble:client/zookeeper'");
    expect(dts).toContain('`CreateMode.fromFlag`');
  }, 30_000);

  it("type-checks the book's first program on its own, with and without the DOM lib", () => {
    const example = readFileSync(new URL('content/examples/first-program.ts', ROOT), 'utf8');
    expect(check(example, ['lib.es2023.d.ts'])).toEqual([]);
    expect(check(example, ['lib.es2023.d.ts', 'lib.dom.d.ts'])).toEqual([]);
  }, 30_000);

  it('declares every reader global with real types', () => {
    const ok = [
      'const zk: ZooKeeperClient = await connect({ sessionTimeoutMs: 5000, watcher: (e: WatcherEvent) => console.info(e.type) });',
      "const s: Stat | null = await zk.exists('/a', true);",
      "await zk.multi([Op.create('/b', 'x', CREATOR_ALL_ACL, CreateMode.EPHEMERAL), Op.check('/b', Perms.ALL)]);",
      "try { await zk.delete('/a'); } catch (e) { if (e instanceof KeeperException) console.warn(e.code); if (e instanceof IllegalArgumentException) console.error(e.message); }",
      "const t: string | null = decode((await zk.getData('/a')).data); await sleep(10); console.log(s, t, READ_ACL_UNSAFE, OPEN_ACL_UNSAFE);",
      'export {};',
    ].join('\n');
    expect(check(ok, ['lib.es2023.d.ts'])).toEqual([]);
    const bad = check("const zk = await connect();\nawait zk.getDat('/a');\nexport {};\n", ['lib.es2023.d.ts']);
    expect(bad.join('\n')).toContain("Property 'getDat' does not exist on type 'ZooKeeperClient'");
  }, 30_000);
});
