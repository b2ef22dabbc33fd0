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
 * - `latency`: the network slows down for a while.
 *
 * Output is the book's fault-schedule format (`playground/zab/fault-schedule.ts`), so a
 * failing schedule is data: shown, linked, replayed. Imports the kernel's PRNG only.
 */
import { Prng } from '../sim/prng.ts';
import type { NodeId } from '../sim/types.ts';
import type { FaultEvent, FaultSchedule } from '../zab/fault-schedule.ts';

export type FaultKind = 'crash' | 'isolate-server' | 'break-client' | 'expire-client' | 'latency';

export interface FaultMenu {
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  /** Kinds to draw from (each equally likely). */
  readonly kinds: readonly FaultKind[];
  /** Servers never crashed or isolated (e.g. the one a first program sits on). */
  readonly spareServers?: readonly NodeId[];
  /** Episodes start within [startMs, endMs] of virtual time. */
  readonly startMs: number;
  readonly endMs: number;
  /** How many episodes at most (at least one). */
  readonly maxEpisodes: number;
  /** The clients' session timeout, for `expire-client` (cut off for 1.5x to 2.5x of it). */
  readonly sessionTimeoutMs?: number;
}

/** The schedule of `seed` under `menu`. */
export function drawFaults(seed: number, menu: FaultMenu): FaultSchedule {
  const r = new Prng(seed, 'exercise-faults');
  const events: FaultEvent[] = [];
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
        events.push({ at: t, crash: s }, { at: end, restart: s });
        break;
      }
      case 'isolate-server': {
        if (servers.length === 0) break;
        const s = r.pick(servers);
        end = t + r.range(300, 5000);
        events.push({ at: t, partition: [[s]] }, { at: end, heal: true });
        break;
      }
      case 'break-client': {
        const c = r.pick(menu.clients);
        for (const s of menu.servers) events.push({ at: t, break: [c, s] });
        end = t + 50;
        break;
      }
      case 'expire-client': {
        const c = r.pick(menu.clients);
        const timeout = menu.sessionTimeoutMs ?? 30_000;
        end = t + Math.floor((timeout * r.range(15, 25)) / 10);
        events.push({ at: t, partition: [[c]] }, { at: end, heal: true });
        break;
      }
      case 'latency': {
        const hi = r.range(20, 300);
        end = t + r.range(500, 5000);
        events.push({ at: t, latency: [r.range(1, hi), hi] }, { at: end, latency: [1, 5] });
        break;
      }
    }
    t = end + r.range(500, 3000);
  }
  return { version: 1, events };
}

/** One line per event, for the report of a failing schedule. */
export function describeSchedule(schedule: FaultSchedule): string[] {
  return schedule.events.map((e) => {
    const at = `t=${e.at} ms`;
    if ('crash' in e) return `${at}: crash ${e.crash}`;
    if ('restart' in e) return `${at}: restart ${e.restart}`;
    if ('partition' in e) return `${at}: partition ${e.partition.map((g) => `{${g.join(', ')}}`).join(' | ')} | {everyone else}`;
    if ('heal' in e) return `${at}: heal the partition`;
    if ('break' in e) return `${at}: break the ${e.break[0]}–${e.break[1]} connection`;
    return `${at}: latency ${e.latency[0]}..${e.latency[1]} ms`;
  });
}
