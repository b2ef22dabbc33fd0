/**
 * Explorer throughput: seeds per second of wall time for ensembles of 3, 5 and 7 servers
 * (each seed a whole randomized run: workload, faults, liveness phase, every checker).
 */
import { addEnsembleForExplorer } from '../../playground/explore/ensemble.ts';
import { runSeed } from '../../playground/explore/run.ts';
import type { Figure } from './figure.ts';

const SEEDS = 100;

export async function bench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const servers of [3, 5, 7]) {
    runSeed(1, addEnsembleForExplorer, { servers }); // warm up
    const started = performance.now();
    let events = 0;
    for (let seed = 1000; seed < 1000 + SEEDS; seed++) events += runSeed(seed, addEnsembleForExplorer, { servers }).stats.events;
    const seconds = (performance.now() - started) / 1000;
    figures.push({ name: `explore: seeds per second, ${servers} servers`, value: Math.round((SEEDS / seconds) * 10) / 10, unit: 'seeds/s' });
    figures.push({ name: `explore: trace events per seed, ${servers} servers`, value: Math.round(events / SEEDS), unit: 'events' });
  }
  return figures;
}
