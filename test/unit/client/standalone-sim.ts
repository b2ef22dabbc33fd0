/**
 * Test helpers for client tests on one simulated standalone server with the conformance
 * settings (the settings the real records were made with): a fresh simulation, a program
 * run on it to its end, and what a call ended with as a code. Used by the client, server and
 * client-timer tests (unit and real).
 */
import { Simulation, runAsync } from '../../../playground/sim/index.ts';
import { ZooKeeperServer } from '../../../playground/zk/server.ts';
import { serverConfigOf } from '../../../playground/zab/presets.ts';

export const CONFORMANCE_SERVER_CONFIG = serverConfigOf('conformance');

/** A simulation of seed `seed` with one standalone server `s1`. */
export function standaloneSim(seed: number): Simulation {
  const sim = new Simulation({ seed });
  sim.addNode('s1', (id) => new ZooKeeperServer(id, CONFORMANCE_SERVER_CONFIG));
  return sim;
}

/** Run `main` on `sim` (up to an hour of virtual time); its value, or its error or why it got stuck. */
export async function runOn<T>(sim: Simulation, main: () => Promise<T>): Promise<T> {
  const r = await runAsync(sim, main, { maxTimeMs: 3_600_000 });
  if (!r.ok) throw 'error' in r ? r.error : new Error(r.stuck);
  return r.value;
}

/** `'ok'`, or the code a call failed with (`'NONODE'`). */
export const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );
