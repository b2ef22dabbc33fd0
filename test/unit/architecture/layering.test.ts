/**
 * The layering of `docs/ARCHITECTURE.md`, enforced: every import in `playground/`, `node/`
 * and `src/` is read (static, type-only, re-exports and literal dynamic imports) and checked against
 * the "may import" table below. The pure engine imports nothing of the page, of Node (its
 * built-ins or `node/`) or of npm but what its row names; the checkers read protocol *types* only; `src/` may use the
 * engine, never the reverse. A planted import that breaks a rule fails this test, and the
 * test proves it can fail by planting some itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../../..');

/** A module is a folder: `playground/zab`, `src/views`. */
interface Rule {
  /** Modules it may import (values and types). */
  readonly may: readonly string[];
  /** Modules it may import types from, and nothing else. */
  readonly typesFrom?: readonly string[];
  /** npm packages it may import (by name prefix). */
  readonly packages?: readonly string[];
}

const ENGINE = 'playground';
const RULES: Readonly<Record<string, Rule>> = {
  'playground/sim': { may: [] },
  'playground/zk': { may: [], typesFrom: ['playground/sim'] },
  'playground/zab': { may: ['playground/sim', 'playground/zk'] },
  'playground/paxos': { may: ['playground/sim'] },
  'playground/client': { may: ['playground/sim', 'playground/zk'] },
  'playground/check': { may: [], typesFrom: ['playground/sim', 'playground/zab', 'playground/paxos'] },
  'playground/explore': { may: ['playground/sim', 'playground/zk', 'playground/client', 'playground/zab', 'playground/paxos', 'playground/check'] },
  'playground/workload': { may: ['playground/sim', 'playground/client', 'playground/zk'] },
  'playground/zkcli': { may: ['playground/sim', 'playground/zk', 'playground/client', 'playground/zab'] },
  'playground/timeline': { may: ['playground/sim', 'playground/zk', 'playground/zab', 'playground/workload', 'playground/explore'] },
  'playground/programs': { may: ['playground/sim', 'playground/zk', 'playground/zab', 'playground/client'], packages: ['sucrase'] },
  'playground/exercises': { may: ['playground/programs', 'playground/sim', 'playground/zab', 'playground/zk', 'playground/check'] },
  'playground/conformance': { may: ['playground/sim', 'playground/zk', 'playground/client', 'playground/zab'] },
  'playground/measure': { may: ['playground/sim', 'playground/zk', 'playground/client', 'playground/zab'] },
  'node/real': { may: ['playground/client', 'playground/zk'] },
  'node/targets': { may: ['node/real', 'playground/programs', 'playground/conformance'] },
  'node/reader-types': { may: [] },
  'node/cli': { may: ['node/targets', 'playground/programs', 'playground/conformance', 'playground/exercises', 'playground/explore', 'playground/paxos', 'playground/sim'] },
  'src/book': { may: ['playground/timeline', 'src/i18n'], packages: ['@astrojs/starlight'] },
  // The checks' English words are the engine's (playground/exercises/check-messages.ts), named as src/i18n's English catalogue.
  'src/i18n': { may: ['playground/sim', 'playground/exercises'] },
  'src/editor': { may: ['playground/programs'], packages: ['monaco-editor', 'vite'] },
  'src/views': { may: ['src/i18n', 'playground/sim', 'playground/zk', 'playground/client', 'playground/zkcli', 'playground/check', 'playground/paxos', 'playground/zab', 'playground/measure'], packages: ['d3-'] },
  'src/sandbox': { may: ['src/i18n', 'playground/programs', 'playground/exercises', 'playground/sim', 'playground/zab'] },
  'src/components': {
    may: ['src/views', 'src/editor', 'src/sandbox', 'src/i18n', 'playground/sim', 'playground/zk', 'playground/client', 'playground/zab', 'playground/paxos', 'playground/timeline', 'playground/zkcli', 'playground/explore', 'playground/exercises', 'playground/programs'],
    // linkedom: the build-time DOM first-frame.ts draws a lab's first frame on (frontmatter only).
    packages: ['d3-', 'linkedom'],
  },
};

/** Node code (`node/`): it may also use Node's built-ins and any dev dependency. */
function nodeOnly(file: string): boolean {
  return file.startsWith('node/');
}

export interface Import {
  readonly specifier: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

/**
 * Every import of a file's text: statements that start a line (`import … from`, `export …
 * from`, `import '…'`), and literal `import('…')` — type-only in a type position
 * (`typeof import('…')`, `import('…').Name`).
 */
export function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const lineOf = (i: number): number => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(/^[ \t]*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: m[2]!, typeOnly: m[1] !== undefined, line: lineOf(m.index) });
  }
  for (const m of text.matchAll(/(typeof\s+)?\bimport\(\s*['"]([^'"]+)['"]\s*\)(\s*\.)?/g)) {
    found.push({ specifier: m[2]!, typeOnly: m[1] !== undefined || m[3] !== undefined, line: lineOf(m.index) });
  }
  return found;
}

function moduleOf(file: string): string | undefined {
  const parts = file.split('/');
  if ((parts[0] === 'playground' || parts[0] === 'node' || parts[0] === 'src') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return undefined;
}

/** The problems with one import of `file` (repository-relative), or none. */
export function judgeImport(file: string, imp: Import): string | undefined {
  const from = moduleOf(file);
  if (from === undefined) return undefined;
  const rule = RULES[from];
  const where = `${file}:${imp.line} imports '${imp.specifier}'`;
  if (rule === undefined) return `${where}: folder ${from} has no row in the layering table (add one, and to docs/ARCHITECTURE.md)`;
  const s = imp.specifier;
  if (s.startsWith('node:')) return nodeOnly(file) ? undefined : `${where}: Node's built-ins only in node/`;
  let target: string;
  if (s.startsWith('.')) target = relative(ROOT, resolve(ROOT, dirname(file), s.split('?')[0]!));
  else if (s.startsWith('~/')) target = `src/${s.slice(2)}`;
  else if (s.startsWith('virtual:') || s.startsWith('astro:')) return from.startsWith('src/') ? undefined : `${where}: the engine never imports the site`;
  else {
    // Types cost nothing at run time; Node-only tools may use any dev dependency.
    const ok = imp.typeOnly || nodeOnly(file) || (rule.packages ?? []).some((p) => s.startsWith(p));
    return ok ? undefined : `${where}: package not allowed for ${from} (allowed: ${(rule.packages ?? []).join(', ') || 'none'})`;
  }
  const to = moduleOf(target);
  if (to === undefined || to === from) return undefined;
  if (from.startsWith(ENGINE) && to.startsWith('src/')) return `${where}: the engine (playground/) never imports the site (src/)`;
  if (!from.startsWith('node/') && to.startsWith('node/')) return `${where}: only node/ imports node/ (the engine and the site run without Node)`;
  if (rule.may.includes(to)) return undefined;
  if (rule.typesFrom?.includes(to)) return imp.typeOnly ? undefined : `${where}: ${from} may import only types from ${to} (use \`import type\`)`;
  return `${where}: ${from} may not import ${to} (allowed: ${[...rule.may, ...(rule.typesFrom ?? []).map((t) => `${t} (types)`)].join(', ') || 'nothing outside itself'})`;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('layering (docs/ARCHITECTURE.md, "may import")', () => {
  it('every import in playground/, node/ and src/ follows the table', () => {
    const problems: string[] = [];
    for (const file of [...sourceFiles('playground'), ...sourceFiles('node'), ...sourceFiles('src')]) {
      for (const imp of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        const p = judgeImport(file, imp);
        if (p !== undefined) problems.push(p);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses planted imports that break it', () => {
    const plant = (file: string, line: string): string | undefined => {
      const imps = importsOf(line);
      expect(imps.length).toBe(1);
      return judgeImport(file, imps[0]!);
    };
    expect(plant('playground/sim/kernel.ts', "import { x } from '../zk/data-tree.ts';")).toMatch(/playground\/sim may not import playground\/zk/);
    expect(plant('playground/zab/leader.ts', "import { draw } from '../../src/views/ensemble-view.ts';")).toMatch(/never imports the site/);
    expect(plant('playground/zab/leader.ts', "import { readFileSync } from 'node:fs';")).toMatch(/Node's built-ins only/);
    expect(plant('playground/check/zab-history.ts', "import { Leader } from '../zab/leader.ts';")).toMatch(/only types from playground\/zab/);
    expect(plant('playground/check/zab-history.ts', "import type { Leader } from '../zab/leader.ts';")).toBeUndefined();
    expect(plant('playground/paxos/system.ts', "export { checkAgreement } from '../check/paxos-agreement.ts';")).toMatch(/playground\/paxos may not import playground\/check/);
    expect(plant('src/views/ensemble-view.ts', "const m = await import('monaco-editor');")).toMatch(/package not allowed/);
    expect(plant('src/views/ensemble-view.ts', "type E = import('monaco-editor').editor.IEditor;")).toBeUndefined();
    expect(importsOf("/**\n * Imports only the kernel's types; never import protocol code from '../zab/leader.ts'.\n */")).toEqual([]);
    expect(plant('playground/zk/server.ts', "import { v } from 'virtual:reader-api';")).toMatch(/never imports the site/);
    expect(plant('playground/newfolder/x.ts', "import { a } from '../sim/index.ts';")).toMatch(/no row in the layering table/);
    expect(plant('playground/programs/run-program.ts', "import { realTarget } from '../../node/targets/program-target.ts';")).toMatch(/only node\/ imports node\//);
    expect(plant('src/sandbox/gate.worker.ts', "import { connect } from '../../node/real/index.ts';")).toMatch(/only node\/ imports node\//);
    expect(plant('node/real/connection.ts', "import { Simulation } from '../../playground/sim/simulation.ts';")).toMatch(/node\/real may not import playground\/sim/);
    expect(plant('node/cli/client.ts', "import { readFileSync } from 'node:fs';")).toBeUndefined();
    expect(plant('playground/programs/compile.ts', "import { readFileSync } from 'node:fs';")).toMatch(/Node's built-ins only in node\//);
    expect(plant('node/newfolder/x.ts', "import { a } from '../real/index.ts';")).toMatch(/no row in the layering table/);
  });
});
