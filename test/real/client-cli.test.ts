/**
 * `npm run client` against Debian's ZooKeeper 3.8 on loopback: the book's first program
 * (`content/examples/first-program.ts`) run on a real standalone server and on the
 * simulation must print exactly the same lines; a program that fails on the real server
 * reports the same code and line as on the simulation. Runs the CLI as a child process
 * (`node node/cli/client.ts ...`). Needs `/usr/bin/java` and the `zookeeper` package.
 */
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone } from '../harness/zookeeper-server.ts';
import type { ZooKeeperCluster } from '../harness/zookeeper-server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = 'content/examples/first-program.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['node/cli/client.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run client: the same program on a real server and on the simulation', () => {
  let cluster: ZooKeeperCluster;
  let connect: string;
  let dir: string;

  beforeAll(async () => {
    cluster = await startStandalone();
    connect = cluster.connectString();
    dir = mkdtempSync(join(tmpdir(), 'client-cli-'));
  });
  afterAll(async () => {
    await cluster?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('prints identical output for the first program', async () => {
    const real = await cli(['--target', 'real', '--connect', connect, EXAMPLE]);
    const sim = await cli(['--target', 'sim', EXAMPLE]);
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(sim.code).toBe(0);
    expect(real.stdout).toBe(sim.stdout);
    expect(real.stdout).toContain('watch fired: NodeDataChanged /first-program');
    // Run twice on the same server: the program cleaned up after itself.
    const again = await cli(['--target', 'real', '--connect', connect, EXAMPLE]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(sim.stdout);
  });

  it('reports a KeeperException with its code and line on both targets', async () => {
    const file = join(dir, 'nonode.ts');
    writeFileSync(file, "const zk = await connect();\nconsole.log('connected');\n\nawait zk.getData('/no/such/node');\n");
    const real = await cli(['--target', 'real', '--connect', connect, file]);
    const sim = await cli(['--target', 'sim', file]);
    expect(real.code).toBe(1);
    expect(sim.code).toBe(1);
    expect(real.stdout).toBe('connected\n');
    expect(real.stderr).toContain('threw at line 4: KeeperException NONODE');
    expect(real.stderr).toBe(sim.stderr);
  });

  it('ends a program waiting on a watch that never fires as stuck', async () => {
    const file = join(dir, 'stuck.ts');
    writeFileSync(file, "const zk = await connect();\nawait zk.exists('/never-created', true);\nawait new Promise(() => {});\n");
    const real = await cli(['--target', 'real', '--connect', connect, '--timeout', '1500', file]);
    expect(real.code).toBe(1);
    expect(real.stderr).toContain('stuck: waiting on nothing a ZooKeeper call will settle');
  });
});
