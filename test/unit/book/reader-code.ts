/**
 * The rule "every code block in the book is a reader program": a ```ts block, and the code
 * given to <Playground> or <CodeEditor>, must type-check against the reader API exactly as
 * the editor checks it (a reader who presses Edit sees no red), and component code must also
 * compile as the sandbox compiles it (no imports, ...). Code that is deliberately something
 * else says so: another fence language (`java`, `sh`, `properties`, `json`, ...), or the
 * word `not-a-reader-program` in a fence's meta string or as its first line's comment. A
 * fence with no language, or fenced as JavaScript, is refused rather than guessed at.
 *
 * Problems read `path:line:column: message`, with the file's own line numbers. Imports the
 * book scanner beside it and the playground's sandbox (compile, type check).
 */
import { compileProgram } from '../../../playground/programs/compile.ts';
import { typeCheckReaderPrograms } from '../../../node/reader-types/type-check.ts';
import { componentBlocks, fencedBlocks, type BookFile, type CodeBlock } from './mdx-source.ts';

export const NOT_A_READER_PROGRAM = 'not-a-reader-program';

const READER_LANGS = new Set(['ts', 'typescript']);
const SCRIPT_LANGS = new Set(['js', 'javascript', 'jsx', 'tsx', 'mjs', 'cjs', 'mts', 'cts']);

function marked(block: CodeBlock): boolean {
  const firstLine = block.code.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return block.meta.split(/\s+/).includes(NOT_A_READER_PROGRAM) || new RegExp(`^//\\s*${NOT_A_READER_PROGRAM}\\b`).test(firstLine);
}

/** Every problem with the book's code, or none. */
export function checkReaderCode(files: readonly BookFile[]): string[] {
  const problems: string[] = [];
  const programs = new Map<string, string>();
  const blockOf = new Map<string, CodeBlock>();
  for (const file of files) {
    const components = componentBlocks(file);
    for (const p of components.problems) problems.push(`${p.path}:${p.line}:1: ${p.message}`);
    for (const block of [...fencedBlocks(file), ...components.blocks]) {
      const at = `${block.path}:${block.line}:1`;
      if (marked(block)) {
        if (block.origin !== 'fence') problems.push(`${at}: code given to <${block.origin}> runs in the reader's editor: it must be a reader program`);
        continue;
      }
      if (block.lang === '') {
        problems.push(`${at}: a fence without a language: name it (ts for a reader program; sh, json, java, ... otherwise)`);
        continue;
      }
      if (SCRIPT_LANGS.has(block.lang)) {
        problems.push(`${at}: a \`${block.lang}\` fence: reader code is TypeScript (ts); other code is marked ${NOT_A_READER_PROGRAM}`);
        continue;
      }
      if (!READER_LANGS.has(block.lang)) continue;
      const key = `${block.path}:${block.line}`;
      programs.set(key, block.code);
      blockOf.set(key, block);
      if (block.origin !== 'fence') {
        const compiled = compileProgram(block.code);
        if (!compiled.ok) {
          const e = compiled.error;
          problems.push(`${block.path}:${block.line + (e.line ?? 1) - 1}:${e.column ?? 1}: ${e.message}`);
        }
      }
    }
  }
  for (const e of typeCheckReaderPrograms(programs)) {
    const block = blockOf.get(e.program);
    problems.push(block !== undefined ? `${block.path}:${block.line + e.line - 1}:${e.column}: ${e.message}` : `${e.program}:${e.line}:${e.column}: ${e.message}`);
  }
  return problems;
}
