/**
 * The worker thread of `npm run exercise -- check` (Node only): runs the check (`runCheck`)
 * on the reader's code and reports back, so that the main thread can end a program that
 * never yields (a `while (true) {}` blocks the thread it runs on, and no check could end it
 * from inside). Messages: `alive` (at most every 200 ms of wall-clock time, between kernel
 * events), `schedule` (schedule k with seed s starts), and one `done` with the text to print
 * and the exit code. The report's wording is `cli-report.ts`'s `formatReport`.
 */
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExerciseCheck } from '../../playground/exercises/exercise.ts';
import { runCheck } from '../../playground/exercises/run-check.ts';
import { formatReport } from '../../playground/exercises/cli-report.ts';
import type { CheckJob, WorkerMessage } from '../../playground/exercises/cli-report.ts';

// A reader's promise that rejects with nobody listening (a watcher's `void read()`) is the
// reader's business, as in the browser's worker: it must not end the check.
process.on('unhandledRejection', () => {});

const job = workerData as CheckJob;
const port = parentPort!;
const post = (m: WorkerMessage): void => port.postMessage(m);

let last = Date.now();
const yieldToHost = (): Promise<void> =>
  new Promise((resolve) => {
    const now = Date.now();
    if (now - last >= 200) {
      last = now;
      post({ type: 'alive' });
    }
    setImmediate(resolve);
  });

const check = ((await import(job.checkUrl)) as { default: ExerciseCheck }).default;
const first = job.seed ?? 1;
post({ type: 'schedule', k: 1, seed: first });
const report = await runCheck(check, job.code, {
  ...(job.schedules !== undefined ? { schedules: job.schedules } : {}),
  firstSeed: first,
  yieldToHost,
  onSchedule: (done) => post({ type: 'schedule', k: done + 1, seed: first + done }),
});
post({ type: 'done', ...formatReport(job, report) });
