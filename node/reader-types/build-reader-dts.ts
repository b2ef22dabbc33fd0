/**
 * Builds the editor's declaration text of the reader globals:
 * `playground/programs/reader-api.d.ts` plus the declarations of everything it imports, as
 * ONE self-contained text (what Monaco's
 * `addExtraLib` needs). The site's build serves it to the editor as a virtual module
 * (`src/editor/vite-reader-dts.mjs`); the Node type checks build it the same way.
 *
 * How: TypeScript's own declaration emit (`emitDeclarationOnly`, in memory) over
 * `reader-api.d.ts` and the modules it reaches; each module's declarations are wrapped as an
 * ambient module `declare module 'ensemble:<path under playground, no extension>'`, with its
 * relative imports rewritten to those names and its top-level `declare` keywords dropped
 * (already ambient); `reader-api.d.ts` becomes `ensemble:programs/reader-api`, whose `global`
 * block declares the reader globals. Only modules the declarations import are included
 * (following the emitted import graph, not the source one). JSDoc comments are kept, so the
 * editor shows them on hover.
 *
 * `node node/reader-types/build-reader-dts.ts` prints the text. Node only (fs, the
 * TypeScript compiler API); imports nothing from the project.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const HERE = dirname(fileURLToPath(import.meta.url));
const PLAYGROUND = resolve(HERE, '../../playground');
const ENTRY = resolve(PLAYGROUND, 'programs/reader-api.d.ts');

/** `…/playground/zk/stat.ts` → `ensemble:zk/stat`. */
function moduleName(file: string): string {
  return 'ensemble:' + relative(PLAYGROUND, file).replace(/\\/g, '/').replace(/(\.d)?\.ts$/, '');
}

/** Relative module specifiers of a declaration text, with where they resolve to. */
function rewriteImports(text: string, fromFile: string, found: (file: string) => void): string {
  const rewrite = (spec: string): string => {
    if (!spec.startsWith('.')) return spec;
    let file = resolve(dirname(fromFile), spec);
    if (!file.endsWith('.ts')) file += '.ts';
    found(file);
    return moduleName(file);
  };
  return text
    .replace(/(\bfrom\s+)(['"])([^'"]+)\2/g, (_m, pre: string, q: string, spec: string) => `${pre}${q}${rewrite(spec)}${q}`)
    .replace(/(\bimport\(\s*)(['"])([^'"]+)\2/g, (_m, pre: string, q: string, spec: string) => `${pre}${q}${rewrite(spec)}${q}`);
}

/** One module's declarations as an ambient module block. */
function ambientModule(name: string, text: string): string {
  const body = text
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    .replace(/^(export )?declare (?!global\b)/gm, '$1')
    .replace(/^declare global\b/gm, 'global')
    .trim();
  const indented = body
    .split('\n')
    .map((l) => (l === '' ? '' : '    ' + l))
    .join('\n');
  return `declare module '${name}' {\n${indented}\n}\n`;
}

/** The bundled declaration text (deterministic: modules in a stable order). */
export function buildReaderDts(): string {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts'],
    types: [],
    strict: true,
    declaration: true,
    emitDeclarationOnly: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    noEmit: false,
  };
  const program = ts.createProgram([ENTRY], options);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (fileName, text, _bom, _onError, sources) => {
    const source = sources?.[0];
    if (source !== undefined && fileName.endsWith('.d.ts')) emitted.set(resolve(source.fileName), text);
  });
  const problems = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length > 0) {
    throw new Error('reader-api.d.ts does not type-check:\n' + ts.formatDiagnostics(problems, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => PLAYGROUND,
      getNewLine: () => '\n',
    }));
  }
  const blocks = new Map<string, string>();
  const queue = [ENTRY];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const name = moduleName(file);
    if (blocks.has(name)) continue;
    // The entry's file comment is about this repository, not for the editor: dropped.
    const text = file === ENTRY ? readFileSync(ENTRY, 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\s*/, '') : emitted.get(file);
    if (text === undefined) throw new Error(`no declarations emitted for ${file}`);
    blocks.set(name, ambientModule(name, rewriteImports(text, file, (f) => queue.push(f))));
  }
  const entry = blocks.get(moduleName(ENTRY))!;
  blocks.delete(moduleName(ENTRY));
  const others = [...blocks.keys()].sort().map((k) => blocks.get(k)!);
  return [
    '// The reader program globals (connect, sleep, console, CreateMode, Op, KeeperException, decode, ...)',
    '// and the client API types they use. Generated by node/reader-types/build-reader-dts.ts',
    '// from playground/programs/reader-api.d.ts and playground/client; do not edit.',
    '',
    entry,
    ...others,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(buildReaderDts());
}
