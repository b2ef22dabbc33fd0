/**
 * Faults for the explorer, two ways:
 *
 * - `FaultInjector` (a seed's first run): draws fault episodes from the `faults` PRNG stream
 *   and aims each one when it fires, from what the trace says then (who leads, who follows,
 *   which clients sit on which server): crash the leader mid-broadcast, crash a follower and
 *   restart it stale, isolate the leader or one follower (with their clients), cut the leader
 *   off with a minority and crash it once it has proposed to them, break a leader–follower
 *   link, slow the network. Every concrete fault it applies is recorded as a fault-schedule
 *   event, so the run can be replayed (and shrunk) from data.
 * - `applySchedule` (replay): applies a recorded schedule at its times. Tolerant by design: a
 *   crash of a server already down or a restart of one already up is skipped, so a shrinker
 *   may drop any subset of events and still have a valid run.
 *
 * Imports the kernel, the live view and the spec types.
 */

import type { Prng } from '../sim/prng.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { applyFaultSchedule } from '../zab/fault-schedule.ts';
import type { FaultKind, SeedOptions } from './generate.ts';
import { FAULT_KINDS } from './generate.ts';
import type { LiveView } from './live-view.ts';
import type { FaultEvent, FaultSchedule } from './spec.ts';

/** Apply one fault event now, skipping what cannot apply (crash of a down server, ...). */
export function applyFault(sim: Simulation, e: FaultEvent): boolean {
  if ('crash' in e) {
    if (!sim.isUp(e.crash)) return false;
    sim.crash(e.crash);
  } else if ('restart' in e) {
    if (sim.isUp(e.restart)) return false;
    sim.restart(e.restart);
  } else if ('partition' in e) {
    sim.partition(e.partition);
  } else if ('heal' in e) {
    sim.heal();
  } else if ('break' in e) {
    sim.breakConnection(e.break[0], e.break[1]);
  } else if ('latency' in e) {
    sim.setLatency(e.latency[0], e.latency[1]);
  }
  return true;
}

/** Replay: schedule every event of `schedule` at its time (the ensemble's own applier). */
export function applySchedule(sim: Simulation, schedule: FaultSchedule): void {
  applyFaultSchedule(sim, schedule);
}

export class FaultInjector {
  private readonly sim: Simulation;
  private readonly view: LiveView;
  private readonly r: Prng;
  private readonly o: SeedOptions;
  private readonly clients: readonly NodeId[];
  readonly events: FaultEvent[] = [];

  constructor(sim: Simulation, view: LiveView, r: Prng, o: SeedOptions, clients: readonly NodeId[]) {
    this.sim = sim;
    this.view = view;
    this.r = r;
    this.o = o;
    this.clients = clients;
  }

  get schedule(): FaultSchedule {
    return { version: 1, events: [...this.events] };
  }

  /** Draw the episodes' start times and kinds; each is aimed when it fires. */
  start(): void {
    const total = FAULT_KINDS.reduce((n, k) => n + this.o.faultMix[k], 0);
    let t = this.r.range(200, this.o.faultGapMs * 2);
    while (t < this.o.faultPhaseMs - 300) {
      let x = this.r.int(total);
      let kind: FaultKind = FAULT_KINDS[0];
      for (const k of FAULT_KINDS) {
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

  private apply(e: FaultEvent): void {
    if (this.sim.now >= this.o.faultPhaseMs) return; // the liveness phase owns the end
    if (applyFault(this.sim, e)) this.events.push(e);
  }

  private crash(node: NodeId | undefined, restartAfter: number | null): void {
    if (node === undefined) return;
    this.apply({ at: this.sim.now, crash: node });
    if (restartAfter !== null) this.later(restartAfter, () => this.apply({ at: this.sim.now, restart: node }));
  }

  /** `side` and its clients on one side of a partition; everyone else on the other. */
  private isolate(side: readonly NodeId[], healAfter: number): void {
    const group = [...side, ...side.flatMap((s) => this.view.clientsOf(s))];
    const rest = [...this.view.servers.keys(), ...this.clients].filter((n) => !group.includes(n));
    this.apply({ at: this.sim.now, partition: [group, rest] });
    this.later(healAfter, () => this.apply({ at: this.sim.now, heal: true }));
  }

  private pickOr(list: readonly NodeId[]): NodeId | undefined {
    return list.length === 0 ? undefined : this.r.pick(list);
  }

  private restartDelay(): number | null {
    return this.r.chance(4, 5) ? this.r.range(300, 6000) : null;
  }

  private episode(kind: FaultKind): void {
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
        if (a !== undefined && b !== undefined) this.apply({ at: this.sim.now, break: [a, b] });
        return;
      }
      case 'slow-network': {
        const min = this.r.range(1, 20);
        this.apply({ at: this.sim.now, latency: [min, min + this.r.range(20, 400)] });
        this.later(this.r.range(300, 4000), () => this.apply({ at: this.sim.now, latency: [this.o.latency[0], this.o.latency[1]] }));
        return;
      }
    }
  }
}
