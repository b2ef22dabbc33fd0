/**
 * Where the `load` scenario (5 servers, 20 clients, znodes created under /bench) first has
 * a given number of znodes on some server: the position the views benchmark and the
 * large-tree end-to-end test open their links at.
 */
import { SCENARIOS, Timeline } from '../../playground/timeline/index.ts';
import { ServerTrees } from '../../src/views/server-trees.ts';

/** The first position at which some server's tree holds `count` znodes under /bench. */
export function positionWithZnodes(count: number, seed = 1): number {
  const tl = new Timeline(SCENARIOS.get('load')!, seed);
  for (let t = 500; t < 60_000; t += 250) {
    tl.seekTime(t);
    const trees = new ServerTrees(tl.trace);
    const n = Math.max(...tl.servers.map((s) => trees.treeAt(s, tl.position).znodes.filter((z) => z.path.startsWith('/bench/')).length));
    if (n >= count) return tl.position;
  }
  throw new Error(`load scenario never reached ${count} znodes`);
}
