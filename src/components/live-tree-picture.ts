/**
 * What a live tree (<ZnodeTree lab>) shows of a lab's frame: whose tree, its model with who
 * watches each znode and what changed in this step (and, when comparing, what this server
 * lacks), the znodes selected, and its one-line summary. Pure: znode-tree-live.ts draws it at
 * every frame, and first-frame.ts draws it at the run's start at build time.
 */
import type { NodeId } from '../../playground/sim/types.ts';
import type { ZnodeSnapshot } from '../../playground/zkcli/snapshot.ts';
import { buildTreeModel, changedBy, type TreeModel } from '../views/znode-tree-model.ts';
import type { ServerTrees } from '../views/server-trees.ts';
import type { ClusterState } from '../views/trace-digest.ts';

/** The server whose tree "the leader" means now: the up leader, else the first up server. */
export function leaderOrFirst(state: ClusterState, servers: readonly NodeId[]): NodeId {
  const up = servers.filter((s) => state.servers.get(s)?.up);
  return up.find((s) => state.servers.get(s)?.role === 'LEADING') ?? up[0] ?? servers[0]!;
}

/**
 * Watches on paths with no znode (an `exists` on a missing path, or one whose znode was just
 * deleted) have nowhere to be drawn in the tree: they are told in words instead.
 */
function absentWatches(watches: ReadonlyMap<string, readonly string[]>, znodes: readonly { path: string }[]): string {
  const present = new Set(znodes.map((z) => z.path));
  const absent = [...watches].filter(([path]) => !present.has(path));
  return absent.length === 0 ? '' : ` — watching znodes that do not exist: ${absent.map(([path, who]) => `${path} (${who.join(', ')})`).join('; ')}`;
}

/** The part of a lab's frame a live tree reads. */
export interface TreeFrame {
  readonly state: ClusterState;
  readonly servers: readonly NodeId[];
  readonly trees: ServerTrees;
  readonly position: number;
  readonly stepStart: number;
  readonly selectedZxid: string | null;
  readonly generation: number;
}

export interface TreeChoice {
  /** "leader" or a server id (the tree's menu). */
  readonly server: string;
  /** Compare with the leader (the tree's checkbox). */
  readonly compare: boolean;
  /** Every server's watches as client@server (`watches="all"`), or only the shown server's. */
  readonly everyServer: boolean;
  readonly showSystem: boolean;
}

export interface TreePicture {
  readonly server: NodeId;
  readonly tree: { readonly znodes: readonly ZnodeSnapshot[] };
  readonly model: TreeModel;
  /** Changes exactly when the picture does. */
  readonly key: string;
  readonly selected: ReadonlySet<string>;
  /** The line above the tree. */
  readonly now: string;
}

export function treePicture(f: TreeFrame, choice: TreeChoice): TreePicture {
  const leader = leaderOrFirst(f.state, f.servers);
  const server = choice.server === 'leader' ? leader : choice.server;
  const tree = f.trees.treeAt(server, f.position);
  const comparing = choice.compare && server !== leader;
  const other = comparing ? f.trees.treeAt(leader, f.position) : null;
  const v = f.state.servers.get(server);
  // A watch lives on the server its client is connected to. `data-watches="all"` shows
  // every server's, each named client@server (for recipes, where who waits on whom matters
  // more than where).
  const watches = new Map<string, string[]>();
  for (const s of choice.everyServer ? f.servers : [server]) {
    for (const w of f.state.servers.get(s)?.watches ?? []) {
      const list = watches.get(w.path) ?? [];
      const who = choice.everyServer ? `${w.client}@${s}` : w.client;
      list.push(w.kind === 'data' ? who : `${who}(${w.kind})`);
      watches.set(w.path, list);
    }
  }
  const watchKey = [...watches].map(([p, l]) => `${p}=${l.join(',')}`).join(';');
  const key = `${f.generation}|${server}|${tree.ops}|${other?.ops ?? -1}|${watchKey}|${f.selectedZxid}|${f.stepStart}|${f.position}|${v?.up}`;
  const changed = f.trees.changedBetween(server, f.stepStart, f.position);
  const owners = new Map([...f.state.clients.values()].filter((c) => c.session !== '0x0').map((c) => [c.session, c.id]));
  const model = buildTreeModel(tree.znodes, changed, {
    hideSystemChildren: !choice.showSystem,
    watches,
    owners,
    ...(other ? { compare: other.znodes } : {}),
  });
  const lagging = model.nodes.filter((n) => n.lag !== null).length;
  const now =
    `${server}${server === leader && v?.role === 'LEADING' ? ' (leader)' : ''}${v && !v.up ? ' — down; its tree as of the crash' : ''}: ${tree.znodes.length} znodes, last applied zxid ${tree.lastZxid}` +
    (comparing ? (lagging > 0 ? ` — ${lagging} znode(s) behind ${leader}` : ` — same as ${leader}`) : '') +
    absentWatches(watches, tree.znodes);
  return { server, tree, model, key, selected: f.selectedZxid === null ? new Set() : changedBy(f.selectedZxid, tree.znodes), now };
}
