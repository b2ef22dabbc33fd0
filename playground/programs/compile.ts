/**
 * Compiles a reader program (TypeScript, top-level `await`, no imports) into the body of an
 * async function whose parameters are the reader globals (`program.ts`).
 *
 * Types are stripped by sucrase (`transforms: ['typescript']`, `disableESTransforms`), which
 * keeps every statement on its line, so a line number in the output is the reader's line.
 * Sucrase checks syntax only (no type checking: that is the editor's TypeScript worker, or
 * `tsc` for files on disk). After sucrase, the body is given once to the engine's
 * AsyncFunction constructor, which reports the errors sucrase lets through (a name declared
 * twice, `await` in a function that is not `async`); the engine gives no position for
 * those, so the line is found from the message where it names an identifier.
 *
 * Imports sucrase and `program.ts`; no DOM, no Node.
 */
import { transform } from 'sucrase';
import { PROGRAM_SOURCE_URL, READER_GLOBALS } from './program.ts';

/** A compile error at the reader's line and column (1-based; absent when unknown). */
export interface CompileError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export type CompileResult = { readonly ok: true; readonly js: string } | { readonly ok: false; readonly error: CompileError };

/** The constructor of `async function` objects (not a global name). */
export const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...params: unknown[]) => Promise<unknown>;

const EMPTY_EXPORT = /^\s*export\s*\{\s*\}\s*;?\s*$/;
const IMPORT = /^(\s*)import\s*[^\s(.]/;
const EXPORT = /^(\s*)export\b/;

function importProblem(lines: readonly string[]): CompileError | undefined {
  const inScope = 'connect, sleep, CreateMode, Op, KeeperException, ... are already in scope';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const im = IMPORT.exec(line);
    if (im !== null) return { message: `a program has no imports: ${inScope}`, line: i + 1, column: im[1]!.length + 1 };
    const ex = EXPORT.exec(line);
    if (ex !== null) return { message: 'a program exports nothing (only `export {};` is allowed)', line: i + 1, column: ex[1]!.length + 1 };
  }
  return undefined;
}

/** Sucrase's `Unexpected token (3:5)`: message and position (its column is 1-based). */
function fromSucrase(err: unknown): CompileError {
  const e = err as { message?: unknown; loc?: { line?: unknown; column?: unknown } };
  const message = typeof e.message === 'string' ? e.message.replace(/\s*\(\d+:\d+\)$/, '') : String(err);
  const line = typeof e.loc?.line === 'number' ? e.loc.line : undefined;
  const column = typeof e.loc?.column === 'number' ? e.loc.column : undefined;
  return { message, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
}

/** The engine's early errors carry no position: find the line from the identifier the message names. */
function fromEngine(err: unknown, lines: readonly string[]): CompileError {
  const message = err instanceof Error ? err.message : String(err);
  const dup = /^Identifier '([\w$]+)' has already been declared/.exec(message);
  if (dup !== null) {
    const name = dup[1]!;
    const decl = new RegExp(`\\b(?:let|const|var|class|function)\\s+${name.replace(/\$/g, '\\$')}\\b`);
    const found: number[] = [];
    lines.forEach((l, i) => {
      if (decl.test(l)) found.push(i);
    });
    const global = (READER_GLOBALS as readonly string[]).includes(name);
    const at = global ? found[0] : found[1] ?? found[0];
    const text = global ? `'${name}' is already in scope (a name every program has): choose another name` : message;
    if (at !== undefined) return { message: text, line: at + 1, column: lines[at]!.search(/\S/) + 1 };
    return { message: text };
  }
  return { message };
}

/**
 * TypeScript source → the body of the program's async function (`{ ok: true, js }`), or the
 * first error with the reader's position. The body ends with a `sourceURL` comment, so stack
 * traces name `reader-program.ts`.
 */
export function compileProgram(tsSource: string): CompileResult {
  const lines = tsSource.split(/\r\n|\r|\n/).map((l) => (EMPTY_EXPORT.test(l) ? '' : l));
  const problem = importProblem(lines);
  if (problem !== undefined) return { ok: false, error: problem };
  let code: string;
  try {
    code = transform(lines.join('\n'), { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (err) {
    return { ok: false, error: fromSucrase(err) };
  }
  // Same line: strict mode (as a module's code) without shifting the reader's lines.
  const js = `'use strict'; ${code}\n//# sourceURL=${PROGRAM_SOURCE_URL}`;
  try {
    new AsyncFunction(...READER_GLOBALS, js);
  } catch (err) {
    return { ok: false, error: fromEngine(err, lines) };
  }
  return { ok: true, js };
}
