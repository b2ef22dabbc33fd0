/**
 * The book's rules for its text, as functions over the MDX files (each tested on planted
 * pages in book-rules.test.ts, then run on the book):
 *
 * - a reader runs nothing locally, so no page but "For developers" names an npm command,
 *   a `node` command or a path of the book's repository;
 * - every chapter ends with a "What's next" that links to the next page by its slug;
 * - every glossary entry says what it means, links to a chapter that teaches it and cites a
 *   source, and the entries are in alphabetical order.
 *
 * Problems read `path:line: message`. Imports the scanner beside it.
 */
import { readerLines, type BookFile } from './mdx-source.ts';
import { CHAPTER_ORDER } from '../../../src/book/chapters.mjs';

/** The one page whose text may name commands and repository paths. */
export const DEVELOPERS_PAGE = 'content/chapters/for-developers.mdx';
export const GLOSSARY_PAGE = 'content/chapters/glossary.mdx';

const LOCAL_COMMANDS: readonly [RegExp, string][] = [
  [/\bnpm\s+(?:run|test|start|install|ci|exec)\b/, 'an npm command'],
  [/\bnpx\s/, 'an npx command'],
  [/\bnode\s+[\w./-]+\.(?:ts|js|mjs)\b/, 'a node command'],
  [/(?<![\w./-])(?:playground|src|scripts|test|content|docs)\/[\w.-]/, 'a path of the repository'],
  [/(?<![\w./-])(?:README\.md|package\.json|astro\.config\.mjs)\b/, 'a file of the repository'],
];

/** Commands and repository paths in the reader's text, outside the developers' page. */
export function localCommandProblems(files: readonly BookFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (file.path === DEVELOPERS_PAGE) continue;
    for (const { line, text } of readerLines(file)) {
      const withoutUrls = text.replace(/https?:\/\/[^\s)\]>"'`]+/g, '');
      for (const [re, what] of LOCAL_COMMANDS) {
        const m = re.exec(withoutUrls);
        if (m !== null) problems.push(`${file.path}:${line}: ${what} in the reader's text ("${m[0]}"): move it to the "For developers" page`);
      }
    }
  }
  return problems;
}

/** A page's frontmatter fields that the rules need. */
export interface PageInfo {
  readonly file: BookFile;
  readonly slug: string;
  readonly kind: 'chapter' | 'appendix' | 'landing';
}

export function pageInfo(file: BookFile): PageInfo {
  const front = /^---\n([\s\S]*?)\n---/.exec(file.text)?.[1] ?? '';
  const kind = file.path === 'content/index.mdx' ? 'landing' : /^kind:\s*appendix\s*$/m.test(front) ? 'appendix' : 'chapter';
  const slug = file.path === 'content/index.mdx' ? '' : file.path.replace(/^content\/chapters\//, '').replace(/\.mdx$/, '');
  return { file, slug, kind };
}

interface Section {
  readonly level: number;
  readonly title: string;
  readonly line: number;
  readonly lines: { line: number; text: string }[];
}

/** The `##` (and deeper, down to `depth`) sections of a file: level, heading, line, lines. */
function sections(file: BookFile, depth = 2): Section[] {
  const out: Section[] = [];
  let inFence = false;
  for (const l of readerLines(file)) {
    if (/^\s*(```|~~~)/.test(l.text)) inFence = !inFence;
    const h = inFence ? null : /^(#{2,6})\s+(.+?)\s*$/.exec(l.text);
    if (h !== null && h[1]!.length <= depth) out.push({ level: h[1]!.length, title: h[2]!, line: l.line, lines: [] });
    else out.at(-1)?.lines.push(l);
  }
  return out;
}

/** Every chapter ends with "## What's next", which links to the next page of the book (in `order`) by slug. */
export function whatsNextProblems(files: readonly BookFile[], order: readonly string[] = CHAPTER_ORDER): string[] {
  const place = (p: PageInfo): number => order.indexOf(p.slug);
  const pages = files.map(pageInfo).filter((p) => p.kind !== 'landing').sort((a, b) => place(a) - place(b));
  const problems: string[] = [];
  pages.forEach((page, i) => {
    if (page.kind !== 'chapter') return;
    const all = sections(page.file);
    const last = all.at(-1);
    const next = pages[i + 1];
    if (last === undefined || last.title !== "What's next") {
      problems.push(`${page.file.path}:${last?.line ?? 1}: the last section must be "## What's next" (found "${last?.title ?? 'none'}")`);
      return;
    }
    if (next === undefined) return;
    const link = new RegExp(`\\]\\(/${next.slug}/(?:#[\\w-]+)?\\)`);
    if (!last.lines.some((l) => link.test(l.text))) {
      problems.push(`${page.file.path}:${last.line}: "What's next" must link to the next page, [${next.slug}](/${next.slug}/)`);
    }
  });
  return problems;
}

/**
 * Glossary entries (`### term`, grouped under `## <letter>`): a definition with a source, a
 * "Taught in" link to a chapter, alphabetical order, each under its own letter.
 */
export function glossaryProblems(file: BookFile): string[] {
  const problems: string[] = [];
  const all = sections(file, 3);
  const entries = all.filter((e) => e.level === 3);
  if (entries.length === 0) return [`${file.path}:1: the glossary has no entries (### term)`];
  let letter = '';
  let previous = '';
  for (const e of all) {
    if (e.level === 2) {
      if (!/^[A-Z]$/.test(e.title)) problems.push(`${file.path}:${e.line}: "## ${e.title}": the glossary groups entries under one capital letter`);
      letter = e.title;
      continue;
    }
    const first = e.title.replace(/[`*]/g, '')[0]?.toUpperCase() ?? '';
    if (first !== letter) problems.push(`${file.path}:${e.line}: "${e.title}" is under "## ${letter || '(none)'}"`);
    const body = e.lines.map((l) => l.text).join('\n');
    if (!/\[\^[\w-]+\]/.test(body)) problems.push(`${file.path}:${e.line}: "${e.title}" cites no source (a footnote)`);
    if (!/^Taught in .*\]\(\/[\w-]+\/(?:#[\w-]+)?\)/m.test(body)) problems.push(`${file.path}:${e.line}: "${e.title}" has no "Taught in [chapter](/slug/)" line`);
    const key = e.title.replace(/[`*]/g, '').toLowerCase();
    if (key.localeCompare(previous, 'en') < 0) problems.push(`${file.path}:${e.line}: "${e.title}" is out of alphabetical order (after "${previous}")`);
    previous = key;
  }
  return problems;
}
