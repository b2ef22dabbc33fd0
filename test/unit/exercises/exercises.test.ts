/**
 * Every exercise (content/exercises/<name>/): the starting code FAILS its check and the
 * solution PASSES all of its fault schedules, on the simulation; the usual wrong answers fail
 * too, with the message that names the mistake; each folder is complete; and the solution
 * plus the check's code type-checks against the editor's declarations alone (ES lib, no DOM).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExerciseCheck } from '../../../playground/exercises/exercise.ts';
import { parseHints } from '../../../playground/exercises/hints.ts';
import { composeProgram, runCheck } from '../../../playground/exercises/run-check.ts';
import { typeCheckReaderPrograms } from '../../../node/reader-types/type-check.ts';
import { WRONG_VARIANTS } from './wrong-variants.ts';
import { wrongProgram } from './wrong-program.ts';
import { exercisePages } from '../../e2e/exercise-pages.ts';

const DIR = new URL('../../../content/exercises/', import.meta.url);
const names = readdirSync(DIR).sort();
/** The exercises that came with three wrong variants inline (below); every later one keeps them as files. */
const INLINE_WRONGS = new Set(['first-program', 'config-watcher', 'herd-free-lock']);
const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, DIR), 'utf8');
const checkOf = async (name: string): Promise<ExerciseCheck> => ((await import(`../../../content/exercises/${name}/check.ts`)) as { default: ExerciseCheck }).default;

function typeErrors(program: string): string[] {
  return typeCheckReaderPrograms(new Map([['/program.ts', program]]), ['lib.es2023.d.ts']).map((e) => `${e.program}:${e.line}: ${e.message}`);
}

describe('exercise folders', () => {
  it('there are at least three, each with prompt, start, solution, check and hints', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const n of names) for (const f of ['prompt.md', 'start.ts', 'solution.ts', 'check.ts', 'hints.md']) expect(existsSync(new URL(`${n}/${f}`, DIR)), `${n}/${f}`).toBe(true);
  });

  it('each has three hints, each a titled section with something to say', () => {
    for (const n of names) {
      const hints = parseHints(read(n, 'hints.md'));
      expect(hints.length, n).toBe(3);
      for (const h of hints) expect(h.body.length, `${n}: ${h.title}`).toBeGreaterThan(80);
    }
  });

  it('parseHints splits on "## " headings only', () => {
    expect(parseHints('intro\n## One\nfirst\n### not a hint\n\n## Two\nsecond\n')).toEqual([
      { title: 'One', body: 'first\n### not a hint' },
      { title: 'Two', body: 'second' },
    ]);
    expect(parseHints('no headings')).toEqual([]);
  });

  it('every exercise is embedded in a chapter, once, under a playground id of its own', () => {
    const pages = exercisePages();
    expect(pages.map((p) => p.exercise).sort()).toEqual(names);
    expect(new Set(pages.map((p) => p.id)).size).toBe(pages.length);
  });

  it('every exercise keeps at least three wrong variants that its check must reject', () => {
    for (const n of names) if (!INLINE_WRONGS.has(n)) expect(WRONG_VARIANTS[n]?.length ?? 0, n).toBeGreaterThanOrEqual(3);
  });
});

describe.each(names)('exercise %s', (name) => {
  it('the starting code fails its check', async () => {
    const report = await runCheck(await checkOf(name), read(name, 'start.ts'));
    expect(report.kind).toBe('failed');
  }, 60_000);

  it('the solution passes every fault schedule', async () => {
    const check = await checkOf(name);
    const report = await runCheck(check, read(name, 'solution.ts'));
    if (report.kind === 'failed') {
      const f = report.failure;
      throw new Error(`failed on schedule ${f.seed}: ${f.judgement.ok ? '' : f.judgement.problem}\nreplay: runSchedule(check, compileExercise(check, solution), ${f.seed})`);
    }
    expect(report).toEqual({ kind: 'passed', schedules: check.schedules });
    expect(check.schedules).toBeGreaterThanOrEqual(100);
  }, 120_000);

  it('the solution with the check code type-checks against the editor declarations (no DOM)', async () => {
    const check = await checkOf(name);
    const program = composeProgram(read(name, 'solution.ts').replace(/^export \{\};\s*$/m, ''), check.harness).source + '\nexport {};\n';
    expect(typeErrors(program)).toEqual([]);
    expect(typeErrors(read(name, 'start.ts'))).toEqual([]);
  }, 30_000);

  it('fault schedules are valid, deterministic and differ between seeds', async () => {
    const check = await checkOf(name);
    expect(check.faults(7)).toEqual(check.faults(7));
    const distinct = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(check.faults(i + 1))));
    expect(distinct.size).toBeGreaterThan(15);
  });
});

/** Replace `from` in the solution (asserting it is there). */
function mutate(name: string, from: string, to: string): string {
  const s = read(name, 'solution.ts');
  expect(s).toContain(from);
  return s.replace(from, to);
}

async function problemOf(name: string, code: string): Promise<string> {
  const report = await runCheck(await checkOf(name), code);
  if (report.kind !== 'failed') throw new Error(`expected a failure, got ${report.kind}`);
  return report.failure.judgement.ok ? '' : report.failure.judgement.problem;
}

describe.each(Object.entries(WRONG_VARIANTS).flatMap(([name, list]) => list.map((w) => [name, w.file, w.message] as const)))('exercise %s: %s', (name, file, message) => {
  const code = (): string => wrongProgram(read(name, 'solution.ts'), readFileSync(new URL(`${name}/${file}`, import.meta.url), 'utf8'), `${name}/${file}`);
  it('is plausible code: it type-checks against the editor declarations', () => {
    expect(typeErrors(code())).toEqual([]);
  }, 30_000);
  it(`fails the check, with a message that names the mistake (${message.source.slice(0, 40)}…)`, async () => {
    expect(await problemOf(name, code())).toMatch(message);
  }, 120_000);
});

describe('the usual mistakes fail, with the message that names them', () => {
  it('first program: ephemeral as a create mode', async () => {
    expect(await problemOf('first-program', mutate('first-program', "'/alive', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL", "'/alive', '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT"))).toMatch(/create mode/);
  });
  it('first program: a watch is set by a read', async () => {
    expect(await problemOf('first-program', mutate('first-program', "zk.getData('/config', (e) => fire(e))", "zk.getData('/config')"))).toMatch(/no watch was set/);
  });
  it('first program: setData takes the expected version', async () => {
    expect(await problemOf('first-program', mutate('first-program', "'color=green', stat.version", "'color=green', -1"))).toMatch(/version your read returned/);
  });
  it('first program: the server fires the watcher, not the program', async () => {
    const code = mutate('first-program', 'const after = await', "console.log('event NodeDataChanged /config');\nconst after = await");
    expect(await problemOf('first-program', code)).toMatch(/before the server had sent one/);
  });
  it('config watcher: reading and re-arming in two calls misses an update', async () => {
    const code = mutate(
      'config-watcher',
      `const { data } = await zk.getData(path, (event) => {
          if (event.type === 'NodeDataChanged' || event.type === 'NodeCreated') void read();
        });`,
      `const { data } = await zk.getData(path);
        await zk.exists(path, (event) => {
          if (event.type === 'NodeDataChanged' || event.type === 'NodeCreated') void read();
        });`,
    );
    expect(await problemOf('config-watcher', code)).toMatch(/missed the last update/);
  }, 60_000);
  it('lock: a lock znode that is not ephemeral never goes away with its session', async () => {
    expect(await problemOf('herd-free-lock', mutate('herd-free-lock', 'CreateMode.EPHEMERAL_SEQUENTIAL', 'CreateMode.PERSISTENT_SEQUENTIAL'))).toMatch(/a lock znode must be EPHEMERAL_SEQUENTIAL/);
  }, 120_000);
  it('lock: deciding from the children listed before our own create gives two holders', async () => {
    const code = mutate('herd-free-lock', 'continue; // list again: the children read above are older than our znode', "children.push((await zk.getChildren(dir)).find((c) => c.startsWith(prefix))!); return `${dir}/${children.filter((c) => c.startsWith(prefix))[0]}`;");
    expect(await problemOf('herd-free-lock', code)).toMatch(/two workers hold the lock/);
  }, 120_000);
  it('lock: not handling CONNECTIONLOSS fails under broken connections', async () => {
    const code = mutate('herd-free-lock', "if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;\n      await sleep(100);\n    }\n  }\n}\n\nasync function unlock", "throw err;\n    }\n  }\n}\n\nasync function unlock");
    expect(await problemOf('herd-free-lock', code)).toMatch(/CONNECTIONLOSS/);
  }, 120_000);
});
