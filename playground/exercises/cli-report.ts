/**
 * What `npm run exercise -- check` prints for a check's report, and the messages between
 * the command and its worker thread. Pure: no Node, no DOM (tested in Node directly).
 *
 * - passed: `passed n of n schedules` (exit 0);
 * - failed: `failed on schedule k (seed s): <the problem>`, then the fault schedule, where in
 *   the trace it went wrong, and the command that replays that one schedule (exit 1);
 * - a compile error: `failed to compile: <file>:<line>:<column>: <message>` (exit 1).
 */
import { describeSchedule } from './faults.ts';
import type { CheckReport } from './run-check.ts';

/** What the command hands its worker. */
export interface CheckJob {
  readonly name: string;
  readonly file: string;
  readonly code: string;
  /** `import()`-able URL of the exercise's `check.ts`. */
  readonly checkUrl: string;
  readonly schedules: number | undefined;
  readonly seed: number | undefined;
  readonly verbose: boolean;
}

export type WorkerMessage =
  | { readonly type: 'alive' }
  | { readonly type: 'schedule'; readonly k: number; readonly seed: number }
  | { readonly type: 'done'; readonly text: string; readonly exitCode: 0 | 1 };

/** The replay command of one schedule. */
export function replayCommand(job: Pick<CheckJob, 'name' | 'file'>, seed: number): string {
  return `npm run --silent exercise -- check ${job.name} ${job.file} --seed ${seed} --schedules 1 --verbose`;
}

export function formatReport(job: CheckJob, report: CheckReport): { text: string; exitCode: 0 | 1 } {
  if (report.kind === 'compile-error') {
    const { message, line, column } = report.error;
    const where = line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : '';
    return { text: `failed to compile: ${job.file}${where}: ${message}\n`, exitCode: 1 };
  }
  if (report.kind === 'passed') return { text: `passed ${report.schedules} of ${report.schedules} schedules\n`, exitCode: 0 };
  const f = report.failure;
  const problem = f.judgement.ok ? 'the check failed' : f.judgement.problem;
  let text = `failed on schedule ${report.schedules} (seed ${f.seed}): ${problem}\n`;
  const faults = describeSchedule(f.faults);
  text += faults.length === 0 ? 'fault schedule: none\n' : `fault schedule:\n${faults.map((l) => `  ${l}\n`).join('')}`;
  if (!f.judgement.ok && f.judgement.at !== undefined) text += `where: trace event #${f.judgement.at} of ${f.trace.length}\n`;
  text += `replay: ${replayCommand(job, f.seed)}\n`;
  if (job.verbose) {
    const lines = f.output.map((l) => `  [t=${l.time} ms] ${l.stream === 'log' || l.stream === 'info' ? '' : `${l.stream}: `}${l.text}\n`);
    text += lines.length === 0 ? 'the program printed nothing\n' : `the program printed:\n${lines.join('')}`;
  }
  return { text, exitCode: 1 };
}
