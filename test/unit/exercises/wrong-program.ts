/**
 * A wrong variant is the solution with its mistake: a file under
 * `test/unit/exercises/<exercise>/wrong-*.ts` declares only what it gets wrong (and any helper
 * of its own), and every other top-level declaration comes from the solution unchanged.
 * `wrongProgram` splices the two by name — a function, class, interface, type or `const`
 * of the wrong file takes the place of the solution's declaration with the same name; one the
 * solution lacks goes in just before the next declaration the wrong file replaces — and puts
 * the wrong file's opening comment (what the mistake is) at the top. So the file shows the
 * mistake and nothing else, and the program the check runs is still whole, plausible code.
 */
import ts from 'typescript';

interface Part {
  readonly name: string | null;
  readonly node: ts.Statement;
}

function nameOf(st: ts.Statement): string | null {
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) return st.name.text;
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  return null;
}

const isExportNothing = (st: ts.Statement): boolean => ts.isExportDeclaration(st) && st.exportClause !== undefined && ts.isNamedExports(st.exportClause) && st.exportClause.elements.length === 0;

function parts(file: string, text: string): { source: ts.SourceFile; parts: Part[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) throw new Error(`${file}: cannot parse: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  return { source, parts: source.statements.filter((st) => !isExportNothing(st)).map((node) => ({ name: nameOf(node), node })) };
}

/** The solution with the wrong file's declarations in place of its own (see the head of this file). */
export function wrongProgram(solution: string, wrong: string, file = 'wrong.ts'): string {
  const sol = parts('solution.ts', solution).parts;
  const { source, parts: mine } = parts(file, wrong);
  if (mine.length === 0) throw new Error(`${file}: declares nothing, so it is the solution itself`);
  const names = new Set<string>();
  for (const p of mine) {
    if (p.name === null) continue;
    if (names.has(p.name)) throw new Error(`${file}: declares ${p.name} twice`);
    names.add(p.name);
  }
  // Each of the solution's parts, replaced where the wrong file declares the same name; the
  // wrong file's new parts wait for the next replaced one and go in before it.
  const replaced = new Map(mine.filter((p) => p.name !== null && sol.some((s) => s.name === p.name)).map((p) => [p.name!, p]));
  const before = new Map<string, Part[]>();
  let waiting: Part[] = [];
  for (const p of mine) {
    if (p.name !== null && replaced.has(p.name)) {
      before.set(p.name, waiting);
      waiting = [];
    } else waiting.push(p);
  }
  const header = wrong.slice(0, mine[0]!.node.getStart(source)).trimEnd();
  const text = (p: Part, from: ts.SourceFile): string => (p === mine[0] ? p.node.getText(from) : p.node.getFullText(from).replace(/^\s*\n/, ''));
  const out: string[] = [header];
  for (const s of sol) {
    const mineOf = s.name === null ? undefined : replaced.get(s.name);
    if (mineOf === undefined) {
      out.push(s === sol[0] ? s.node.getText() : s.node.getFullText().replace(/^\s*\n/, ''));
      continue;
    }
    for (const p of before.get(s.name!) ?? []) out.push(text(p, source));
    out.push(text(mineOf, source));
  }
  for (const p of waiting) out.push(text(p, source));
  return `${out.join('\n')}\nexport {};\n`;
}
