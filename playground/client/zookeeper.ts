/**
 * The client on the simulation: `SimZooKeeper` is the one client (`client.ts`) over the
 * simulated client node (`client-node.ts`), which it drives with commands (`sim.request`)
 * and listens to (`sim.onOutput`). Also the module reader code's API comes from: it
 * re-exports the public types (`api.ts`), create modes, ACL constants and errors.
 *
 * Usage:
 * ```ts
 * const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
 * const path = await zk.create('/app', 'hello', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
 * const { data, stat } = await zk.getData('/app', (e) => console.log(e.type, e.path));
 * ```
 *
 * Imports the kernel (Simulation type, nothing else), the client node, the one client and
 * zk modules.
 */
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { CREATOR_ALL_ACL, OPEN_ACL_UNSAFE, Perms, READ_ACL_UNSAFE } from '../zk/acl.ts';
import type { ACL, Id } from '../zk/acl.ts';
import { Code, IllegalArgumentException, KeeperException } from '../zk/errors.ts';
import { CreateMode } from '../zk/stat.ts';
import type { Stat } from '../zk/stat.ts';
import type { EventType, KeeperState } from '../zk/watch-manager.ts';
import type { Watcher } from './api.ts';
import { ZooKeeper } from './client.ts';
import { ClientNode } from './client-node.ts';
import type { ClientCommand, ClientOutput } from './client-node.ts';
import { checkJuteMaxBuffer } from './packet-length.ts';
import { ConnectedWaiters } from './connected-waiters.ts';
import type { ClientRequest, ClientTransport, Dispatch, Reply, States, WatchDeregistration, WatchRegistration } from './transport.ts';

export { CreateMode, Perms, OPEN_ACL_UNSAFE, CREATOR_ALL_ACL, READ_ACL_UNSAFE, KeeperException, IllegalArgumentException };
export type { ACL, Id, Stat, States, EventType, KeeperState };
export { Op, decode } from './api.ts';
export type { AddWatchMode, DataInput, OpResult, Transaction, Watcher, WatcherEvent, WatcherType, ZooKeeperClient } from './api.ts';
export { ZooKeeper } from './client.ts';

/** Options for `createClient` / `connect`. */
export interface ClientOptions {
  /** The client's node id in the simulation (`c1`, ...). */
  readonly id: NodeId;
  /** Servers of the connect string. */
  readonly servers: readonly NodeId[];
  /** Requested session timeout (ms). Default 30000. */
  readonly sessionTimeoutMs?: number;
  /** The default watcher (connection-state events, and watches set with `watch: true`). */
  readonly watcher?: Watcher;
  /** Shuffle the server list (default true, as the real client). */
  readonly shuffle?: boolean;
  /**
   * The client's own `jute.maxbuffer` (bytes, default 1048575): a reply longer than this
   * closes the connection as the Java client does ("Packet len N is out of range!"), so the
   * call fails with CONNECTIONLOSS and the client reconnects.
   */
  readonly juteMaxBuffer?: number;
}

const handles = new WeakMap<Simulation, Map<NodeId, number>>();
const pendingBySim = new WeakMap<Simulation, Map<number, string>>();
const reqIdsBySim = new WeakMap<Simulation, { next: number }>();

/** Request ids count per simulation, so a run's trace does not depend on earlier runs in the process. */
function nextReqIdFor(sim: Simulation): number {
  let c = reqIdsBySim.get(sim);
  if (c === undefined) reqIdsBySim.set(sim, (c = { next: 1 }));
  return c.next++;
}

/** What client calls are still waiting (for `runAsync`'s `describePending`). */
export function pendingCalls(sim: Simulation): string[] {
  return [...(pendingBySim.get(sim)?.values() ?? [])];
}

/**
 * A new handle, connecting in the background (state CONNECTING). Reuses the client node
 * `options.id` if it exists (a new session for the same client), else adds it.
 */
export function createClient(sim: Simulation, options: ClientOptions): SimZooKeeper {
  return new SimZooKeeper(sim, options);
}

/** A new handle, resolved once the session is established (rejects if it cannot be). */
export async function connect(sim: Simulation, options: ClientOptions): Promise<SimZooKeeper> {
  const zk = new SimZooKeeper(sim, options);
  await zk.whenConnected();
  return zk;
}

type NodeReply = Extract<ClientOutput, { kind: 'reply' }>;

/**
 * The simulated transport: one handle's commands to the client node `options.id` and its
 * outputs back (replies by request id, state changes, events with their watcher ids).
 */
class SimTransport implements ClientTransport {
  private readonly sim: Simulation;
  private readonly id: NodeId;
  private readonly handle: number;
  private readonly dispatch: Dispatch;
  private readonly waiting = new Map<number, { resolve: (o: NodeReply) => void }>();
  private readonly connected = new ConnectedWaiters();
  private stateNow: States = 'CONNECTING';
  private session = 0n;
  private timeout = 0;

  constructor(sim: Simulation, options: ClientOptions, juteMaxBuffer: number, dispatch: Dispatch) {
    this.sim = sim;
    this.id = options.id;
    this.dispatch = dispatch;
    let byId = handles.get(sim);
    if (byId === undefined) handles.set(sim, (byId = new Map()));
    this.handle = (byId.get(options.id) ?? 0) + 1;
    byId.set(options.id, this.handle);
    sim.onOutput((from, value) => {
      if (from === this.id) this.onOutput(value as ClientOutput);
    });
    if (!sim.nodeIds().includes(options.id)) {
      const servers = options.servers;
      const shuffle = options.shuffle ?? true;
      sim.addNode(options.id, (id) => new ClientNode(id, { servers, shuffle }));
    }
    this.command({ cmd: 'connect', handle: this.handle, sessionTimeoutMs: options.sessionTimeoutMs ?? 30000, juteMaxBuffer });
  }

  get state(): States {
    return this.stateNow;
  }
  get sessionId(): bigint {
    return this.session;
  }
  get sessionTimeout(): number {
    return this.timeout;
  }

  whenConnected(): Promise<void> {
    return this.connected.wait(this.stateNow);
  }

  private command(c: ClientCommand): void {
    this.sim.request(this.id, c);
  }

  private onOutput(o: ClientOutput): void {
    if (o.handle !== this.handle) return;
    if (o.kind === 'reply') {
      const w = this.waiting.get(o.reqId);
      if (w !== undefined) {
        this.waiting.delete(o.reqId);
        pendingBySim.get(this.sim)?.delete(o.reqId);
        w.resolve(o);
      }
      return;
    }
    if (o.kind === 'state') {
      this.stateNow = o.state;
      this.session = o.sessionId;
      this.timeout = o.timeout;
      this.connected.settle(o.state);
      return;
    }
    this.dispatch(o.watchers, o.event);
  }

  submit(req: ClientRequest, describe: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Reply> {
    // The simulated server has no multiRead (ZooKeeper 3.6+): refused here, nothing is sent.
    if (req.op === 'multiRead') return Promise.resolve({ err: Code.UNIMPLEMENTED });
    // The simulated client has always asked for the stat on a plain create (create2); the
    // runs' traces, and so every shared link, keep that opcode.
    const sent = req.op === 'create' && req.opcode === 'create' ? { ...req, opcode: 'create2' as const } : req;
    const reqId = nextReqIdFor(this.sim);
    let pend = pendingBySim.get(this.sim);
    if (pend === undefined) pendingBySim.set(this.sim, (pend = new Map()));
    pend.set(reqId, `${this.id}: ${describe}`);
    const p = new Promise<NodeReply>((resolve) => this.waiting.set(reqId, { resolve }));
    this.command({ cmd: 'submit', handle: this.handle, reqId, req: sent, ...(watch ? { watch } : {}), ...(unwatch ? { unwatch } : {}) });
    return p;
  }

  dropConnection(): void {
    this.command({ cmd: 'dropConnection', handle: this.handle });
  }

  addAuthInfo(scheme: string, auth: Uint8Array): Promise<void> {
    const reqId = nextReqIdFor(this.sim);
    const p = new Promise<NodeReply>((resolve) => this.waiting.set(reqId, { resolve }));
    this.command({ cmd: 'addAuthInfo', handle: this.handle, reqId, scheme, auth });
    return p.then(() => undefined);
  }

  close(): Promise<void> {
    const reqId = nextReqIdFor(this.sim);
    const p = new Promise<NodeReply>((resolve) => this.waiting.set(reqId, { resolve }));
    this.command({ cmd: 'close', handle: this.handle, reqId });
    return p.then(() => undefined);
  }
}

/** The one client over the simulated client node `options.id`. */
export class SimZooKeeper extends ZooKeeper<SimTransport> {
  readonly sim: Simulation;
  readonly id: NodeId;

  constructor(sim: Simulation, options: ClientOptions) {
    const juteMaxBuffer = checkJuteMaxBuffer(options.juteMaxBuffer);
    super(options.watcher, (dispatch) => new SimTransport(sim, options, juteMaxBuffer, dispatch));
    this.sim = sim;
    this.id = options.id;
  }

  /** Simulation helper: drop the TCP connection now (the client reconnects, same session). */
  dropConnection(): void {
    this.transport.dropConnection();
  }
}
