/**
 * Drives a workload's clients on a simulation: adds one client node per plan (the client
 * library's `ClientNode`, the state machine behind `createClient`), connects it, and issues
 * its planned operations as client commands — closed loop (the next one after the previous
 * reply and a think time) unless an op is marked `pipeline`. A `sync-read` is a sync and,
 * once it succeeds, a getData of the same path. When a session expires the client opens a
 * new one and carries on. Driving the node with commands (not promises) keeps the run a
 * plain function of the seed, with request ids numbered per run.
 *
 * Imports the kernel, the client node and zk request shapes.
 */

import { ClientNode } from '../client/client-node.ts';
import type { ClientCommand, ClientOutput, WatchRegistration } from '../client/client-node.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { utf8Encode } from '../zk/bytes.ts';
import type { Request } from '../zk/protocol.ts';
import type { ClientPlan, PlannedOp, Workload } from './spec.ts';

interface Outstanding {
  readonly client: NodeId;
  readonly what: string;
  readonly issuedAt: number;
  /** The second half of a sync-read, issued when the sync succeeds. */
  readonly then?: Request;
  readonly thenWatch?: WatchRegistration;
}

class ClientRun {
  readonly plan: ClientPlan;
  handle = 1;
  next = 0;
  written = 0;
  outstanding = 0;
  scheduled = false;
  constructor(plan: ClientPlan) {
    this.plan = plan;
  }
}

export class WorkloadDriver {
  private readonly sim: Simulation;
  private readonly runs = new Map<NodeId, ClientRun>();
  private readonly pending = new Map<number, Outstanding>();
  private nextReqId = 1;
  private stopped = false;

  constructor(sim: Simulation, workload: Workload) {
    this.sim = sim;
    for (const plan of workload.clients) this.runs.set(plan.id, new ClientRun(plan));
    sim.onOutput((from, value) => {
      const run = this.runs.get(from);
      if (run !== undefined) this.onOutput(run, value as ClientOutput);
    });
  }

  get clients(): NodeId[] {
    return [...this.runs.keys()];
  }

  /** Add the client nodes, connect them and start their operations. */
  start(): void {
    for (const run of this.runs.values()) {
      const servers = run.plan.servers;
      this.sim.addNode(run.plan.id, (id) => new ClientNode(id, { servers, shuffle: false }));
      this.command(run, { cmd: 'connect', handle: run.handle, sessionTimeoutMs: run.plan.sessionTimeoutMs });
      this.schedule(run, run.plan.ops[0]?.thinkMs ?? 0);
    }
  }

  /** Issue nothing new from now on (the liveness phase); outstanding requests still complete. */
  stop(): void {
    this.stopped = true;
  }

  /** Requests still waiting for a reply, described. */
  waiting(): string[] {
    return [...this.pending.values()].map((p) => `${p.client}: ${p.what} (issued at t=${p.issuedAt})`);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  private command(run: ClientRun, c: ClientCommand): void {
    this.sim.request(run.plan.id, c);
  }

  private schedule(run: ClientRun, afterMs: number): void {
    if (this.stopped || run.scheduled || run.next >= run.plan.ops.length) return;
    run.scheduled = true;
    this.sim.at(afterMs, `${run.plan.id} next op`, () => this.issueNext(run));
  }

  private issueNext(run: ClientRun): void {
    run.scheduled = false;
    if (this.stopped || run.next >= run.plan.ops.length) return;
    const op = run.plan.ops[run.next++]!;
    this.issue(run, op);
    const following = run.plan.ops[run.next];
    if (following?.pipeline === true) this.schedule(run, following.thinkMs);
  }

  private issue(run: ClientRun, op: PlannedOp): void {
    const path = op.path;
    const value = (): Uint8Array => utf8Encode(`${run.plan.id}-${++run.written}`);
    let req: Request;
    let watch: WatchRegistration | undefined;
    let then: Request | undefined;
    switch (op.op) {
      case 'create':
        req = { op: 'create', opcode: 'create2', path, data: value(), acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 };
        break;
      case 'setData':
        req = { op: 'setData', path, data: value(), version: -1 };
        break;
      case 'delete':
        req = { op: 'delete', path, version: -1 };
        break;
      case 'getData':
        req = { op: 'getData', path, watch: op.watch === true };
        if (op.watch === true) watch = { kind: 'data', path, watcher: 0 };
        break;
      case 'exists':
        req = { op: 'exists', path, watch: op.watch === true };
        if (op.watch === true) watch = { kind: 'exist', path, watcher: 0 };
        break;
      case 'getChildren':
        req = { op: 'getChildren', path, watch: op.watch === true };
        if (op.watch === true) watch = { kind: 'child', path, watcher: 0 };
        break;
      case 'sync-read':
        req = { op: 'sync', path };
        then = { op: 'getData', path, watch: false };
        break;
    }
    this.submit(run, req, watch, then);
  }

  private submit(run: ClientRun, req: Request, watch?: WatchRegistration, then?: Request): void {
    const reqId = this.nextReqId++;
    const what = `${req.op}${'path' in req ? ' ' + req.path : ''}`;
    this.pending.set(reqId, { client: run.plan.id, what, issuedAt: this.sim.now, ...(then ? { then } : {}) });
    run.outstanding++;
    this.command(run, { cmd: 'submit', handle: run.handle, reqId, req, ...(watch ? { watch } : {}) });
  }

  private onOutput(run: ClientRun, o: ClientOutput): void {
    if (o.kind === 'state') {
      if (o.state === 'CLOSED' && o.handle === run.handle && !this.stopped) {
        // The session expired: open a new one, as an application would.
        run.handle++;
        this.command(run, { cmd: 'connect', handle: run.handle, sessionTimeoutMs: run.plan.sessionTimeoutMs });
      }
      return;
    }
    if (o.kind !== 'reply') return;
    const p = this.pending.get(o.reqId);
    if (p === undefined) return;
    this.pending.delete(o.reqId);
    run.outstanding--;
    if (p.then !== undefined && o.err === 0 && !this.stopped) {
      this.submit(run, p.then);
      return;
    }
    const following = run.plan.ops[run.next];
    if (run.outstanding === 0 && following !== undefined) this.schedule(run, following.thinkMs);
  }
}
