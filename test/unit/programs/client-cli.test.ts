/** `npm run client` (`node node/cli/client.ts`) on the simulation, as a child process. */
import { execFile, spawn } from 'node:child_process';
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
    execFile(process.execPath, ['node/cli/client.ts', ...args], { cwd: ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

/** A schedule naming s2, for a standalone server. */
function text3(): string {
  return program('s2.faults', 'at 1s crash s2\n');
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

  it('runs under a fault schedule, JSON or text alike (times from the program start, clients c1, c2, ...)', async () => {
    const prog = program(
      'spike.ts',
      [
        "const zk = await connect({ sessionTimeoutMs: 4000 });",
        "await zk.create('/a', 'v0', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);",
        'await sleep(200);',
        "try { await zk.setData('/a', 'v1', -1); console.log('v1 ok'); } catch (err) { console.log(`v1 ${(err as KeeperException).code}`); }",
        "await zk.setData('/a', 'v2', -1);",
        'await sleep(6000);',
        "console.log(`final ${decode((await zk.getData('/a')).data)}`);",
        'await zk.close();',
      ].join('\n'),
    );
    const json = program('spike.json', JSON.stringify({ version: 1, events: [{ at: 100, latency: [3900, 3900], between: ['c1', 's1'] }, { at: 9000, freeze: 's1', for: 8000 }] }));
    const text = program('spike.faults', '# a 3.9 s spike on c1 and s1, then a frozen s1\nat 100ms latency c1 s1 3900ms\nat 9s freeze s1 8s\n');
    const a = await cli(['--target', 'sim', '--faults', json, prog]);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe('v1 CONNECTIONLOSS\nfinal v2\n');
    expect(a.code).toBe(0);
    const b = await cli(['--faults', text, prog]);
    expect(b).toEqual(a);
    // without the schedule, the write goes through
    const calm = await cli(['--servers', '3', prog]);
    expect(calm.stdout).toBe('v1 ok\nfinal v2\n');
  }, SLOW);

  it('refuses an invalid schedule before running anything, saying which line and why (exit 2)', async () => {
    const bad = program('bad.faults', 'at 100ms latency c1 s9 3900ms\nat 2 crash s1\nfreeze s1 8s\nat 1s explode s2\n');
    const r = await cli(['--faults', bad, program('quiet.ts', "console.log('ran');\n")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 1: s9 is not a node of this ensemble (servers s1, s2, s3; clients c1, c2, …)');
    expect(r.stderr).toContain('line 2, column 4: the time "2" needs a unit: 2ms or 2s');
    expect(r.stderr).toContain('line 3, column 1: a scheduled fault starts with its time');
    expect(r.stderr).toContain('line 4, column 7: "explode" is not a fault');
    const json = program('bad.json', JSON.stringify({ version: 1, events: [{ at: 800, latency: [3900, 3900], between: ['c1', 's4'] }, { at: 2 ** 60, freeze: 's1', for: 8000 }] }));
    const j = await cli(['--faults', json, program('quiet2.ts', "console.log('ran');\n")]);
    expect(j.code).toBe(2);
    expect(j.stderr).toContain('events[0]: s4 is not a node of this ensemble');
    expect(j.stderr).toContain('events[1].at: expected whole ms from 0 to 1000000000');
    for (const args of [['--target', 'real', '--faults', json, 'x.ts'], ['--servers', '4', 'x.ts'], ['--target', 'real', '--servers', '3', 'x.ts']]) {
      const e = await cli(args);
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.stderr).toContain('usage: npm run client --');
    }
    const standalone = await cli(['--servers', '1', '--faults', text3(), program('quiet3.ts', '\n')]);
    expect(standalone.code).toBe(2);
    expect(standalone.stderr).toContain('s2 is not a node of this ensemble (servers s1; clients c1, c2, …)');
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

  it('ends quietly with 0 when its output pipe is closed early (`| head`), instead of a stack trace about EPIPE', async () => {
    // Many long lines, a server round trip apart, so the pipe is closed while the program still prints.
    const file = program('many-lines.ts', "const zk = await connect();\nfor (let i = 0; i < 300; i++) { await zk.exists('/'); console.log('line ' + i + ' ' + 'x'.repeat(4000)); }\n");
    const r = await new Promise<{ code: number | null; stderr: string; first: string }>((resolve) => {
      const child = spawn(process.execPath, ['node/cli/client.ts', file], { cwd: ROOT });
      let first = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.once('data', (d: Buffer) => {
        first = d.toString().slice(0, 6);
        child.stdout.destroy(); // as `head` does once it has its lines
      });
      child.on('close', (code) => resolve({ code, stderr, first }));
    });
    expect(r.first).toBe('line 0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, SLOW);
});
