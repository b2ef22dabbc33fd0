/**
 * Every simulated ensemble of the project is built here, with one of a few named settings:
 *
 * - `stock`: a stock 3.8 `zoo.cfg` (tickTime 2000, so session timeouts 4..40 s; no TTL
 *   nodes) — what a reader's program meets, like `--target real` on Debian's server.
 * - `book`: the labs' timing, quick enough to watch with ZooKeeper's ratios kept
 *   (tickTime 400, initLimit 5, syncLimit 3, FLE's back-off ceiling 3.2 s).
 * - `conformance`: the settings the conformance records were taken with (tickTime 200,
 *   minSessionTimeout 400, TTL nodes on, a container reaper every 500 ms).
 * - `figure`: the zkCli figures' server (tickTime 200, TTL nodes on, a quick reaper).
 *
 * `buildEnsemble(sim, { preset, size })` adds a standalone server `s1` for size 1 (as
 * `zkServer.sh` with no quorum) or `size` quorum peers `s1..sN` (plus observers), and
 * returns their ids. Imports the server, the peer builder and the configs.
 */
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { ZooKeeperServer } from '../zk/server.ts';
import type { ServerConfig } from '../zk/server.ts';
import { DEFAULT_ZAB_CONFIG } from './config.ts';
import type { ZabConfig } from './config.ts';
import { addEnsemble } from './ensemble.ts';
import type { MutantName } from './mutants.ts';

/** A named setting: the quorum's timing and the client-facing server settings. */
export interface Preset {
  readonly zab: Partial<Omit<ZabConfig, 'server'>>;
  readonly server: ZabConfig['server'];
}

export const PRESETS = {
  stock: { zab: {}, server: {} },
  book: { zab: { tickTime: 400, initLimit: 5, syncLimit: 3, finalizeWaitMs: 200, maxNotificationIntervalMs: 3200 }, server: {} },
  conformance: {
    zab: { tickTime: 200, initLimit: 10, syncLimit: 5 },
    server: { minSessionTimeout: 400, maxSessionTimeout: 60000, extendedTypesEnabled: true, containerCheckIntervalMs: 500, maxNeverUsedIntervalMs: 0, juteMaxBuffer: 1048575 },
  },
  figure: { zab: { tickTime: 200 }, server: { extendedTypesEnabled: true, containerCheckIntervalMs: 500 } },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

/** A preset as a Zab configuration (what `addEnsemble` takes). */
export function zabConfigOf(name: PresetName): Partial<ZabConfig> {
  const p: Preset = PRESETS[name];
  return { ...p.zab, server: p.server };
}

/** A preset as a standalone server's configuration. */
export function serverConfigOf(name: PresetName): ServerConfig {
  const p: Preset = PRESETS[name];
  return { tickTime: p.zab.tickTime ?? DEFAULT_ZAB_CONFIG.tickTime, ...p.server };
}

export interface BuildOptions {
  readonly preset: PresetName;
  /** 1: a standalone server `s1`; 3, 5, 7: quorum peers `s1..sN`. Default 1. */
  readonly size?: number;
  /** Observers after the voters (an ensemble only). */
  readonly observers?: number;
  readonly mutant?: MutantName;
}

/** Add the servers to `sim`; their ids, in order. */
export function buildEnsemble(sim: Simulation, options: BuildOptions): NodeId[] {
  const size = options.size ?? 1;
  if (size === 1 && options.observers === undefined && options.mutant === undefined) {
    const config = serverConfigOf(options.preset);
    sim.addNode('s1', (id) => new ZooKeeperServer(id, config));
    return ['s1'];
  }
  return addEnsemble(sim, {
    size,
    config: zabConfigOf(options.preset),
    ...(options.observers !== undefined ? { observers: options.observers } : {}),
    ...(options.mutant !== undefined ? { mutant: options.mutant } : {}),
  });
}
