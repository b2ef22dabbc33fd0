/**
 * The editor's declarations of the reader globals (`reader-api-bundle.ts`): up to date with
 * `reader-api.d.ts` and `playground/client`, and self-contained: a program type-checks
 * against that text alone (as in Monaco, with or without the DOM lib), and a misspelled
 * client method is an error (the types are real, not `any`).
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILE, buildReaderDts, renderBundleModule } from '../../../playground/sandbox/build-reader-dts.node.ts';
import { READER_API_DTS } from '../../../playground/sandbox/reader-api-bundle.ts';

const ROOT = new URL('../../../', import.meta.url);

/** Type-check `program` with only the bundle and the ES (and optionally DOM) lib, in memory. */
function check(program: string, libs: string[]): string[] {
  const files = new Map([
    ['/ensemble/reader-api.d.ts', READER_API_DTS],
    ['/program.ts', program],
  ]);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, strict: true, lib: libs, types: [], noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, lang) : read(name, lang, onError);
  };
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => files.get(name) ?? ts.sys.readFile(name);
  const p = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(p).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('reader-api bundle', () => {
  it('is up to date (regenerate: node playground/sandbox/build-reader-dts.node.ts)', () => {
    expect(readFileSync(BUNDLE_FILE, 'utf8')).toBe(renderBundleModule(buildReaderDts()));
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
