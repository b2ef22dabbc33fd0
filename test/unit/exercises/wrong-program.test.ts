/**
 * wrongProgram: a wrong variant's declarations take the place of the solution's by name, new
 * helpers go in before the next replaced declaration, the variant's opening comment leads, and
 * a file that declares nothing, declares a name twice or does not parse is refused.
 */
import { describe, expect, it } from 'vitest';
import { wrongProgram } from './wrong-program.ts';

const solution = `// The solution: lock, then unlock.
const sequenceOf = (child: string): number => Number(child.slice(-10));
// Take the lock.
async function lock(zk: ZooKeeperClient): Promise<string> {
  return 'right';
}
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}
export {};
`;

describe('wrongProgram', () => {
  it('replaces the same-named declaration in place and keeps the rest of the solution', () => {
    const out = wrongProgram(solution, `// WRONG: lock returns too soon.\nasync function lock(zk: ZooKeeperClient): Promise<string> {\n  return 'wrong';\n}\nexport {};\n`);
    expect(out).toBe(`// WRONG: lock returns too soon.
const sequenceOf = (child: string): number => Number(child.slice(-10));
async function lock(zk: ZooKeeperClient): Promise<string> {
  return 'wrong';
}
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}
export {};
`);
    expect(out).not.toContain("'right'");
    expect(out).not.toContain('The solution');
  });

  it('puts a helper of its own before the next declaration it replaces, or at the end', () => {
    const out = wrongProgram(solution, `// WRONG: x.\nfunction helper(): number { return 1; }\nasync function unlock(zk: ZooKeeperClient, node: string): Promise<void> { helper(); }\nconst after = 2;\n`);
    const at = (s: string): number => out.indexOf(s);
    expect(at('async function lock')).toBeLessThan(at('function helper'));
    expect(at('function helper')).toBeLessThan(at('async function unlock'));
    expect(at('helper(); }')).toBeLessThan(at('const after'));
    expect(out.match(/export \{\};/g)).toHaveLength(1);
  });

  it('keeps a comment the variant puts before a later declaration', () => {
    const out = wrongProgram(solution, `// WRONG: y.\nfunction helper(): void {}\n// the mistake is here\nasync function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}\n`);
    expect(out).toContain('// the mistake is here\nasync function unlock');
  });

  it('refuses a variant that declares nothing, one name twice, or does not parse', () => {
    expect(() => wrongProgram(solution, '// WRONG: nothing\nexport {};\n', 'x/wrong-empty.ts')).toThrow(/x\/wrong-empty\.ts: declares nothing/);
    expect(() => wrongProgram(solution, 'function lock() {}\nfunction lock() {}\n', 'w.ts')).toThrow(/w\.ts: declares lock twice/);
    expect(() => wrongProgram(solution, 'async function lock( {\n', 'w.ts')).toThrow(/w\.ts: cannot parse/);
  });
});
