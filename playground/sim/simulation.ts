/**
 * The simulation kernel: virtual clock, event queue, nodes, timers, durable storage, the
 * network, faults, and the trace. Everything that happens goes through here, in one
 * deterministic order: same seed + same outside inputs = same trace.
 *
 * Two ways things happen:
 * - kernel events (a message arrives, a timer fires, a connection opens, `sim.at` wakes),
 *   performed one per `step()`, in `(time, seq)` order;
 * - outside inputs (`addNode`, `request`, `crash`, `restart`, `freeze`, `skew`, `partition`, `heal`,
 *   `breakConnection`, `setLatency`, `setLinkLatency`, `at`), performed synchronously at `sim.now` and recorded in
 *   `sim.inputs` with the trace index and step count they were applied at, so `replayTo` can
 *   rebuild any earlier moment. An outside input made while the kernel is busy (from an
 *   `onOutput` listener or an `at` callback) is queued and applied, in call order, as soon as
 *   the current step or input finishes.
 *
 * Two ways a node stops. `crash` kills its process: volatile state and timers are gone, and
 * every connection breaks at once (peers are told, as by a FIN/RST). `freeze` stops its host
 * for a while without closing anything (a hung machine, a long GC pause): it runs no step,
 * so it sends nothing; messages that reach it wait in its receive buffer (traced as `hold`),
 * connections to it cannot open, and whatever else comes due for it (its timers, a peer's
 * break, a request) waits with them. At the thaw it takes all of that in the order it came
 * due — a timer that a message before it re-armed stays quiet — and carries on. Its peers
 * notice only through their own timers.
 *
 * One clock, two readings. Every node's `now` is the kernel's virtual time (the monotonic
 * clock: timers, timeouts, session expiry). A host's wall clock (`wallNow`) is that plus its
 * skew, which `skew` sets (a host whose clock is off, or was stepped back); it is the host's,
 * so it outlives a crash of the process. It moves nothing in the kernel: it changes only
 * what a node takes from it.
 *
 * Cost (issue 6: a loaded 5-server ensemble must deliver 300k messages/s headless, with the
 * whole trace kept): durable values are stored as persisted, never deep-copied (`durable.ts`:
 * an immutability contract, checked in the unit tests); the frequent trace events are built
 * as one literal each (see `nextIndex`); a message in flight is one queue entry (its segment);
 * a node's context is one object per incarnation.
 *
 * Imports only `playground/sim`. Must not read a clock, draw `Math.random`, set a real timer or
 * touch the DOM or Node APIs: time and randomness come from here.
 */

import { DurableStore } from './durable.ts';
import { EventQueue, smallTime } from './event-queue.ts';
import type { Segment } from './fifo-link.ts';
import { checkLatency, Network, type Connection, type LatencyRange, type NetEvent } from './network.ts';
import { Partition } from './partition.ts';
import { Prng } from './prng.ts';
import { replayInto } from './replay.ts';
import type { TraceBody, TraceEvent } from './trace.ts';
import type { Effect, Input, NodeContext, NodeId, SimNode, TimeMs } from './types.ts';

export interface SimulationConfig {
  /** Seeds every stream: `network`, `node:<id>`, and any stream asked of `sim.random(name)`. */
  seed: number;
  /** Per-message latency range, integer ms, both ends included. Default 1..5. */
  latency?: LatencyRange;
  /** How long a connect across a partition keeps trying before `connectFailed`. Default 1000 ms. */
  connectTimeoutMs?: TimeMs;
}

export interface ResolvedConfig {
  readonly seed: number;
  readonly latency: LatencyRange;
  readonly connectTimeoutMs: TimeMs;
}

/** Builds a node: called at `addNode` and at every `restart`. Must return a fresh instance. */
export type NodeFactory = (id: NodeId) => SimNode;

export type OutputListener = (from: NodeId, value: unknown) => void;

/** Everything the outside world can do to a simulation. */
export type OutsideInput =
  | { kind: 'addNode'; node: NodeId }
  | { kind: 'request'; node: NodeId; value: unknown }
  | { kind: 'crash'; node: NodeId }
  /** Stop the node's host for `forMs` without closing anything, then let it carry on. */
  | { kind: 'freeze'; node: NodeId; forMs: TimeMs }
  /** Set the node's host wall clock `byMs` off the kernel's time (negative: behind); 0 sets it right. */
  | { kind: 'skew'; node: NodeId; byMs: number }
  | { kind: 'restart'; node: NodeId }
  | { kind: 'partition'; groups: NodeId[][] }
  | { kind: 'heal' }
  | { kind: 'breakConnection'; a: NodeId; b: NodeId }
  | { kind: 'setLatency'; minMs: TimeMs; maxMs: TimeMs }
  /** The latency of one link, both directions, for what is sent from now on. */
  | { kind: 'setLinkLatency'; a: NodeId; b: NodeId; minMs: TimeMs; maxMs: TimeMs }
  /** A wake-up `delayMs` from now. Its callback is not recorded: replay wakes with none. */
  | { kind: 'at'; delayMs: TimeMs; label: string };

/** An outside input as applied: at trace index `at`, after `steps` kernel steps, at `time`. */
export type RecordedInput = OutsideInput & { readonly at: number; readonly steps: number; readonly time: TimeMs };

/** What the kernel queue holds: the network's own events (a message in flight is one), timers and wake-ups. */
type KernelEvent =
  | NetEvent
  | { kind: 'timer'; node: NodeId; incarnation: number; name: string; gen: number }
  | { kind: 'wake'; label: string; fn: (() => void) | null }
  | { kind: 'thaw'; node: NodeId; incarnation: number };

/** What came due for a frozen node, in order: taken in at the thaw. */
type Pending = { kind: 'input'; input: Input } | { kind: 'timer'; name: string; gen: number } | { kind: 'segment'; segment: Segment<Connection> };

interface NodeSlot {
  readonly id: NodeId;
  readonly factory: NodeFactory;
  instance: SimNode | null;
  incarnation: number;
  readonly timers: Map<string, number>;
  readonly durable: DurableStore;
  readonly rng: Prng;
  /** The context handed to the current incarnation at every step (its `now` moves with the clock). */
  ctx: SlotContext;
  /** Frozen (`freeze`): it runs no step until the thaw; `pending` holds what came due meanwhile. */
  frozen: boolean;
  readonly pending: Pending[];
  /** The host's wall clock minus the kernel's time (`skew`); kept across restarts. */
  skewMs: number;
}

/**
 * A node's `NodeContext`: one object per incarnation, its `now` set before each step, rather
 * than a fresh object and two closures per step. A node that keeps it sees what it saw
 * before: the time of its latest step. A crashed instance keeps its old context, frozen in time.
 */
class SlotContext implements NodeContext {
  readonly id: NodeId;
  now: TimeMs;
  /** The host's skew, as `skew` last set it. */
  skewMs: number;
  private readonly rng: Prng;
  private readonly store: DurableStore;

  constructor(id: NodeId, now: TimeMs, rng: Prng, store: DurableStore, skewMs: number) {
    this.id = id;
    this.now = now;
    this.skewMs = skewMs;
    this.rng = rng;
    this.store = store;
  }

  get wallNow(): TimeMs {
    return this.now + this.skewMs;
  }

  randomInt(n: number): number {
    return this.rng.int(n);
  }

  durable(key: string): unknown {
    return this.store.get(key);
  }
}

const DEFAULTS = { latency: { minMs: 1, maxMs: 5 }, connectTimeoutMs: 1000 };

function checkDelay(what: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new Error(`${what}: need an integer >= 0 ms, got ${ms}`);
}

export class Simulation {
  readonly config: ResolvedConfig;
  private clock: TimeMs = 0;
  private stepCount = 0;
  private readonly queue = new EventQueue<KernelEvent>();
  private readonly events: TraceEvent[] = [];
  private readonly recorded: RecordedInput[] = [];
  private readonly nodes = new Map<NodeId, NodeSlot>();
  private readonly factories = new Map<NodeId, NodeFactory>();
  /** Replaced, never mutated, on (un)subscribe: an output iterates the array it started with. */
  private listeners: readonly OutputListener[] = [];
  private readonly streams = new Map<string, Prng>();
  private readonly network: Network;
  private nextTimerGen = 1;
  private busy = false;
  private causeIndex = -1;
  private readonly deferred: { input: OutsideInput; fn: (() => void) | null }[] = [];

  constructor(config: SimulationConfig) {
    this.config = {
      seed: config.seed,
      latency: { ...(config.latency ?? DEFAULTS.latency) },
      connectTimeoutMs: config.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    };
    checkDelay('connectTimeoutMs', this.config.connectTimeoutMs);
    this.network = new Network(
      {
        now: () => this.clock,
        schedule: (time, event) => this.queue.push(time, event),
        trace: (body) => this.append(body),
        traceSend: (from, to, msg, conn, sentAt, deliverAt) => {
          const index = this.nextIndex();
          this.events.push({ kind: 'send', from, to, msg, conn, sentAt, deliverAt, index, time: this.clock, cause: this.causeIndex });
          return index;
        },
        traceDeliver: (from, to, msg, conn, sendIndex) => {
          const index = this.nextIndex();
          this.events.push({ kind: 'deliver', from, to, msg, conn, sendIndex, index, time: this.clock, cause: this.causeIndex });
        },
        isUp: (node) => this.isUp(node),
        deliver: (node, input) => this.deliver(node, input),
        park: (node, segment) => this.slot(node).pending.push({ kind: 'segment', segment }),
      },
      new Prng(this.config.seed, 'network'),
      this.config,
      (node) => this.nodes.get(node)?.incarnation ?? 0,
    );
  }

  /** Rebuild a simulation from its ingredients and run it to trace index `toIndex` (see `replayTo`). */
  static replay(
    config: SimulationConfig,
    factories: ReadonlyMap<NodeId, NodeFactory>,
    inputs: readonly RecordedInput[],
    toIndex: number,
  ): Simulation {
    const sim = new Simulation(config);
    for (const [id, factory] of factories) sim.factories.set(id, factory);
    replayInto(sim, inputs, toIndex);
    return sim;
  }

  // ---- reading --------------------------------------------------------------------------

  /** Virtual now, integer ms. */
  get now(): TimeMs {
    return this.clock;
  }

  get trace(): readonly TraceEvent[] {
    return this.events;
  }

  /** Outside inputs as applied, for replay. */
  get inputs(): readonly RecordedInput[] {
    return this.recorded;
  }

  /** Kernel events performed so far (stale, cancelled events are not counted). */
  get steps(): number {
    return this.stepCount;
  }

  get latency(): LatencyRange {
    return this.network.latencyRange;
  }

  nodeIds(): NodeId[] {
    return [...this.nodes.keys()];
  }

  /** Whether `id` was ever added (up or down). */
  hasNode(id: NodeId): boolean {
    return this.nodes.has(id);
  }

  isUp(id: NodeId): boolean {
    return this.nodes.get(id)?.instance != null;
  }

  /** Up, but its host frozen (`freeze`) until the thaw. */
  isFrozen(id: NodeId): boolean {
    return this.nodes.get(id)?.frozen === true;
  }

  /** Whether `a` and `b` have an open connection. */
  isConnected(a: NodeId, b: NodeId): boolean {
    return this.network.isConnected(a, b);
  }

  /** The running instance, for tests and debugging; views must read the trace instead. */
  instanceOf(id: NodeId): SimNode | undefined {
    return this.nodes.get(id)?.instance ?? undefined;
  }

  /** The node's durable storage (live; read only). */
  durableOf(id: NodeId): ReadonlyMap<string, unknown> {
    const slot = this.nodes.get(id);
    if (!slot) throw new Error(`durableOf: no node ${id}`);
    return slot.durable.values;
  }

  /**
   * A named PRNG stream for the outside world (`workload`, `faults`, ...), independent of the
   * network's and the nodes'. Not restored by replay: replay re-applies recorded inputs.
   */
  random(stream: string): Prng {
    let prng = this.streams.get(stream);
    if (!prng) {
      if (stream === 'network' || stream.startsWith('node:')) throw new Error(`random: stream ${stream} is the kernel's`);
      prng = new Prng(this.config.seed, stream);
      this.streams.set(stream, prng);
    }
    return prng;
  }

  /** Time of the next live event, or undefined when idle. */
  nextEventTime(): TimeMs | undefined {
    return this.skipStale() ? this.queue.peekTime() : undefined;
  }

  /** Listen to nodes' `output` effects, called synchronously as each is performed. Returns an unsubscribe. */
  onOutput(listener: OutputListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners = [...this.listeners.slice(0, i), ...this.listeners.slice(i + 1)];
    };
  }

  // ---- outside inputs -------------------------------------------------------------------

  /** Add a node; it boots now with `start`. The factory is used again at every restart. */
  addNode(id: NodeId, factory: NodeFactory): void {
    if (this.factories.has(id)) throw new Error(`addNode: ${id} already exists`);
    this.factories.set(id, factory);
    this.submit({ kind: 'addNode', node: id }, null);
  }

  request(node: NodeId, value: unknown): void {
    this.submit({ kind: 'request', node, value }, null);
  }

  crash(node: NodeId): void {
    this.submit({ kind: 'crash', node }, null);
  }

  restart(node: NodeId): void {
    this.submit({ kind: 'restart', node }, null);
  }

  /** Freeze `node`'s host for `forMs` (see the file's header): nothing closes; it carries on at the thaw. */
  freeze(node: NodeId, forMs: TimeMs): void {
    checkDelay('freeze', forMs);
    this.submit({ kind: 'freeze', node, forMs }, null);
  }

  /** Set `node`'s host wall clock `byMs` off the kernel's time (see the file's header); 0 sets it right. */
  skew(node: NodeId, byMs: number): void {
    if (!Number.isSafeInteger(byMs)) throw new Error(`skew: need an integer ms, got ${byMs}`);
    this.submit({ kind: 'skew', node, byMs }, null);
  }

  partition(groups: readonly (readonly NodeId[])[]): void {
    void new Partition(groups); // validate now, not when a deferred input is applied
    this.submit({ kind: 'partition', groups: groups.map((g) => [...g]) }, null);
  }

  heal(): void {
    this.submit({ kind: 'heal' }, null);
  }

  breakConnection(a: NodeId, b: NodeId): void {
    this.submit({ kind: 'breakConnection', a, b }, null);
  }

  /** Latency of every link from now on (ending any per-link setting). */
  setLatency(minMs: TimeMs, maxMs: TimeMs): void {
    checkLatency(minMs, maxMs);
    this.submit({ kind: 'setLatency', minMs, maxMs }, null);
  }

  /** Latency of the link between `a` and `b`, both directions, from now on. */
  setLinkLatency(a: NodeId, b: NodeId, minMs: TimeMs, maxMs: TimeMs): void {
    checkLatency(minMs, maxMs);
    if (a === b) throw new Error(`setLinkLatency: ${a} to itself`);
    this.submit({ kind: 'setLinkLatency', a, b, minMs, maxMs }, null);
  }

  /** Wake up at `now + delayMs`: traced as `wake`, then `fn` runs (inside the kernel step). */
  at(delayMs: TimeMs, label: string, fn?: () => void): void {
    checkDelay('at', delayMs);
    this.submit({ kind: 'at', delayMs, label }, fn ?? null);
  }

  /** Apply any outside input (scripts, replay). An `at` applied this way has no callback. */
  apply(input: OutsideInput): void {
    this.submit(input, null);
  }

  /** For replay: move the clock to the input's time without stepping, then apply it. */
  applyRecorded(input: RecordedInput): void {
    if (this.busy) throw new Error('applyRecorded: kernel is busy');
    if (input.time < this.clock) throw new Error(`applyRecorded: input at t=${input.time} is in the past (now ${this.clock})`);
    this.clock = smallTime(input.time);
    const { at: _at, steps: _steps, time: _time, ...bare } = input;
    this.submit(bare as OutsideInput, null);
  }

  // ---- driving --------------------------------------------------------------------------

  /** Perform exactly one kernel event. False when there is nothing left to do. */
  step(): boolean {
    if (this.busy) throw new Error('step: called from inside the kernel (a listener or callback)');
    if (!this.skipStale()) return false;
    const queue = this.queue;
    const time = queue.peekTime()!;
    const event = queue.peekEvent()!;
    queue.drop();
    this.clock = time;
    this.stepCount++;
    this.busy = true;
    try {
      this.causeIndex = -1;
      this.fire(event);
      if (this.deferred.length > 0) this.drainDeferred();
    } finally {
      this.busy = false;
    }
    return true;
  }

  /** Step until nothing is left. Throws if still busy after `maxEvents` (periodic timers never idle). */
  runUntilIdle(maxEvents: number = 1_000_000): number {
    let count = 0;
    while (this.step()) {
      count++;
      if (count >= maxEvents && this.skipStale()) {
        throw new Error(`runUntilIdle: not idle after ${maxEvents} events at t=${this.clock}`);
      }
    }
    return count;
  }

  /** Perform every event due up to `timeMs`, then set the clock to `timeMs`. Returns events performed. */
  runUntil(timeMs: TimeMs): number {
    if (!Number.isSafeInteger(timeMs)) throw new Error(`runUntil: need an integer time, got ${timeMs}`);
    let count = 0;
    while (this.skipStale() && this.queue.peekTime()! <= timeMs) {
      this.step();
      count++;
    }
    if (timeMs > this.clock) this.clock = smallTime(timeMs);
    return count;
  }

  runFor(ms: TimeMs): number {
    checkDelay('runFor', ms);
    return this.runUntil(this.clock + ms);
  }

  /**
   * A new simulation, rebuilt from this one's config, factories and recorded inputs, run to
   * trace index `index`. Its trace equals this trace's first `index` events when `index` falls
   * on a step boundary; otherwise it runs to the end of the step containing event `index - 1`
   * (the trace is then a longer prefix). Callbacks of `at` are not re-run; whatever they did
   * through this API was itself recorded and is replayed.
   */
  replayTo(index: number): Simulation {
    return Simulation.replay(this.config, this.factories, this.recorded, index);
  }

  // ---- internals ------------------------------------------------------------------------

  /** Drop stale events off the head of the queue; true when a live one is left. */
  private skipStale(): boolean {
    const queue = this.queue;
    for (let head = queue.peekEvent(); head !== undefined; head = queue.peekEvent()) {
      if (!this.isStale(head)) return true;
      queue.drop();
    }
    return false;
  }

  private isStale(event: KernelEvent): boolean {
    switch (event.kind) {
      case 'timer': {
        const slot = this.nodes.get(event.node);
        return !slot || slot.incarnation !== event.incarnation || slot.timers.get(event.name) !== event.gen;
      }
      case 'wake':
        return false;
      case 'thaw': {
        const slot = this.nodes.get(event.node);
        return !slot || slot.incarnation !== event.incarnation || !slot.frozen;
      }
      default:
        return this.network.isStale(event);
    }
  }

  private fire(event: KernelEvent): void {
    switch (event.kind) {
      case 'timer': {
        const slot = this.slot(event.node);
        if (slot.frozen) {
          slot.pending.push({ kind: 'timer', name: event.name, gen: event.gen });
          return;
        }
        slot.timers.delete(event.name);
        const index = this.nextIndex();
        this.events.push({ kind: 'timer', node: event.node, name: event.name, index, time: this.clock, cause: this.causeIndex });
        return this.deliver(event.node, { kind: 'timer', name: event.name });
      }
      case 'wake':
        this.append({ kind: 'wake', label: event.label });
        event.fn?.();
        return;
      case 'thaw':
        return this.thaw(this.slot(event.node));
      default:
        return this.network.fire(event);
    }
  }

  private submit(input: OutsideInput, fn: (() => void) | null): void {
    if (this.busy) {
      this.deferred.push({ input, fn });
      return;
    }
    this.busy = true;
    try {
      this.perform(input, fn);
      this.drainDeferred();
    } finally {
      this.busy = false;
    }
  }

  private drainDeferred(): void {
    for (let next = this.deferred.shift(); next; next = this.deferred.shift()) this.perform(next.input, next.fn);
  }

  private perform(input: OutsideInput, fn: (() => void) | null): void {
    this.recorded.push({ ...input, at: this.events.length, steps: this.stepCount, time: this.clock });
    this.causeIndex = -1;
    switch (input.kind) {
      case 'addNode': {
        const factory = this.factories.get(input.node);
        if (!factory) throw new Error(`addNode: no factory for ${input.node}`);
        if (this.nodes.has(input.node)) throw new Error(`addNode: ${input.node} already exists`);
        const rng = new Prng(this.config.seed, `node:${input.node}`);
        const durable = new DurableStore(input.node);
        const slot: NodeSlot = {
          id: input.node,
          factory,
          instance: null,
          incarnation: 0,
          timers: new Map(),
          durable,
          rng,
          ctx: new SlotContext(input.node, this.clock, rng, durable, 0),
          frozen: false,
          pending: [],
          skewMs: 0,
        };
        this.nodes.set(input.node, slot);
        this.boot(slot, 'start');
        return;
      }
      case 'request': {
        const index = this.nextIndex();
        this.events.push({ kind: 'request', node: input.node, value: input.value, index, time: this.clock, cause: this.causeIndex });
        if (!this.slot(input.node).instance) {
          this.append({ kind: 'drop', from: null, to: input.node, msg: input.value, reason: 'node-down', sendIndex: null });
          return;
        }
        return this.deliver(input.node, { kind: 'request', value: input.value });
      }
      case 'crash': {
        const slot = this.slot(input.node);
        if (!slot.instance) throw new Error(`crash: ${input.node} is already down`);
        this.crashSlot(slot);
        return;
      }
      case 'restart': {
        const slot = this.slot(input.node);
        if (slot.instance) throw new Error(`restart: ${input.node} is up`);
        this.boot(slot, 'restart');
        return;
      }
      case 'freeze': {
        const slot = this.slot(input.node);
        if (!slot.instance) throw new Error(`freeze: ${input.node} is down`);
        if (slot.frozen) throw new Error(`freeze: ${input.node} is already frozen`);
        this.append({ kind: 'freeze', node: input.node, forMs: input.forMs });
        slot.frozen = true;
        this.network.setFrozen(input.node, true);
        this.queue.push(this.clock + input.forMs, { kind: 'thaw', node: input.node, incarnation: slot.incarnation });
        return;
      }
      case 'skew': {
        const slot = this.slot(input.node);
        this.append({ kind: 'skew', node: input.node, byMs: input.byMs });
        slot.skewMs = input.byMs;
        slot.ctx.skewMs = input.byMs;
        return;
      }
      case 'partition':
        this.append({ kind: 'partition', groups: input.groups.map((g) => [...g]) });
        return this.network.setPartition(input.groups);
      case 'heal':
        this.append({ kind: 'heal' });
        return this.network.setPartition(null);
      case 'breakConnection':
        return this.network.breakBetween(input.a, input.b);
      case 'setLatency':
        this.append({ kind: 'latency', minMs: input.minMs, maxMs: input.maxMs });
        return this.network.setLatency(input.minMs, input.maxMs);
      case 'setLinkLatency':
        this.append({ kind: 'latency', minMs: input.minMs, maxMs: input.maxMs, between: [input.a, input.b] });
        return this.network.setLinkLatency(input.a, input.b, input.minMs, input.maxMs);
      case 'at':
        this.queue.push(this.clock + input.delayMs, { kind: 'wake', label: input.label, fn });
        return;
    }
  }

  private boot(slot: NodeSlot, kind: 'start' | 'restart'): void {
    const instance = slot.factory(slot.id);
    if (instance.id !== slot.id) throw new Error(`factory for ${slot.id} built a node with id ${instance.id}`);
    slot.instance = instance;
    slot.ctx = new SlotContext(slot.id, this.clock, slot.rng, slot.durable, slot.skewMs);
    this.append({ kind, node: slot.id });
    this.deliver(slot.id, { kind: 'start' });
  }

  /** The thaw: take in, in order, what came due while frozen, then carry on. */
  private thaw(slot: NodeSlot): void {
    const pending = slot.pending.splice(0);
    this.unfreeze(slot);
    this.append({ kind: 'thaw', node: slot.id });
    for (const p of pending) {
      if (!slot.instance) return;
      if (p.kind === 'input') this.deliver(slot.id, p.input);
      else if (p.kind === 'segment') this.network.land(p.segment);
      else if (slot.timers.get(p.name) === p.gen) {
        // Still armed as it was when it came due: nothing taken in before it re-armed or cancelled it.
        slot.timers.delete(p.name);
        const index = this.nextIndex();
        this.events.push({ kind: 'timer', node: slot.id, name: p.name, index, time: this.clock, cause: this.causeIndex });
        this.deliver(slot.id, { kind: 'timer', name: p.name });
      }
    }
  }

  private unfreeze(slot: NodeSlot): void {
    if (!slot.frozen) return;
    slot.frozen = false;
    slot.pending.length = 0;
    this.network.setFrozen(slot.id, false);
  }

  private slot(id: NodeId): NodeSlot {
    const slot = this.nodes.get(id);
    if (!slot) throw new Error(`no node ${id}`);
    return slot;
  }

  /**
   * The index the next trace event gets; the first event of a step or input is the cause of
   * the rest. The frequent events (send, deliver, protocol, output, timer) are then built as
   * one literal with their meta fields, in `append`'s field order: no copy, and one
   * allocation site per kind, which V8 learns to allocate straight into the old generation
   * (the trace is retained: copying it through the young generation was most of the GC time).
   */
  private nextIndex(): number {
    const index = this.events.length;
    if (this.causeIndex < 0) this.causeIndex = index;
    return index;
  }

  /** The node's process is gone: volatile state, timers and connections with it. */
  private crashSlot(slot: NodeSlot): void {
    this.append({ kind: 'crash', node: slot.id });
    slot.instance = null;
    slot.incarnation++;
    slot.timers.clear();
    this.unfreeze(slot);
    slot.durable.verifyAll();
    this.network.crashed(slot.id);
  }

  private append(body: TraceBody): number {
    const index = this.nextIndex();
    this.events.push({ ...body, index, time: this.clock, cause: this.causeIndex } as TraceEvent);
    return index;
  }

  /** Step a node with one input and perform its effects, in order. */
  private deliver(id: NodeId, input: Input): void {
    const slot = this.slot(id);
    const instance = slot.instance;
    if (!instance) throw new Error(`deliver: ${id} is down`);
    if (slot.frozen) {
      slot.pending.push({ kind: 'input', input });
      return;
    }
    const ctx = slot.ctx;
    ctx.now = this.clock;
    const effects = instance.step(input, ctx);
    for (const effect of effects) {
      if (effect.kind === 'exit') return this.crashSlot(slot);
      this.performEffect(slot, effect);
    }
  }

  private performEffect(slot: NodeSlot, effect: Effect): void {
    const id = slot.id;
    switch (effect.kind) {
      case 'connect':
        return this.network.connect(id, effect.to);
      case 'send':
        return this.network.send(id, effect.to, effect.msg);
      case 'disconnect':
        return this.network.close(id, effect.to);
      case 'setTimer': {
        checkDelay(`${id} setTimer ${effect.name}`, effect.afterMs);
        const gen = this.nextTimerGen++;
        slot.timers.set(effect.name, gen);
        this.queue.push(this.clock + effect.afterMs, {
          kind: 'timer',
          node: id,
          incarnation: slot.incarnation,
          name: effect.name,
          gen,
        });
        return;
      }
      case 'cancelTimer':
        slot.timers.delete(effect.name);
        return;
      case 'persist':
        slot.durable.set(effect.key, effect.value);
        return;
      case 'output': {
        const index = this.nextIndex();
        this.events.push({ kind: 'output', node: id, value: effect.value, index, time: this.clock, cause: this.causeIndex });
        for (const listener of this.listeners) listener(id, effect.value);
        return;
      }
      case 'trace': {
        const index = this.nextIndex();
        this.events.push({ kind: 'protocol', node: id, event: effect.event, index, time: this.clock, cause: this.causeIndex });
        return;
      }
      case 'exit':
        throw new Error(`${id}: an exit effect is handled by deliver`);
      default: {
        const unknownEffect: never = effect;
        throw new Error(`${id}: unknown effect ${JSON.stringify(unknownEffect)}`);
      }
    }
  }
}
