/**
 * Type-checks reader programs in Node the way the editor does: each program is a module
 * (top-level `await` needs no `export {}`), strict, ES library only, with the reader globals
 * of `buildReaderDts()` and nothing else in scope (no DOM, no Node). Monaco's options live
 * in `src/editor/monaco.ts`; `EDITOR_OPTIONS` below must say the same.
 *
 * Used by the tests that hold the book's code to the reader API (chapters, examples, the
 * bundle itself); `typeCheckModules` checks snippets of the project's own code the same way
 * (a wrong id that must not type-check). Programs are checked together in one TypeScript program, in memory, so
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
  const files = new Map<string, string>();
  let n = 0;
  for (const text of programs.values()) files.set(`/reader/program-${++n}.ts`, text);
  return typeCheckInMemory(files, [...programs.keys()], options, new Map([[BUNDLE_FILE, readerDts()]]));
}

/** The project's own compiler options (tsconfig.json's, less what only the site needs), for `typeCheckModules`. */
export const PROJECT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  noUncheckedIndexedAccess: true,
  lib: ['lib.es2023.d.ts'],
  types: [],
};

/**
 * The type errors of modules of the project's own code, each checked as if it were the file
 * `<dir>/<name>` (so its relative imports reach the project's files), with the project's
 * options. For tests that hold a type to its job: a snippet that must not type-check.
 */
export function typeCheckModules(modules: ReadonlyMap<string, string>, dir: string): ReaderTypeError[] {
  const files = new Map([...modules].map(([name, text]) => [`${dir.replace(/\/$/, '')}/${name}`, text]));
  return typeCheckInMemory(files, [...modules.keys()], PROJECT_OPTIONS);
}

/** Check `files` (path → text) as one program; errors named by `names[i]` for the i-th file, or by path. */
function typeCheckInMemory(files: ReadonlyMap<string, string>, names: readonly string[], options: ts.CompilerOptions, extra: ReadonlyMap<string, string> = new Map()): ReaderTypeError[] {
  const all = new Map([...extra, ...files]);
  const nameOf = new Map([...files.keys()].map((file, i) => [file, names[i]!]));
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => {
    const text = all.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, language) : read(file, language, onError);
  };
  host.fileExists = (file) => all.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => all.get(file) ?? ts.sys.readFile(file);
  const program = ts.createProgram([...all.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const file = d.file?.fileName;
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    // An error in the bundle, the library or an imported file is the project's, not a program's: name it so.
    const programName = file !== undefined ? (nameOf.get(file) ?? file) : '(options)';
    return { program: programName, line: where.line + 1, column: where.character + 1, message };
  });
}
