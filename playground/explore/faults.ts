/**
 * Faults for the explorer, two ways:
 *
 * - `FaultInjector` (a seed's first run): draws fault episodes from the `faults` PRNG stream
 *   and aims each one when it fires, from what the trace says then (who leads, who follows,
 *   which clients sit on which server): crash the leader mid-broadcast, crash a follower and
 *   restart it stale, isolate the leader or one follower (with their clients), cut the leader
 *   off with a minority and crash it once it has proposed to them, break a leader–follower
 *   link, slow the network; freeze the leader, a follower or a client (a hung host: nothing
 *   closes, peers notice by their timers; a client frozen past its session timeout finds its
 *   session expired when it thaws), slow one link (a leader–follower link or a client's link
 *   to its server) for a while. Every concrete fault it applies is recorded as a timed fault
 *   line (`at 1204ms crash s3`), so the run can be replayed (and shrunk) from data.
 * - `applySchedule` (replay): applies a spec's fault lines at their times, tolerantly (the
 *   kernel's `applyFault`: a crash of a server already down or a restart of one already up
 *   is skipped), so a shrinker may drop any subset of events and still have a valid run.
 *
 * Imports the kernel (its fault language), the live view and the spec.
 */

import { printTimedFault, scheduleFaults, type TimedFault } from '../sim/fault-schedule.ts';
import { applyFault, type Fault } from '../sim/faults.ts';
import type { Prng } from '../sim/prng.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import type { ExplorerEpisode, SeedOptions } from './generate.ts';
import { EXPLORER_EPISODES } from './generate.ts';
import type { LiveView } from './live-view.ts';
import { specFaults, type RunSpec } from './spec.ts';

/** Replay: schedule every fault of `spec` at its time. */
export function applySchedule(sim: Simulation, spec: Pick<RunSpec, 'faults'>): void {
  scheduleFaults(sim, specFaults(spec));
}

export class FaultInjector {
  private readonly sim: Simulation;
  private readonly view: LiveView;
  private readonly r: Prng;
  private readonly o: SeedOptions;
  private readonly clients: readonly NodeId[];
  /** Each client's negotiated session timeout, ms. */
  private readonly sessionTimeouts: ReadonlyMap<NodeId, number>;
  readonly events: TimedFault[] = [];

  constructor(sim: Simulation, view: LiveView, r: Prng, o: SeedOptions, clients: readonly NodeId[], sessionTimeouts: ReadonlyMap<NodeId, number> = new Map()) {
    this.sim = sim;
    this.view = view;
    this.r = r;
    this.o = o;
    this.clients = clients;
    this.sessionTimeouts = sessionTimeouts;
  }

  /** The faults applied so far, as a spec's lines. */
  get schedule(): string[] {
    return this.events.map(printTimedFault);
  }

  /** Draw the episodes' start times and kinds; each is aimed when it fires. */
  start(): void {
    const total = EXPLORER_EPISODES.reduce((n, k) => n + this.o.faultMix[k], 0);
    let t = this.r.range(200, this.o.faultGapMs * 2);
    while (t < this.o.faultPhaseMs - 300) {
      let x = this.r.int(total);
      let kind: ExplorerEpisode = EXPLORER_EPISODES[0];
      for (const k of EXPLORER_EPISODES) {
        if (x < this.o.faultMix[k]) {
          kind = k;
          break;
        }
        x -= this.o.faultMix[k];
      }
      this.at(t, () => this.episode(kind));
      t += this.r.range(Math.floor(this.o.faultGapMs / 3), this.o.faultGapMs * 2);
    }
  }

  private at(time: number, fn: () => void): void {
    this.sim.at(Math.max(0, time - this.sim.now), 'fault', () => {
      this.view.update(this.sim.trace);
      fn();
    });
  }

  private later(afterMs: number, fn: () => void): void {
    this.at(this.sim.now + afterMs, fn);
  }

  private apply(fault: Fault): void {
    if (this.sim.now >= this.o.faultPhaseMs) return; // the liveness phase owns the end
    if (applyFault(this.sim, fault)) this.events.push({ at: this.sim.now, fault });
  }

  private crash(node: NodeId | undefined, restartAfter: number | null): void {
    if (node === undefined) return;
    this.apply({ kind: 'crash', node });
    if (restartAfter !== null) this.later(restartAfter, () => this.apply({ kind: 'restart', node }));
  }

  /** `side` and its clients on one side of a partition; everyone else on the other. */
  private isolate(side: readonly NodeId[], healAfter: number): void {
    const group = [...side, ...side.flatMap((s) => this.view.clientsOf(s))];
    const rest = [...this.view.servers.keys(), ...this.clients].filter((n) => !group.includes(n));
    this.apply({ kind: 'partition', groups: [group, rest] });
    this.later(healAfter, () => this.apply({ kind: 'heal' }));
  }

  /** Freeze `node` for `forMs`, cut short so that it thaws before the fault phase ends. */
  private freeze(node: NodeId | undefined, forMs: number): void {
    const left = this.o.faultPhaseMs - 100 - this.sim.now;
    if (node === undefined || left <= 0) return;
    this.apply({ kind: 'freeze', node, forMs: Math.min(forMs, left) });
  }

  private pickOr(list: readonly NodeId[]): NodeId | undefined {
    return list.length === 0 ? undefined : this.r.pick(list);
  }

  private restartDelay(): number | null {
    return this.r.chance(4, 5) ? this.r.range(300, 6000) : null;
  }

  private episode(kind: ExplorerEpisode): void {
    const v = this.view;
    const leader = v.leader();
    switch (kind) {
      case 'crash-leader':
        return this.crash(leader ?? this.pickOr(v.up()), this.restartDelay());
      case 'crash-follower':
        return this.crash(this.pickOr(v.followers()), this.restartDelay());
      case 'crash-random':
        return this.crash(this.pickOr(v.up()), this.restartDelay());
      case 'isolate-leader':
        if (leader !== undefined) this.isolate([leader], this.r.range(300, 6000));
        return;
      case 'isolate-follower': {
        // Short: a lagging follower (its traffic held, then released in a burst); long: it drops out.
        const f = this.pickOr(v.followers());
        if (f !== undefined) this.isolate([f], this.r.chance(1, 2) ? this.r.range(50, 1500) : this.r.range(1500, 6000));
        return;
      }
      case 'lag-then-crash-leader': {
        // A follower falls behind (cut off), the leader dies meanwhile, then the laggard returns
        // to an election against servers that have more: the election must prefer them.
        const f = this.pickOr(v.followers());
        if (leader === undefined || f === undefined) return;
        const crashAfter = this.r.range(100, 2500);
        this.isolate([f], crashAfter + this.r.range(0, 600));
        this.later(crashAfter, () => this.crash(leader, this.restartDelay()));
        return;
      }
      case 'minority-crash': {
        // The leader keeps a minority: it proposes to them, cannot commit, then crashes.
        if (leader === undefined) return;
        const minority = Math.floor((this.o.servers - 1) / 2);
        const followers = [...v.followers()];
        const side = [leader];
        for (let i = 0; i < minority - 1 && followers.length > 0; i++) side.push(followers.splice(this.r.int(followers.length), 1)[0]!);
        const crashAfter = this.r.range(10, 400);
        this.isolate(side, crashAfter + this.r.range(20, 1500));
        this.later(crashAfter, () => this.crash(leader, this.restartDelay()));
        return;
      }
      case 'break-link': {
        const a = leader ?? this.pickOr(v.up());
        const b = this.pickOr(v.up().filter((s) => s !== a));
        if (a !== undefined && b !== undefined) this.apply({ kind: 'break', a, b });
        return;
      }
      case 'freeze-leader':
        // Short: the followers never notice; long: past syncLimit ticks, they elect another.
        return this.freeze(leader, this.r.chance(1, 2) ? this.r.range(50, 1500) : this.r.range(1500, 8000));
      case 'freeze-follower':
        return this.freeze(this.pickOr(v.followers()), this.r.range(100, 6000));
      case 'freeze-client': {
        // Up to two and a half session timeouts: often long enough for the session to expire.
        const c = this.pickOr(this.clients.filter((id) => this.sim.isUp(id)));
        return this.freeze(c, this.r.range(200, 25_000));
      }
      case 'slow-link': {
        const clients = this.clients.filter((c) => v.clientOf(c) !== undefined);
        const client = this.r.chance(1, 2) ? this.pickOr(clients) : undefined;
        const a = client ?? leader ?? this.pickOr(v.up());
        const b = client !== undefined ? v.clientOf(client) : this.pickOr(v.up().filter((s) => s !== a));
        if (a === undefined || b === undefined) return;
        // On a client's link, half the spikes last about a session timeout: the client gives
        // up on that server (its read timeout is 2/3 of it), moves to another one, and what it
        // sent meanwhile arrives after it moved (the session-owner check must refuse it).
        const session = client !== undefined ? this.sessionTimeouts.get(client) : undefined;
        const spike = session !== undefined && this.r.chance(1, 2) ? this.r.range(session - 200, 2 * session) : this.r.range(50, 5000);
        const between = [a, b] as const;
        this.apply({ kind: 'latency', minMs: spike, maxMs: spike, between });
        this.later(this.r.range(300, 6000), () => this.apply({ kind: 'latency', minMs: this.o.latency[0], maxMs: this.o.latency[1], between }));
        return;
      }
      case 'slow-network': {
        const min = this.r.range(1, 20);
        this.apply({ kind: 'latency', minMs: min, maxMs: min + this.r.range(20, 400) });
        this.later(this.r.range(300, 4000), () => this.apply({ kind: 'latency', minMs: this.o.latency[0], maxMs: this.o.latency[1] }));
        return;
      }
    }
  }
}
