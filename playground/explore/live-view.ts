/**
 * What the explorer knows about a running simulation, read from its trace as it grows
 * (never from node state): each server's Zab state, who is up, and which server each client
 * is connected to. The fault generator aims its faults with it ("crash the leader"), and the
 * liveness phase asks it whether a leader is established with a quorum.
 *
 * Imports the kernel's trace types only.
 */

import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';

export interface ServerView {
  state: string;
  phase: string;
  epoch: number;
  up: boolean;
}

export class LiveView {
  private cursor = 0;
  readonly servers = new Map<NodeId, ServerView>();
  readonly clientServer = new Map<NodeId, NodeId | null>();
  private readonly serverIds: ReadonlySet<NodeId>;
  private readonly clientIds: ReadonlySet<NodeId>;

  constructor(servers: readonly NodeId[], clients: readonly NodeId[]) {
    this.serverIds = new Set(servers);
    this.clientIds = new Set(clients);
    for (const s of servers) this.servers.set(s, { state: 'LOOKING', phase: 'ELECTION', epoch: 0, up: true });
  }

  /** Read the trace events appended since the last call. */
  update(trace: readonly TraceEvent[]): void {
    for (; this.cursor < trace.length; this.cursor++) {
      const e = trace[this.cursor]!;
      switch (e.kind) {
        case 'protocol':
          if (e.event.type === 'zab.state' && this.serverIds.has(e.node)) {
            const v = this.servers.get(e.node)!;
            v.state = String(e.event['state']);
            v.phase = String(e.event['phase']);
            v.epoch = Number(e.event['epoch']);
          }
          break;
        case 'crash':
          if (this.serverIds.has(e.node)) {
            const v = this.servers.get(e.node)!;
            v.up = false;
            v.state = 'DOWN';
          }
          if (this.clientIds.has(e.node)) this.clientServer.set(e.node, null);
          break;
        case 'restart':
          if (this.serverIds.has(e.node)) Object.assign(this.servers.get(e.node)!, { up: true, state: 'LOOKING', phase: 'ELECTION' });
          break;
        case 'connected':
          if (this.clientIds.has(e.node) && this.serverIds.has(e.peer)) this.clientServer.set(e.node, e.peer);
          break;
        case 'disconnected':
        case 'close':
          if (this.clientIds.has(e.node) && this.clientServer.get(e.node) === e.peer) this.clientServer.set(e.node, null);
          break;
        default:
          break;
      }
    }
  }

  up(): NodeId[] {
    return [...this.servers].filter(([, v]) => v.up).map(([id]) => id);
  }

  down(): NodeId[] {
    return [...this.servers].filter(([, v]) => !v.up).map(([id]) => id);
  }

  /** The up server leading the highest epoch, if any. */
  leader(): NodeId | undefined {
    let best: [NodeId, ServerView] | undefined;
    for (const entry of this.servers) {
      const v = entry[1];
      if (v.up && v.state === 'LEADING' && (best === undefined || v.epoch > best[1].epoch)) best = entry;
    }
    return best?.[0];
  }

  followers(): NodeId[] {
    const leader = this.leader();
    return this.up().filter((s) => s !== leader);
  }

  /** The server `client` is connected to, if any. */
  clientOf(client: NodeId): NodeId | undefined {
    return this.clientServer.get(client) ?? undefined;
  }

    /** Clients currently connected to `server`. */
  clientsOf(server: NodeId): NodeId[] {
    return [...this.clientServer].filter(([, s]) => s === server).map(([c]) => c);
  }

  /** A leader in BROADCAST with a quorum of the voters in BROADCAST of its epoch. */
  establishedQuorum(voters: number): NodeId | undefined {
    const leader = this.leader();
    if (leader === undefined) return undefined;
    const lv = this.servers.get(leader)!;
    if (lv.phase !== 'BROADCAST') return undefined;
    let n = 0;
    for (const v of this.servers.values()) {
      if (v.up && v.phase === 'BROADCAST' && v.epoch === lv.epoch && (v.state === 'LEADING' || v.state === 'FOLLOWING')) n++;
    }
    return n * 2 > voters ? leader : undefined;
  }
}
