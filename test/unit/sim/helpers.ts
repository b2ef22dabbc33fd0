/**
 * Test nodes for the kernel: a scriptable node whose outside requests are lists of effects to
 * perform, which answers `ping` with `pong`, and reports everything else it receives as an
 * `output`. Small on purpose: the kernel is under test, not the node.
 */
import type { Effect, Input, NodeContext, NodeId, SimNode } from '../../../playground/sim/types.ts';
import { Simulation, type SimulationConfig, type TraceEvent, type TraceKind } from '../../../playground/sim/index.ts';

export type Msg = { type: 'ping'; n: number } | { type: 'pong'; n: number } | { type: 'note'; n: number };

/** A request asking the node to perform these effects. */
export function act(...effects: Effect[]): { effects: Effect[] } {
  return { effects };
}

export class ScriptNode implements SimNode {
  readonly id: NodeId;
  readonly inputs: Input[] = [];
  /** How many instances the factory built for this id (set by the test's factory). */
  generation = 0;

  constructor(id: NodeId) {
    this.id = id;
  }

  step(input: Input, ctx: NodeContext): Effect[] {
    this.inputs.push(input);
    switch (input.kind) {
      case 'request':
        return [...(input.value as { effects: Effect[] }).effects];
      case 'message': {
        const msg = input.msg as Msg;
        if (msg.type === 'ping') return [{ kind: 'send', to: input.from, msg: { type: 'pong', n: msg.n } }];
        return [{ kind: 'output', value: { got: msg.type, n: msg.n, from: input.from, at: ctx.now } }];
      }
      case 'timer':
        return [{ kind: 'output', value: { timer: input.name, at: ctx.now } }];
      case 'start':
        return [{ kind: 'output', value: { start: true, durable: ctx.durable('count') ?? null } }];
      case 'connected':
      case 'connectFailed':
      case 'disconnected':
        return [{ kind: 'output', value: { [input.kind]: input.peer, at: ctx.now } }];
    }
  }
}

/** A simulation with ScriptNodes `ids`, each built fresh by the factory at boot and restart. */
export function simWith(ids: string[], config: Partial<SimulationConfig> = {}): Simulation {
  const sim = new Simulation({ seed: 1, ...config });
  for (const id of ids) sim.addNode(id, (nodeId) => new ScriptNode(nodeId));
  return sim;
}

export function ofKind<K extends TraceKind>(sim: Simulation, kind: K): Extract<TraceEvent, { kind: K }>[] {
  return sim.trace.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
}

export function connect(sim: Simulation, from: string, to: string): void {
  sim.request(from, act({ kind: 'connect', to }));
  sim.runUntilIdle();
  if (!sim.isConnected(from, to)) throw new Error(`test setup: ${from} could not connect to ${to}`);
}

export function send(sim: Simulation, from: string, to: string, msg: Msg): void {
  sim.request(from, act({ kind: 'send', to, msg }));
}
