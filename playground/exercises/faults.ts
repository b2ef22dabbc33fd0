/**
 * Seeded fault schedules for exercise checks: a seed draws a few fault episodes, one after
 * another (never overlapping, so a majority of the ensemble is back before the next one
 * starts), from a menu the exercise chooses:
 *
 * - `crash`: a server crashes and restarts `downMs` later (clients on it lose their
 *   connection and move to another server; their sessions survive);
 * - `isolate-server`: a server is partitioned away from everyone, then healed;
 * - `break-client`: a client's connections to every server break (CONNECTIONLOSS for what
 *   it had in flight; it reconnects with the same session);
 * - `expire-client`: a client is cut off from every server for longer than its session
 *   timeout, so the ensemble expires its session (its ephemerals go) before it comes back;
 * - `latency`: the network slows down for a while;
 * - `freeze-server`: a server's host stops for a while without closing anything (a hang, a
 *   long GC pause): its peers and clients notice only by their own timers;
 * - `freeze-client`: a client's host stops for longer than its session timeout (the lock
 *   holder's GC pause): its session expires while it is frozen, and it learns so only when
 *   it runs again;
 * - `slow-link`: one client's links to every server slow down to seconds for a while (its
 *   requests in flight outlast its read timeout; it moves to another server).
 *
 * Output is the book's fault-schedule format (JSON, `playground/sim/fault-schedule.ts`), so a
 * failing schedule is data: shown, linked, replayed; its report is the fault language's text.
 * Imports the kernel's PRNG and fault schedules only.
 */
import { toJsonSchedule, toTextSchedule, readJsonSchedule, type FaultSchedule, type TimedFault } from '../sim/fault-schedule.ts';
import { Prng } from '../sim/prng.ts';
import type { NodeId } from '../sim/types.ts';

/** An episode an exercise's menu may draw (each becomes a few timed faults). */
export type FaultEpisode = 'crash' | 'isolate-server' | 'break-client' | 'expire-client' | 'latency' | 'freeze-server' | 'freeze-client' | 'slow-link';

export interface FaultMenu {
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  /** Episodes to draw from (each equally likely). */
  readonly kinds: readonly FaultEpisode[];
  /** Servers never crashed or isolated (e.g. the one a first program sits on). */
  readonly spareServers?: readonly NodeId[];
  /** Episodes start within [startMs, endMs] of virtual time. */
  readonly startMs: number;
  readonly endMs: number;
  /** How many episodes at most (at least one). */
  readonly maxEpisodes: number;
  /** The clients' session timeout, for `expire-client` and `freeze-client` (1.5x to 2.5x of it). */
  readonly sessionTimeoutMs?: number;
}

/** The schedule of `seed` under `menu`. */
export function drawFaults(seed: number, menu: FaultMenu): FaultSchedule {
  const r = new Prng(seed, 'exercise-faults');
  const events: TimedFault[] = [];
  const servers = menu.servers.filter((s) => !(menu.spareServers ?? []).includes(s));
  const episodes = r.range(1, menu.maxEpisodes);
  let t = r.range(menu.startMs, menu.startMs + Math.floor((menu.endMs - menu.startMs) / (episodes + 1)));
  for (let i = 0; i < episodes && t <= menu.endMs; i++) {
    const kind = r.pick(menu.kinds);
    let end = t;
    switch (kind) {
      case 'crash': {
        if (servers.length === 0) break;
        const s = r.pick(servers);
        end = t + r.range(300, 4000);
        events.push({ at: t, fault: { kind: 'crash', node: s } }, { at: end, fault: { kind: 'restart', node: s } });
        break;
      }
      case 'isolate-server': {
        if (servers.length === 0) break;
        const s = r.pick(servers);
        end = t + r.range(300, 5000);
        events.push({ at: t, fault: { kind: 'partition', groups: [[s]] } }, { at: end, fault: { kind: 'heal' } });
        break;
      }
      case 'break-client': {
        const c = r.pick(menu.clients);
        for (const s of menu.servers) events.push({ at: t, fault: { kind: 'break', a: c, b: s } });
        end = t + 50;
        break;
      }
      case 'expire-client': {
        const c = r.pick(menu.clients);
        const timeout = menu.sessionTimeoutMs ?? 30_000;
        end = t + Math.floor((timeout * r.range(15, 25)) / 10);
        events.push({ at: t, fault: { kind: 'partition', groups: [[c]] } }, { at: end, fault: { kind: 'heal' } });
        break;
      }
      case 'freeze-server': {
        if (servers.length === 0) break;
        const s = r.pick(servers);
        const forMs = r.range(300, 5000);
        end = t + forMs;
        events.push({ at: t, fault: { kind: 'freeze', node: s, forMs } });
        break;
      }
      case 'freeze-client': {
        const c = r.pick(menu.clients);
        const forMs = Math.floor(((menu.sessionTimeoutMs ?? 30_000) * r.range(15, 25)) / 10);
        end = t + forMs;
        events.push({ at: t, fault: { kind: 'freeze', node: c, forMs } });
        break;
      }
      case 'slow-link': {
        const c = r.pick(menu.clients);
        const spike = r.range(1000, 5000);
        end = t + r.range(500, 5000);
        for (const s of menu.servers) events.push({ at: t, fault: { kind: 'latency', minMs: spike, maxMs: spike, between: [c, s] } });
        events.push({ at: end, fault: { kind: 'latency', minMs: 1, maxMs: 5 } });
        break;
      }
      case 'latency': {
        const hi = r.range(20, 300);
        end = t + r.range(500, 5000);
        events.push({ at: t, fault: { kind: 'latency', minMs: r.range(1, hi), maxMs: hi } }, { at: end, fault: { kind: 'latency', minMs: 1, maxMs: 5 } });
        break;
      }
    }
    t = end + r.range(500, 3000);
  }
  return toJsonSchedule(events);
}

/** One line per event, for the report of a failing schedule: `at 1200ms crash s2`. */
export function describeSchedule(schedule: FaultSchedule): string[] {
  return toTextSchedule(readJsonSchedule(schedule));
}
