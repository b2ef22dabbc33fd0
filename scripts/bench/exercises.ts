/**
 * Exercise checks in Node: how long each exercise's full check of its solution takes (every
 * schedule runs, since the solution passes them all), the same runner as the page's worker
 * (`runCheck`), without the browser. A proxy for the browser figure of `playground.ts`
 * (budget: 3 s per check of 100 schedules in the browser), and quick to run:
 * `npm run bench exercises`. Wall time and this process's CPU time (the wall time grows
 * with whatever else the machine runs; the CPU time does not much). Also the schedules'
 * virtual time and kernel events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ExerciseCheck } from '../../playground/exercises/exercise.ts';
import { compileExercise, runSchedule } from '../../playground/exercises/run-check.ts';
import type { Figure } from './figure.ts';

const DIR = new URL('../../content/exercises/', import.meta.url);

export async function bench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const name of readdirSync(DIR).sort()) {
    const check = ((await import(new URL(`${name}/check.ts`, DIR).href)) as { default: ExerciseCheck }).default;
    const compiled = compileExercise(check, readFileSync(new URL(`${name}/solution.ts`, DIR), 'utf8'));
    if (!compiled.ok) throw new Error(`${name}: the solution does not compile`);
    // Once to warm the JIT, then timed.
    await runSchedule(check, compiled.composed, compiled.js, 1);
    let events = 0;
    let virtualMs = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let seed = 1; seed <= check.schedules; seed++) {
      const run = await runSchedule(check, compiled.composed, compiled.js, seed);
      if (!run.judgement.ok) throw new Error(`${name}: the solution failed schedule ${seed}: ${run.judgement.problem}`);
      events += run.trace.length;
      virtualMs = Math.max(virtualMs, run.trace.at(-1)?.time ?? 0);
    }
    const wall = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    figures.push({ name: `exercise: check of ${check.schedules} schedules, ${name} (Node, wall)`, value: wall, unit: 'ms' });
    // CPU time of this process: what the check costs when the machine is not shared.
    figures.push({ name: `exercise: check of ${check.schedules} schedules, ${name} (Node, CPU)`, value: Math.round((cpu.user + cpu.system) / 1000), unit: 'ms' });
    figures.push({ name: `exercise: ${name}, trace events per schedule (mean)`, value: Math.round(events / check.schedules), unit: 'events' });
    figures.push({ name: `exercise: ${name}, longest schedule`, value: virtualMs, unit: 'virtual ms' });
  }
  return figures;
}
