/**
 * A client node driven synchronously: the workloads' handle on one `ClientNode`.
 *
 * It adds the client library's state machine to the simulation, connects it, and sends it
 * `ClientCommand`s (`sim.request`); replies, watch events and state changes come back
 * through a synchronous `sim.onOutput` listener and are handed to callbacks. Nothing here
 * awaits a promise: a view steps the kernel one event at a time, and a promise continuation
 * would run at a moment that depends on how events are batched. With callbacks, a run is a
 * plain function of the seed and the inputs, event for event. When a session expires the
 * driver opens a new one (a new handle), as an application would.
 *
 * Imports the kernel (types), the client node and zk request shapes. No clock, no
 * randomness, no DOM.
 */

import { ClientNode } from '../client/client-node.ts';
import type { ClientCommand, ClientOutput, States, WatchRegistration } from '../client/client-node.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import type { Request, Response } from '../zk/protocol.ts';
import type { WatchedEvent } from '../zk/watch-manager.ts';

export type ReplyHandler = (err: number, body: Response | undefined) => void;

export interface DrivenClientOptions {
  /** The connect string, tried in this order (no shuffle, so a scenario knows who connects where). */
  readonly servers: readonly NodeId[];
  /** Requested session timeout, ms. Default 6000. */
  readonly sessionTimeoutMs?: number;
}

export class DrivenClient {
  readonly id: NodeId;
  private readonly sim: Simulation;
  private readonly sessionTimeoutMs: number;
  private handle = 1;
  private nextReqId = 1;
  private readonly pending = new Map<number, ReplyHandler>();
  private readonly eventHandlers: ((e: WatchedEvent) => void)[] = [];
  private readonly stateHandlers: ((s: States) => void)[] = [];
  state: States = 'NOT_CONNECTED';
  /** Sessions opened so far (1 + the number of expiries survived). */
  sessions = 1;

  constructor(sim: Simulation, id: NodeId, options: DrivenClientOptions) {
    this.sim = sim;
    this.id = id;
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? 6000;
    const servers = [...options.servers];
    sim.addNode(id, (nid) => new ClientNode(nid, { servers, shuffle: false }));
    sim.onOutput((from, value) => {
      if (from === id) this.onOutput(value as ClientOutput);
    });
    this.command({ cmd: 'connect', handle: this.handle, sessionTimeoutMs: this.sessionTimeoutMs });
  }

  /** Submit a request; `onReply` runs (inside a kernel step) when the reply or an error arrives. */
  submit(req: Request, onReply: ReplyHandler = () => {}, watch?: WatchRegistration): void {
    const reqId = this.nextReqId++;
    this.pending.set(reqId, onReply);
    this.command({ cmd: 'submit', handle: this.handle, reqId, req, ...(watch ? { watch } : {}) });
  }

  onEvent(handler: (e: WatchedEvent) => void): void {
    this.eventHandlers.push(handler);
  }

  onState(handler: (s: States) => void): void {
    this.stateHandlers.push(handler);
  }

  /** Wake `fn` after `ms` of virtual time (a traced `wake` labelled with this client). */
  later(ms: number, what: string, fn: () => void): void {
    this.sim.at(ms, `${this.id} ${what}`, fn);
  }

  private command(c: ClientCommand): void {
    this.sim.request(this.id, c);
  }

  private onOutput(o: ClientOutput): void {
    if (o.kind === 'reply') {
      const handler = this.pending.get(o.reqId);
      if (handler === undefined) return;
      this.pending.delete(o.reqId);
      handler(o.err, o.body);
      return;
    }
    if (o.handle !== this.handle) return;
    if (o.kind === 'event') {
      for (const h of [...this.eventHandlers]) h(o.event);
      return;
    }
    this.state = o.state;
    for (const h of [...this.stateHandlers]) h(o.state);
    if (o.state === 'CLOSED') {
      // The session expired: open a new one, as an application would.
      this.handle++;
      this.sessions++;
      this.command({ cmd: 'connect', handle: this.handle, sessionTimeoutMs: this.sessionTimeoutMs });
    }
  }
}
