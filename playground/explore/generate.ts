/**
 * One seed → every option of a run, as TigerBeetle's VOPR does it: the ensemble size (unless
 * fixed), the network's latency, the fault mix and pace, the clients, their session timeouts
 * and their workloads. Each concern draws from its own named PRNG stream (`options`,
 * `workload`), so changing how the workload is drawn never changes the faults.
 *
 * Imports the kernel's PRNG and the spec types.
 */

import { Prng } from '../sim/prng.ts';
import type { NodeId } from '../sim/types.ts';
import type { ClientPlan, EnsembleTiming, OpKind, PlannedOp, Workload } from './spec.ts';

/** The fault episodes the explorer draws (each aimed at the live ensemble when it fires). */
export const EXPLORER_EPISODES = [
  'crash-leader',
  'crash-follower',
  'crash-random',
  'isolate-leader',
  'isolate-follower',
  'minority-crash',
  'lag-then-crash-leader',
  'break-link',
  'slow-network',
  'freeze-leader',
  'freeze-follower',
  'freeze-client',
  'slow-link',
] as const;

/**
 * Episodes added after the first nine draw their weights from their own stream, so every
 * seed keeps the options (ensemble, timing, latency, fault pace, clients) it drew before.
 */
const LATER_EPISODES: ReadonlySet<ExplorerEpisode> = new Set(['freeze-leader', 'freeze-follower', 'freeze-client', 'slow-link']);

export type ExplorerEpisode = (typeof EXPLORER_EPISODES)[number];

export interface SeedOptions {
  readonly seed: number;
  readonly servers: number;
  readonly ensemble: EnsembleTiming;
  readonly latency: readonly [number, number];
  readonly faultPhaseMs: number;
  /** Mean gap between fault episodes, ms. */
  readonly faultGapMs: number;
  /** Relative weight of each fault kind (0 = never). */
  readonly faultMix: Readonly<Record<ExplorerEpisode, number>>;
  readonly clients: number;
}

export interface Overrides {
  readonly servers?: number;
}

export const serverIds = (n: number): NodeId[] => Array.from({ length: n }, (_, i) => `s${i + 1}`);

export function optionsForSeed(seed: number, overrides: Overrides = {}): SeedOptions {
  const r = new Prng(seed, 'options');
  const servers = overrides.servers ?? r.pick([3, 3, 5, 5, 7]);
  const tickTime = r.pick([100, 200, 200, 400]);
  const ensemble: EnsembleTiming = {
    tickTime,
    initLimit: r.pick([5, 10]),
    syncLimit: r.pick([2, 5]),
    maxNotificationIntervalMs: r.pick([1600, 6400, 60000]),
    maxSessionTimeout: 20 * tickTime,
  };
  const minLatency = r.range(1, 5);
  const latency: [number, number] = [minLatency, minLatency + r.range(0, r.pick([5, 20, 60]))];
  const faultMix = {} as Record<ExplorerEpisode, number>;
  const first = EXPLORER_EPISODES.filter((k) => !LATER_EPISODES.has(k));
  for (const k of first) faultMix[k] = r.range(0, 3);
  if (first.every((k) => faultMix[k] === 0)) faultMix[r.pick(first)] = 1;
  const later = new Prng(seed, 'options-later-episodes');
  for (const k of LATER_EPISODES) faultMix[k] = later.range(0, 3);
  return {
    seed,
    servers,
    ensemble,
    latency,
    faultPhaseMs: r.range(6000, 14000),
    faultGapMs: r.pick([600, 1200, 2500]),
    faultMix,
    clients: r.range(2, Math.min(5, servers + 1)),
  };
}

const KEYS = 4;

export function workloadForSeed(o: SeedOptions): Workload {
  const r = new Prng(o.seed, 'workload');
  const servers = serverIds(o.servers);
  const mix: [OpKind, number][] = [
    ['create', r.range(2, 5)],
    ['setData', r.range(2, 5)],
    ['delete', r.range(0, 2)],
    ['getData', r.range(1, 4)],
    ['exists', r.range(0, 2)],
    ['getChildren', r.range(0, 2)],
    ['sync-read', r.range(1, 4)],
  ];
  const total = mix.reduce((n, [, w]) => n + w, 0);
  const pipelineChance = r.pick([0, 10, 25]);
  const clients: ClientPlan[] = [];
  for (let i = 0; i < o.clients; i++) {
    // Client i starts at a different server (the last one, the first leader, gets client 0),
    // so clients sit on followers as well as on the leader.
    const first = (servers.length - 1 + i) % servers.length;
    const order = [...servers.slice(first), ...servers.slice(0, first)];
    const ops: PlannedOp[] = [];
    const count = r.range(15, 45);
    for (let k = 0; k < count; k++) {
      let x = r.int(total);
      let op: OpKind = 'getData';
      for (const [kind, w] of mix) {
        if (x < w) {
          op = kind;
          break;
        }
        x -= w;
      }
      const path = op === 'getChildren' ? '/' : `/k${r.int(KEYS)}`;
      const watch = (op === 'getData' || op === 'exists' || op === 'getChildren') && r.chance(1, 2);
      const pipeline = k > 0 && r.chance(pipelineChance, 100);
      ops.push({ op, path, thinkMs: r.range(0, 120), ...(watch ? { watch } : {}), ...(pipeline ? { pipeline } : {}) });
    }
    clients.push({ id: `c${i + 1}`, servers: order, sessionTimeoutMs: r.pick([2000, 4000, 6000, 10000]), ops });
  }
  return { clients };
}
