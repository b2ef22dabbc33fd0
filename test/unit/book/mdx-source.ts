/**
 * Reading the book's MDX as text, for the tests that hold it to its rules: where its code
 * is (fenced blocks, and the `code` given to `<Playground>` and `<CodeEditor>`, inline or
 * as an `export const` template), and which lines a reader sees as text. Every result
 * carries its file and 1-based line, so a failing test can name the chapter and the line.
 *
 * A small scanner, not an MDX parser: it knows the shapes the book uses and reports any
 * other shape of `code=` it meets instead of skipping it. Node only; imports nothing of the
 * project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BookFile {
  /** Repository-relative path, e.g. `content/chapters/data-model.mdx`. */
  readonly path: string;
  readonly text: string;
}

/** Code as the reader sees it, with where it starts in the file. */
export interface CodeBlock {
  readonly path: string;
  /** File line of the block's first line of code. */
  readonly line: number;
  /** Fence language (`ts`, `json`, ... or '' when the fence names none); `ts` for component code. */
  readonly lang: string;
  /** The rest of the fence's info string (meta), '' for component code. */
  readonly meta: string;
  /** `fence`, or the component the code is given to. */
  readonly origin: 'fence' | 'Playground' | 'CodeEditor';
  readonly code: string;
}

/** A shape the scanner cannot read as reader code (reported, never skipped). */
export interface SourceProblem {
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

/** The landing page and every chapter (including appendix pages), as the content collection loads them. */
export function readBook(root: string): BookFile[] {
  const chapters = readdirSync(join(root, 'content/chapters'))
    .filter((f) => /^[^_].*\.mdx$/.test(f))
    .sort()
    .map((f) => `content/chapters/${f}`);
  return ['content/index.mdx', ...chapters].map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** 1-based line of a character index. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Fenced blocks: ``` or ~~~ (three or more), with the info string split into lang and meta. */
export function fencedBlocks(file: BookFile): CodeBlock[] {
  const lines = file.text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([^\s`]*)\s*(.*?)\s*$/.exec(lines[i]!);
    if (open === null) continue;
    const fence = open[1]!;
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(lines[j]!)) j++;
    blocks.push({ path: file.path, line: i + 2, lang: open[2]!.toLowerCase(), meta: open[3]!, origin: 'fence', code: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return blocks;
}

/** The character ranges of fenced blocks, so other scans can skip them. */
function fencedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[`~]*[ \t]*$/gm;
  for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

/**
 * A template literal starting at `start` (the backtick): its cooked text, or a problem. An
 * expression (`${...}`) is refused: reader code must be the literal text the reader sees.
 */
function templateAt(text: string, start: number): { value: string; end: number } | { error: string } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') return { value, end: i + 1 };
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i++;
    } else if (c === '$' && text[i + 1] === '{') {
      return { error: 'a template expression (${...}) in reader code: write the code out literally' };
    } else {
      value += c;
    }
  }
  return { error: 'an unterminated template literal' };
}

/** `export const NAME = \`...\`` constants of a file, by name. */
function templateConstants(file: BookFile): Map<string, { value: string; line: number } | { error: string; line: number }> {
  const found = new Map<string, { value: string; line: number } | { error: string; line: number }>();
  for (const m of file.text.matchAll(/^export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*`/gm)) {
    const tick = m.index + m[0].length - 1;
    const t = templateAt(file.text, tick);
    found.set(m[1]!, 'error' in t ? { error: t.error, line: lineAt(file.text, tick) } : { value: t.value, line: lineAt(file.text, tick) });
  }
  return found;
}

/**
 * The `code` given to components: `code={NAME}` (an `export const` template of the same
 * file) or `code={\`...\`}`. Only `<Playground>` and `<CodeEditor>` take reader code; a
 * `code=` on anything else, or in any other form, is a problem.
 */
export function componentBlocks(file: BookFile): { blocks: CodeBlock[]; problems: SourceProblem[] } {
  const blocks: CodeBlock[] = [];
  const problems: SourceProblem[] = [];
  const skip = fencedRanges(file.text);
  const constants = templateConstants(file);
  for (const m of file.text.matchAll(/\bcode=/g)) {
    if (skip.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const line = lineAt(file.text, m.index);
    const tag = [...file.text.slice(0, m.index).matchAll(/<([A-Z][\w.]*)\b/g)].pop()?.[1];
    if (tag !== 'Playground' && tag !== 'CodeEditor') {
      problems.push({ path: file.path, line, message: `code= on <${tag ?? '?'}>: only <Playground> and <CodeEditor> take reader code` });
      continue;
    }
    const rest = file.text.slice(m.index + m[0].length);
    const ident = /^\{\s*([A-Za-z_$][\w$]*)\s*\}/.exec(rest);
    const inline = /^\{\s*`/.exec(rest);
    if (ident !== null) {
      const c = constants.get(ident[1]!);
      if (c === undefined) problems.push({ path: file.path, line, message: `code={${ident[1]}}: no \`export const ${ident[1]} = \\\`...\\\`\` in this file` });
      else if ('error' in c) problems.push({ path: file.path, line: c.line, message: c.error });
      else blocks.push({ path: file.path, line: c.line, lang: 'ts', meta: '', origin: tag, code: c.value });
    } else if (inline !== null) {
      const tick = m.index + m[0].length + inline[0].length - 1;
      const t = templateAt(file.text, tick);
      if ('error' in t) problems.push({ path: file.path, line, message: t.error });
      else blocks.push({ path: file.path, line: lineAt(file.text, tick), lang: 'ts', meta: '', origin: tag, code: t.value });
    } else {
      problems.push({ path: file.path, line, message: 'code= must be {NAME} (an export const template of this file) or {`...`}' });
    }
  }
  return { blocks, problems };
}

/**
 * The lines a reader sees as text (prose, headings, tables, captions, footnotes, code), with
 * their file line numbers: everything but the frontmatter, `import` lines and MDX comments.
 */
export function readerLines(file: BookFile): { line: number; text: string }[] {
  const lines = file.text.split('\n');
  const out: { line: number; text: string }[] = [];
  let i = 0;
  if (lines[0] === '---') {
    i = 1;
    while (i < lines.length && lines[i] !== '---') i++;
    i++;
  }
  let inComment = false;
  for (; i < lines.length; i++) {
    let text = lines[i]!;
    if (inComment) {
      if (!text.includes('*/}')) continue;
      text = text.slice(text.indexOf('*/}') + 3);
      inComment = false;
    }
    if (/^import\s.+\sfrom\s+['"][^'"]+['"];?\s*$/.test(text)) continue;
    text = text.replace(/\{\/\*.*?\*\/\}/g, '');
    const open = text.indexOf('{/*');
    if (open >= 0) {
      text = text.slice(0, open);
      inComment = true;
    }
    out.push({ line: i + 1, text });
  }
  return out;
}
