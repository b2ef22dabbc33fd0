/**
 * `node scripts/ensemble-size-table.ts`: every shape of the Running ZooKeeper chapter's
 * ensemble-size figure as a Markdown table, for a developer who wants the figures in one view
 * (the chapter's figure is rendered from the same measurement at build time:
 * playground/measure/ensemble-size.ts, which says how a run is made and counted). Seeded, so
 * its output never varies.
 */
import { FIGURE_LOAD, WRITE_MESSAGE_TYPES, figureShapes, measureShape } from '../playground/measure/ensemble-size.ts';

console.log('| voters | observers | quorum | may fail | writes/s | write → commit (ms) | read (ms) | messages per write | by type |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const shape of figureShapes()) {
  const m = measureShape(shape);
  const byType = WRITE_MESSAGE_TYPES.map((t) => `${m.perWrite[t].toFixed(2)} ${t}`).join(', ');
  console.log(`| ${m.voters} | ${m.observers} | ${m.quorum} | ${m.tolerates} | ${m.writesPerSec.toFixed(1)} | ${m.commitMs.toFixed(1)} | ${m.readMs.toFixed(1)} | ${m.messagesPerWrite.toFixed(2)} | ${byType} |`);
}
console.log();
console.log(`${FIGURE_LOAD.writers} writers on the first voting follower, one setData in flight each; ${FIGURE_LOAD.measureMs / 1000} virtual seconds after a ${FIGURE_LOAD.warmupMs / 1000} s warm-up; mean of seeds ${FIGURE_LOAD.seeds.join(', ')}. Virtual time: no CPU, disk or bandwidth is modelled.`);
