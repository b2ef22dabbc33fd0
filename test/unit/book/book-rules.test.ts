/**
 * The book's rules for its text (book-rules.ts), on the book and on planted pages that break
 * them: a command or a repository path in a chapter, a chapter without "What's next" or whose
 * "What's next" does not link to the next page, a glossary entry without a source or a
 * chapter, or out of order.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBook } from './mdx-source.ts';
import { DEVELOPERS_PAGE, GLOSSARY_PAGE, glossaryProblems, localCommandProblems, whatsNextProblems } from './book-rules.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const book = readBook(ROOT);

const page = (path: string, front: string[], ...lines: string[]): { path: string; text: string } => ({
  path,
  text: ['---', ...front, '---', '', ...lines].join('\n'),
});

describe('the reader runs nothing locally', () => {
  it('no page but "For developers" names an npm or node command or a repository path', () => {
    expect(book.some((f) => f.path === DEVELOPERS_PAGE)).toBe(true);
    expect(localCommandProblems(book)).toEqual([]);
  });

  it('finds each kind in a planted chapter, by line, and lets URLs, imports and the developers page pass', () => {
    const planted = page(
      'content/chapters/planted.mdx',
      ['title: P', 'part: P'],
      "import Playground from '~/components/Playground.astro';",
      'Run `npm run client -- --target real` to try it.',
      'The engine (`playground/paxos/acceptor.ts`) follows the rules.',
      'Run `node scripts/ensemble-size-table.ts` to reproduce it.',
      'See [`ZooKeeper.java`](https://github.com/apache/zookeeper/blob/release-3.8.4/zookeeper-server/src/main/java/org/apache/zookeeper/ZooKeeper.java) and etcd.io/docs/v3.6.',
      '{/* npm run dev for authors */}',
    );
    expect(localCommandProblems([planted])).toEqual([
      'content/chapters/planted.mdx:7: an npm command in the reader\'s text ("npm run"): move it to the "For developers" page',
      'content/chapters/planted.mdx:8: a path of the repository in the reader\'s text ("playground/p"): move it to the "For developers" page',
      'content/chapters/planted.mdx:9: a node command in the reader\'s text ("node scripts/ensemble-size-table.ts"): move it to the "For developers" page',
      'content/chapters/planted.mdx:9: a path of the repository in the reader\'s text ("scripts/e"): move it to the "For developers" page',
    ]);
    expect(localCommandProblems([{ ...planted, path: DEVELOPERS_PAGE }])).toEqual([]);
  });
});

describe("every chapter ends with a What's next", () => {
  it('in the book, linking to the next page', () => {
    expect(whatsNextProblems(book)).toEqual([]);
  });

  it('refuses a chapter without one, and one that links elsewhere', () => {
    const a = page('content/chapters/a.mdx', ['title: A', 'part: P'], '## Body', 'Text.', "## What's next", 'Now [C](/c/).');
    const b = page('content/chapters/b.mdx', ['title: B', 'part: P'], '## Body', 'Text.');
    const c = page('content/chapters/c.mdx', ['title: C', 'part: P'], "## What's next", 'The [glossary](/g/).');
    const g = page('content/chapters/g.mdx', ['title: G', 'part: P', 'kind: appendix'], '## Term', 'No next needed.');
    expect(whatsNextProblems([a, b, c, g], ['a', 'b', 'c', 'g'])).toEqual([
      'content/chapters/a.mdx:8: "What\'s next" must link to the next page, [b](/b/)',
      'content/chapters/b.mdx:6: the last section must be "## What\'s next" (found "Body")',
    ]);
  });
});

describe('the glossary', () => {
  it('has entries with a source and a chapter, in alphabetical order', () => {
    const glossary = book.find((f) => f.path === GLOSSARY_PAGE);
    expect(glossary).toBeDefined();
    expect(glossaryProblems(glossary!)).toEqual([]);
  });

  it('refuses an entry without a source, without a chapter, out of order or under the wrong letter', () => {
    const g = page(
      GLOSSARY_PAGE,
      ['title: Glossary', 'part: Appendix', 'kind: appendix'],
      '## Q',
      '### Quorum',
      'A majority.[^q]',
      'Taught in [Why coordination](/why-coordination/#quorum).',
      '### Epoch',
      'A term number.',
      'Taught in [Zab](/zab/).',
      '## Zed',
      '### Znode',
      'A node.[^z]',
      '[^q]: a source',
    );
    expect(glossaryProblems(g)).toEqual([
      'content/chapters/glossary.mdx:11: "Epoch" is under "## Q"',
      'content/chapters/glossary.mdx:11: "Epoch" cites no source (a footnote)',
      'content/chapters/glossary.mdx:11: "Epoch" is out of alphabetical order (after "quorum")',
      'content/chapters/glossary.mdx:14: "## Zed": the glossary groups entries under one capital letter',
      'content/chapters/glossary.mdx:15: "Znode" is under "## Zed"',
      'content/chapters/glossary.mdx:15: "Znode" has no "Taught in [chapter](/slug/)" line',
    ]);
  });
});
