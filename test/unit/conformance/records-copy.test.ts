/**
 * test/conformance is the project's copy of the shared conformance records (scenarios, the
 * records real ZooKeeper 3.8 produced, and their README), so a fresh clone can run every
 * conformance test on its own. Where the shared folder sits beside the project (developer
 * machines, CI), the copy must equal it file for file: a new or changed shared scenario
 * fails here until it is copied (`cp -r ../shared/conformance/{scenarios,expected,README.md}
 * test/conformance/`).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const copy = join(root, 'test', 'conformance');
const shared = join(root, '..', 'shared', 'conformance');

function listing(dir: string): string[] {
  return ['README.md', ...['scenarios', 'expected'].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => `${sub}/${f}`))].sort();
}

describe('the project’s copy of the conformance records', () => {
  it('holds a record for every scenario', () => {
    const files = listing(copy);
    const scenarios = files.filter((f) => f.startsWith('scenarios/')).map((f) => f.slice('scenarios/'.length));
    expect(scenarios.length).toBeGreaterThan(0);
    for (const s of scenarios) expect(files).toContain(`expected/${s}`);
  });

  const sharedHere = existsSync(join(shared, 'scenarios'));
  it(`equals ../shared/conformance ${sharedHere ? '(present here)' : '(absent here: nothing to compare)'}`, () => {
    if (!sharedHere) return;
    expect(listing(copy)).toEqual(listing(shared));
    for (const f of listing(shared)) expect(readFileSync(join(copy, f), 'utf8'), f).toBe(readFileSync(join(shared, f), 'utf8'));
  });
});
