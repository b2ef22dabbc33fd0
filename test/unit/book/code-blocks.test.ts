/**
 * Every code block in the book type-checks against the reader API, as the editor would
 * check it when the reader presses Edit; code given to a <Playground> or <CodeEditor> also
 * compiles as the sandbox compiles it. And the check itself: planted broken blocks are each
 * reported at their chapter and line; code that is not a reader program passes only when it
 * says so.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBook } from './mdx-source.ts';
import { checkReaderCode } from './reader-code.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A chapter file made of these lines (line 1 is the first). */
function chapter(...lines: string[]): { path: string; text: string } {
  return { path: 'content/chapters/planted.mdx', text: lines.join('\n') };
}

const FRONT = ['---', 'title: Planted', 'order: 99', '---', ''];

describe("the book's code", () => {
  it('is reader code that type-checks (and compiles, where it runs), or says it is not', () => {
    expect(checkReaderCode(readBook(ROOT))).toEqual([]);
  }, 60_000);
});

describe('the code check', () => {
  it('names the chapter and line of a ts block that does not type-check', () => {
    const problems = checkReaderCode([
      chapter(...FRONT, 'Some prose.', '', '```ts', 'const zk = await connect();', "const s = await zk.getData('/a');", "await zk.setDat('/a', 'x', s.stat.version);", '```'),
    ]);
    // Line 11: the third line of code (the fence opens on line 8).
    expect(problems).toEqual([expect.stringMatching(/^content\/chapters\/planted\.mdx:11:\d+: Property 'setDat' does not exist/)]);
  }, 30_000);

  it("refuses the call the data-model chapter used to make (a connect string is not the book's API)", () => {
    const problems = checkReaderCode([chapter(...FRONT, '```ts', "const zk = await connect('127.0.0.1:2181', { sessionTimeoutMs: 4000 });", '```')]);
    expect(problems).toEqual([expect.stringMatching(/^content\/chapters\/planted\.mdx:7:\d+: Expected 0-1 arguments, but got 2/)]);
  }, 30_000);

  it('maps errors in component code (export const or inline) to the file line', () => {
    const problems = checkReaderCode([
      chapter(
        ...FRONT,
        'export const tour = `const zk = await connect();',
        "await zk.create('/t', 'x', OPEN_ACL_UNSAFE, 'PERSISTNT');",
        '`;',
        '',
        '<Playground id="tour" code={tour} />',
        '',
        '<CodeEditor',
        '  code={`const n: number = decode(null);`}',
        '/>',
      ),
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^content\/chapters\/planted\.mdx:7:\d+: Argument of type '"PERSISTNT"' is not assignable/),
      expect.stringMatching(/^content\/chapters\/planted\.mdx:13:\d+: Type 'string \| null' is not assignable to type 'number'/),
    ]);
  }, 30_000);

  it('refuses an import in code the sandbox runs', () => {
    const problems = checkReaderCode([chapter(...FRONT, "export const p = `import { x } from 'y';", '`;', '<Playground id="p" code={p} />')]);
    expect(problems.some((p) => /^content\/chapters\/planted\.mdx:6:1: a program has no imports/.test(p))).toBe(true);
  }, 30_000);

  it('lets other languages and marked blocks pass, and refuses unlabelled and JavaScript fences', () => {
    const java = ['```java', 'zk.create("/a", data, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);', '```'];
    const markedByMeta = ['```ts not-a-reader-program', 'if (request.token < highest) reject();', '```'];
    const markedByLine = ['```ts', '// not-a-reader-program: the protected resource, not ZooKeeper', 'if (request.token < highest) reject();', '```'];
    expect(checkReaderCode([chapter(...FRONT, ...java, ...markedByMeta, ...markedByLine)])).toEqual([]);
    const unmarked = checkReaderCode([chapter(...FRONT, '```ts', 'if (request.token < highest) reject();', '```')]);
    expect(unmarked.length).toBeGreaterThan(0);
    expect(unmarked.every((p) => p.startsWith('content/chapters/planted.mdx:7:'))).toBe(true);
    expect(checkReaderCode([chapter(...FRONT, '```', 'echo ruok | nc zoo1 2181', '```')])).toEqual([
      'content/chapters/planted.mdx:7:1: a fence without a language: name it (ts for a reader program; sh, json, java, ... otherwise)',
    ]);
    expect(checkReaderCode([chapter(...FRONT, '```js', 'await connect();', '```')])[0]).toMatch(/^content\/chapters\/planted\.mdx:7:1: a `js` fence/);
  }, 30_000);

  it('refuses a marked, a computed or an unknown component code', () => {
    const marked = checkReaderCode([chapter(...FRONT, 'export const p = `// not-a-reader-program', '`;', '<Playground id="p" code={p} />')]);
    expect(marked).toEqual([expect.stringMatching(/^content\/chapters\/planted\.mdx:6:1: code given to <Playground> runs/)]);
    const computed = checkReaderCode([chapter(...FRONT, 'export const p = `await sleep(${1 + 1});`;', '<Playground id="p" code={p} />')]);
    expect(computed).toEqual([expect.stringMatching(/planted\.mdx:6:1: a template expression/)]);
    const missing = checkReaderCode([chapter(...FRONT, '<Playground id="p" code={nowhere} />')]);
    expect(missing).toEqual([expect.stringMatching(/planted\.mdx:6:1: code=\{nowhere\}: no `export const nowhere/)]);
    const other = checkReaderCode([chapter(...FRONT, '<Code code={x} lang="ts" />')]);
    expect(other).toEqual([expect.stringMatching(/planted\.mdx:6:1: code= on <Code>: only <Playground> and <CodeEditor>/)]);
  }, 30_000);
});
