/** `npm run client` (`node playground/sandbox/client-cli.ts`) on the simulation, as a child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Child processes (about 0.3 s each) on a busy machine: generous per-test timeouts.
const SLOW = 60_000;

const ROOT = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'client-cli-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['playground/sandbox/client-cli.ts', ...args], { cwd: ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

function program(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe('client CLI, --target sim', () => {
  it("prints the first program's output and exits 0", async () => {
    const r = await cli(['--target', 'sim', 'content/examples/first-program.ts']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'content/examples/first-program.out'), 'utf8'));
  }, SLOW);

  it('exits 2 with the usage on bad arguments', async () => {
    for (const args of [[], ['--target', 'cloud', 'x.ts'], ['--target', 'sim', '--connect', '127.0.0.1:2181', 'x.ts'], ['--seed', 'abc', 'x.ts'], ['--bogus', 'x.ts'], ['a.ts', 'b.ts']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: npm run client --');
      expect(r.stdout).toBe('');
    }
    const missing = await cli(['--target', 'sim', join(dir, 'does-not-exist.ts')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  }, SLOW);

  it('exits 2 on a compile error, pointing at the line', async () => {
    const file = program('syntax.ts', 'const zk = await connect();\nconst b = ;\n');
    const r = await cli([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2:11: error: Unexpected token`);
    expect(r.stderr).toContain('const b = ;');
  }, SLOW);

  it('exits 1 when the program throws or gets stuck; warn/error lines go to stderr', async () => {
    const threw = await cli([program('nonode.ts', "console.log('out');\nconsole.error('err');\nconst zk = await connect();\nawait zk.delete('/nope');\n")]);
    expect(threw.code).toBe(1);
    expect(threw.stdout).toBe('out\n');
    expect(threw.stderr).toMatch(/^err\n.*nonode\.ts: threw at line 4: KeeperException NONODE: KeeperErrorCode = NONODE for \/nope\n$/);
    const stuck = await cli(['--timeout', '5000', program('stuck.ts', 'await new Promise(() => {});\n')]);
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toContain('stuck: waiting on nothing a ZooKeeper call will settle');
  }, SLOW);
});
