/**
 * Type-checks reader programs in Node the way the editor does: each program is a module
 * (top-level `await` needs no `export {}`), strict, ES library only, with the reader globals
 * of `buildReaderDts()` and nothing else in scope (no DOM, no Node). Monaco's options live
 * in `src/editor/monaco.ts`; `EDITOR_OPTIONS` below must say the same.
 *
 * Used by the tests that hold the book's code to the reader API (chapters, examples, the
 * bundle itself). Programs are checked together in one TypeScript program, in memory, so
 * a hundred blocks cost one compile. Node only (the `typescript` package); builds the
 * declarations as the site's build does (`build-reader-dts.ts`), once per process.
 */
import ts from 'typescript';
import { buildReaderDts } from './build-reader-dts.ts';

/** One error, at a 1-based line and column of the program that has it. */
export interface ReaderTypeError {
  readonly program: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The editor's compiler options (see `typescriptDefaults.setCompilerOptions` in src/editor/monaco.ts). */
export const EDITOR_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  strict: true,
  noEmit: true,
  lib: ['lib.esnext.d.ts'],
  moduleDetection: ts.ModuleDetectionKind.Force,
  types: [],
};

const BUNDLE_FILE = '/ensemble/reader-api.d.ts';

let dts: string | undefined;
/** The editor's declaration text, built once per process. */
function readerDts(): string {
  dts ??= buildReaderDts();
  return dts;
}

/**
 * The type errors of each program (keyed by a name of the caller's choosing, used in the
 * result). `lib` replaces the editor's library list, to check under other libraries too.
 */
export function typeCheckReaderPrograms(programs: ReadonlyMap<string, string>, lib?: readonly string[]): ReaderTypeError[] {
  const options: ts.CompilerOptions = { ...EDITOR_OPTIONS, ...(lib !== undefined ? { lib: [...lib] } : {}) };
  const files = new Map<string, string>([[BUNDLE_FILE, readerDts()]]);
  const nameOf = new Map<string, string>();
  let n = 0;
  for (const [name, text] of programs) {
    const file = `/reader/program-${++n}.ts`;
    files.set(file, text);
    nameOf.set(file, name);
  }
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => {
    const text = files.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, language) : read(file, language, onError);
  };
  host.fileExists = (file) => files.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => files.get(file) ?? ts.sys.readFile(file);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const file = d.file?.fileName;
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    // An error in the bundle or the library is the project's, not a program's: name it so.
    const programName = file !== undefined ? (nameOf.get(file) ?? file) : '(options)';
    return { program: programName, line: where.line + 1, column: where.character + 1, message };
  });
}
