/**
 * `runProgram` on the simulated target: output in order, thrown errors with the reader's
 * line and KeeperException code, stuck programs, clients closed at the end, and the book's
 * first program's output (`content/examples/first-program.out`, which the real-server test
 * also compares against).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../../playground/programs/compile.ts';
import { describeStatus, runProgram } from '../../../playground/programs/run-program.ts';
import { simTarget } from '../../../playground/programs/sim-target.ts';
import type { SimTarget } from '../../../playground/programs/sim-target.ts';
import type { RunResult } from '../../../playground/programs/program.ts';
import type { ZooKeeperServer } from '../../../playground/zk/server.ts';

const ROOT = new URL('../../../', import.meta.url);

async function run(source: string, target: SimTarget = simTarget()): Promise<RunResult> {
  const c = compileProgram(source);
  if (!c.ok) throw new Error(`compile error: ${JSON.stringify(c.error)}`);
  return runProgram(c.js, target);
}

const text = (r: RunResult): string[] => r.output.map((l) => `${l.stream}: ${l.text}`);

describe('runProgram on the simulation', () => {
  it('captures console output in order, formatted the same on every host', async () => {
    const r = await run(`
      console.log('one', 2, 3n, true, null, undefined);
      console.info({ a: 'x', 'b-c': [1, 2] });
      console.warn(new Uint8Array([104, 105]));
      await sleep(1000);
      console.error(new Map([['k', 1]]), new Set([1]));
      console.log(decode(new Uint8Array([104, 105])));
    `);
    expect(r.status).toEqual({ kind: 'finished' });
    expect(text(r)).toEqual([
      'log: one 2 3n true null undefined',
      "info: { a: 'x', 'b-c': [ 1, 2 ] }",
      'warn: Uint8Array(2) [ 104, 105 ]',
      "error: Map(1) { 'k' => 1 } Set(1) { 1 }",
      'log: hi',
    ]);
  });

  it('reports a KeeperException with its code and the line of the call that failed', async () => {
    const r = await run("const zk = await connect();\nconsole.log('connected');\n\nawait zk.getData('/missing');\nconsole.log('not reached');\n");
    expect(text(r)).toEqual(['log: connected']);
    expect(r.status).toEqual({ kind: 'threw', name: 'KeeperException', code: 'NONODE', message: 'KeeperErrorCode = NONODE for /missing', line: 4 });
    expect(describeStatus(r.status)).toBe('threw at line 4: KeeperException NONODE: KeeperErrorCode = NONODE for /missing');
  });

  it('reports the line of a call the client refuses synchronously, and of a throw in reader code', async () => {
    const bad = await run("const zk = await connect();\nawait zk.create('no-slash', 'x');\n");
    expect(bad.status).toMatchObject({ kind: 'threw', name: 'IllegalArgumentException', code: 'ILLEGAL_ARGUMENT', line: 2 });
    const own = await run("function check(n: number) {\n  if (n > 2) throw new RangeError('too big: ' + n);\n}\ncheck(1);\ncheck(3);\n");
    expect(own.status).toEqual({ kind: 'threw', name: 'RangeError', message: 'too big: 3', line: 2 });
  });

  it('gives the program a handle with the client API only (never the simulation behind it), a frozen console and frozen constant tables', async () => {
    const r = await run(`
      const zk = await connect();
      const h = zk as unknown as Record<string, unknown>;
      console.log(Object.keys(zk).sort().join(','));
      console.log(String(h['sim']), String(Object.getOwnPropertyDescriptor(zk, 'sim')), String(Object.getPrototypeOf(zk) === Object.prototype));
      console.log(String(h['dropConnection']), String(Object.isFrozen(zk)));
      try { h['create'] = null; } catch (e) { console.log((e as Error).name); }
      console.log(zk.state, typeof zk.sessionId, await zk.create('/a', 'x'));
      const log = console.log;
      try { (console as unknown as Record<string, unknown>)['log'] = () => {}; } catch { /* frozen */ }
      try { (CreateMode as unknown as Record<string, string>)['EPHEMERAL'] = 'PERSISTENT'; } catch { /* frozen */ }
      console.log(String(console.log === log), CreateMode.EPHEMERAL, String(Object.isFrozen(OPEN_ACL_UNSAFE[0])));
    `);
    expect(r.status).toEqual({ kind: 'finished' });
    expect(text(r)).toEqual([
      'log: addAuthInfo,addWatch,close,create,createWithStat,delete,exists,getACL,getAllChildrenNumber,getChildren,getChildrenWithStat,getData,getEphemerals,multi,removeAllWatches,removeWatches,sessionId,sessionTimeout,setACL,setData,state,sync,transaction',
      'log: undefined undefined true',
      'log: undefined true',
      'log: TypeError',
      'log: CONNECTED bigint /a',
      'log: true EPHEMERAL true',
    ]);
  });

  it('ends a program waiting on a watch that never fires as stuck, with a clear message', async () => {
    const r = await run("const zk = await connect();\nawait zk.create('/a', 'x');\nawait new Promise<void>((resolve) => zk.getData('/a', () => resolve()));\n");
    expect(r.status.kind).toBe('stuck');
    if (r.status.kind === 'stuck') {
      expect(r.status.message).toMatch(/^waiting on nothing a ZooKeeper call will settle \(a watch that never fires\?/);
      expect(r.status.message).toContain('of virtual time');
    }
  });

  it('names the calls a stuck program is waiting on', async () => {
    const target = simTarget();
    target.sim.crash('s1');
    const r = await run("console.log('connecting');\nconst zk = await connect();\n", target);
    expect(text(r)).toEqual(['log: connecting']);
    expect(r.status.kind).toBe('stuck');
    if (r.status.kind === 'stuck') expect(r.status.message).toMatch(/^waiting on connect\(\) \(client 1\)/);
  });

  it('closes the clients the program left open (their ephemerals go away)', async () => {
    const target = simTarget();
    const r = await run("const zk = await connect();\nawait zk.create('/mine', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);\nconsole.log(zk.state, (await zk.exists('/mine')) !== null);\n", target);
    expect(text(r)).toEqual(['log: CONNECTED true']);
    const server = target.sim.instanceOf('s1') as ZooKeeperServer;
    expect(server.tree.paths()).not.toContain('/mine');
  });

  it('prints an async watcher that rejects (a failed call inside it) instead of leaving the rejection unhandled', async () => {
    const r = await run(
      [
        'const zk = await connect();',
        "await zk.create('/w', 'x');",
        "await zk.getData('/w', async () => {",
        "  await zk.getData('/missing');",
        '});',
        "await zk.setData('/w', 'y');",
        'await sleep(100);',
        "console.log('still running');",
      ].join('\n'),
    );
    expect(r.status).toEqual({ kind: 'finished' });
    expect(text(r)).toEqual(['error: a watcher threw at line 4: KeeperException: KeeperErrorCode = NONODE for /missing', 'log: still running']);
  });

  it('closes them after a throw too, and prints a throwing watcher instead of swallowing it', async () => {
    const target = simTarget();
    const r = await run(
      [
        'const zk = await connect();',
        "await zk.create('/w', 'x');",
        "await zk.create('/e', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);",
        "await zk.getData('/w', (e) => {",
        "  throw new Error('watcher failed on ' + e.path);",
        '});',
        "await zk.setData('/w', 'y');",
        "throw new Error('done');",
      ].join('\n'),
      target,
    );
    expect(text(r)).toEqual(['error: a watcher threw at line 5: Error: watcher failed on /w']);
    expect(r.status).toMatchObject({ kind: 'threw', message: 'done', line: 8 });
    expect((target.sim.instanceOf('s1') as ZooKeeperServer).tree.paths()).not.toContain('/e');
  });

  it('shadows wall-clock timers and keeps the runner scope out of reach', async () => {
    const r = await run("setTimeout(() => {}, 10);\n");
    expect(r.status).toMatchObject({ kind: 'threw', line: 1 });
    if (r.status.kind === 'threw') expect(r.status.message).toContain('await sleep(ms)');
    const scope = await run("console.log(typeof runProgram, typeof compileProgram, typeof sim, typeof connect, typeof Op.create);\n");
    expect(text(scope)).toEqual(['log: undefined undefined undefined function function']);
  });

  it("runs the book's first program and prints what the text expects, the same for every seed", async () => {
    const source = readFileSync(new URL('content/examples/first-program.ts', ROOT), 'utf8');
    const expected = readFileSync(new URL('content/examples/first-program.out', ROOT), 'utf8');
    const r1 = await run(source, simTarget({ seed: 1 }));
    const r2 = await run(source, simTarget({ seed: 42 }));
    expect(r1.status).toEqual({ kind: 'finished' });
    expect(r1.output.every((l) => l.stream === 'log')).toBe(true);
    expect(r1.output.map((l) => l.text).join('\n') + '\n').toBe(expected);
    expect(r2.output).toEqual(r1.output);
    expect(expected).toContain('watch fired: NodeDataChanged /first-program');
    expect(expected).toContain('watch events seen: 1');
  });
});
