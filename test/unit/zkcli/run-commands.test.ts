import { describe, expect, it } from 'vitest';
import { changedPaths, runCommands } from '../../../playground/zkcli/run-commands.ts';

describe('running a figure’s commands on the simulated server', () => {
  it('records the tree after each command, with real stats and sequence numbers', async () => {
    const run = await runCommands(['create /app "v0"', 'create -s /app/n-', 'create -e -s /app/n-', 'set /app "v1"']);
    expect(run.initial.map((z) => z.path)).toEqual(expect.arrayContaining(['/', '/zookeeper']));
    expect(run.steps.map((s) => s.result)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const last = run.steps[3]!.tree;
    const app = last.find((z) => z.path === '/app')!;
    expect(app.data).toBe('v1');
    expect(app.stat.version).toBe(1);
    expect(app.stat.numChildren).toBe(2);
    expect(app.stat.cversion).toBe(2);
    expect(last.find((z) => z.path === '/app/n-0000000000')!.kind).toBe('PERSISTENT');
    const eph = last.find((z) => z.path === '/app/n-0000000001')!;
    expect(eph.kind).toBe('EPHEMERAL');
    expect(eph.stat.ephemeralOwner).not.toBe('0x0');
    // czxid of the sequential child < mzxid of /app after the set: zxids grow.
    expect(BigInt(app.stat.mzxid)).toBeGreaterThan(BigInt(eph.stat.czxid));
    expect(run.steps[3]!.changed).toEqual(['/app']);
  });

  it('records the server’s error codes and keeps going', async () => {
    const run = await runCommands(['create /a', 'create /a', 'set -v 7 /a "x"', 'create -e /e', 'create /e/child', 'delete /missing', 'delete /a']);
    expect(run.steps.map((s) => s.result)).toEqual(['ok', 'NODEEXISTS', 'BADVERSION', 'ok', 'NOCHILDRENFOREPHEMERALS', 'NONODE', 'ok']);
    expect(run.steps[1]!.changed).toEqual([]);
    expect(run.steps[6]!.changed).toContain('/a');
    expect(run.steps[6]!.tree.some((z) => z.path === '/a')).toBe(false);
  });

  it('is deterministic: the same commands give the same snapshots', async () => {
    const cmds = ['create /x', 'create -s /x/s-', 'create -c /c', 'create -t 1000 /t'];
    expect(JSON.stringify(await runCommands(cmds))).toBe(JSON.stringify(await runCommands(cmds)));
  });

  it('reaps a TTL node once its TTL has passed, on virtual time', async () => {
    const run = await runCommands(['create -t 300 /t', 'sleep 2000']);
    expect(run.steps[0]!.tree.find((z) => z.path === '/t')!.kind).toBe('TTL');
    expect(run.steps[1]!.tree.some((z) => z.path === '/t')).toBe(false);
    expect(run.steps[1]!.changed).toEqual(['/', '/t']);
  });

  it('diffs snapshots by zxids', () => {
    expect(changedPaths([], [])).toEqual([]);
  });
});
