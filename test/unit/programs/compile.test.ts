/** `compileProgram`: reader TypeScript → an async function body; errors at the reader's line. */
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../../playground/programs/compile.ts';

describe('compileProgram', () => {
  it('strips types and keeps every statement on its line', () => {
    const r = compileProgram("const a: number = 1;\ninterface X { a: string }\nconst b = a as number;\nawait sleep(b);\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const lines = r.js.split('\n');
    expect(lines[0]).toContain('const a = 1;');
    expect(lines[2]).toContain('const b = a');
    expect(lines[3]).toContain('await sleep(b);');
    expect(r.js).not.toContain('number');
  });

  it('reports a syntax error at the reader line and column', () => {
    const r = compileProgram('const zk = await connect();\n\nconst b = ;\n');
    expect(r).toEqual({ ok: false, error: { message: 'Unexpected token', line: 3, column: 11 } });
  });

  it('refuses imports and exports, but allows the `export {}` editors add', () => {
    const imp = compileProgram("console.log(1);\nimport { connect } from 'zookeeper';\n");
    expect(imp.ok).toBe(false);
    if (!imp.ok) {
      expect(imp.error.line).toBe(2);
      expect(imp.error.message).toContain('already in scope');
    }
    const exp = compileProgram('export const x = 1;\n');
    expect(exp.ok === false && exp.error.line).toBe(1);
    expect(compileProgram("console.log('hi');\nexport {};\n").ok).toBe(true);
  });

  it('finds the line of errors only the engine reports', () => {
    const dup = compileProgram('let x = 1;\nconsole.log(x);\nlet x = 2;\n');
    expect(dup).toMatchObject({ ok: false, error: { line: 3, message: "Identifier 'x' has already been declared" } });
    const global = compileProgram('\nconst connect = 1;\n');
    expect(global).toMatchObject({ ok: false, error: { line: 2 } });
    if (!global.ok) expect(global.error.message).toContain("'connect' is already in scope");
    const awaitInSync = compileProgram('function f() {\n  await sleep(1);\n}\n');
    expect(awaitInSync.ok).toBe(false);
  });
});
