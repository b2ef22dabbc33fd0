/**
 * Runs a figure's zkCli-style commands against a fresh simulated ZooKeeper server and
 * keeps a snapshot of the server's data tree after each one.
 *
 * This is how a <ZnodeTree> figure gets its data: nothing is scripted, every stat, sequence
 * number and error is what the simulated server (playground/zk, held to real ZooKeeper's
 * records by the conformance tests) answered. One client session issues every command, as
 * one zkCli.sh would. Runs on virtual time through the async driver, so it is deterministic
 * and takes milliseconds of wall-clock time.
 * May import sim, zk, client and the ensemble presets (its server is the `figure` preset);
 * no DOM, no Node.
 */
import { Simulation } from '../sim/simulation.ts';
import { runAsync, sleep } from '../sim/async-driver.ts';
import { connect, decode, pendingCalls } from '../client/index.ts';
import type { SimZooKeeper } from '../client/index.ts';
import type { ZooKeeperServer } from '../zk/server.ts';
import { buildEnsemble } from '../zab/presets.ts';
import { parseCommand } from './command.ts';
import type { Command } from './command.ts';
import { decimalZxid, treeToSnapshot } from './snapshot.ts';
import type { CommandStep, ZnodeSnapshot } from './snapshot.ts';

const SERVER = 's1';

/** Plain-words reasons for the errors a figure is likely to show. */
const WHY: Record<string, string> = {
  NODEEXISTS: 'the node already exists',
  NONODE: 'no such node (or its parent is missing)',
  NOTEMPTY: 'the node has children',
  NOCHILDRENFOREPHEMERALS: 'ephemeral nodes cannot have children',
  BADVERSION: 'the expected version does not match the node’s version',
  BADARGUMENTS: 'the server refused the arguments',
  ILLEGAL_ARGUMENT: 'the client refused the path before sending it',
};

/** The server's tree as a figure snapshot (decimal zxids: the counters readers predict). */
export function snapshotTree(server: ZooKeeperServer): ZnodeSnapshot[] {
  return treeToSnapshot(server.tree, decimalZxid);
}

/** Paths created, deleted, or whose data/children/ACL changed between two snapshots. */
export function changedPaths(before: readonly ZnodeSnapshot[], after: readonly ZnodeSnapshot[]): string[] {
  const old = new Map(before.map((z) => [z.path, z]));
  const changed: string[] = [];
  for (const z of after) {
    const o = old.get(z.path);
    if (!o || o.stat.mzxid !== z.stat.mzxid || o.stat.pzxid !== z.stat.pzxid || o.stat.aversion !== z.stat.aversion) changed.push(z.path);
    old.delete(z.path);
  }
  return [...changed, ...old.keys()];
}

async function execute(zk: SimZooKeeper, sim: Simulation, c: Command): Promise<string> {
  switch (c.op) {
    case 'create': {
      const { path, stat } = await zk.createWithStat(c.path, c.data, undefined, c.mode, c.ttl ?? -1);
      return `created ${path} (czxid ${stat.czxid})`;
    }
    case 'set': {
      const stat = await zk.setData(c.path, c.data, c.version);
      return `version is now ${stat.version} (mzxid ${stat.mzxid})`;
    }
    case 'delete':
      await zk.delete(c.path, c.version);
      return `deleted ${c.path}`;
    case 'get': {
      const { data, stat } = await zk.getData(c.path);
      return `${data === null ? 'null' : JSON.stringify(decode(data))} at version ${stat.version}`;
    }
    case 'sleep':
      await sleep(sim, c.ms);
      return `${c.ms} ms passed`;
  }
}

export interface FigureRun {
  /** The tree before the first command (after the session was created). */
  initial: ZnodeSnapshot[];
  steps: CommandStep[];
}

/** Parse and run `commands` in order; a command that fails is recorded with its error code, and the run goes on. */
export async function runCommands(commands: readonly string[], seed = 1): Promise<FigureRun> {
  const parsed = commands.map((text) => parseCommand(text));
  const sim = new Simulation({ seed });
  buildEnsemble(sim, { preset: 'figure' }); // TTL nodes allowed, a quick reaper
  const server = () => sim.instanceOf(SERVER) as ZooKeeperServer;
  const steps: CommandStep[] = [];
  let initial: ZnodeSnapshot[] = [];
  const outcome = await runAsync(
    sim,
    async () => {
      const zk = await connect(sim, { id: 'zkCli', servers: [SERVER], sessionTimeoutMs: 30000 });
      initial = snapshotTree(server());
      for (const c of parsed) {
        const before = steps.length > 0 ? steps[steps.length - 1]!.tree : initial;
        let result = 'ok';
        let message: string;
        try {
          message = await execute(zk, sim, c);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (typeof code !== 'string') throw err;
          result = code;
          message = `${code}: ${WHY[code] ?? (err as Error).message}`;
        }
        const tree = snapshotTree(server());
        steps.push({ command: c.text, result, message, tree, changed: changedPaths(before, tree) });
      }
    },
    { describePending: () => pendingCalls(sim), maxTimeMs: 10 * 60 * 1000 },
  );
  if (!outcome.ok) {
    throw 'stuck' in outcome ? new Error(outcome.stuck) : outcome.error;
  }
  return { initial, steps };
}
