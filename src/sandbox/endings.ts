/**
 * What the page says when the sandbox ends a job, worded from what is actually known about
 * why, never from a guess presented as the cause.
 *
 * - A stall (no beat from the worker for a while) says only what the watchdog saw: the
 *   program did not yield. An endless loop, a long but finite computation and allocation
 *   that keeps the garbage collector busy all look the same from outside, so the message
 *   names all three rather than calling every stall "an infinite loop".
 * - A crash (the worker's `error` event) is an error nothing caught: code scheduled outside
 *   the simulation's flow (a microtask, a port handler) threw. Only when the browser's
 *   message says the worker ran out of memory does the page say so.
 * - The wall-clock budget and the reader's Stop say just that.
 *
 * Pure; imports nothing.
 */

const seconds = (ms: number): string => `${(ms / 1000).toFixed(0)} s`;

/** No beat for `stallMs`: the program did not yield to the simulation. */
export function stalledMessage(stallMs: number): string {
  return (
    `Stopped: the program ran for ${seconds(stallMs)} of wall-clock time without yielding to the simulation, so the sandbox was ended (the page was never blocked). ` +
    'From outside, the sandbox cannot tell why: a loop that never ends (such as `while (true) {}`, or `for (;;) await null;`), a long synchronous computation, ' +
    'and allocating memory without bound all look like this. Run starts a fresh one.'
  );
}

/** The browser's words for a worker that ran out of memory, or an allocation that failed. */
const OUT_OF_MEMORY = /out of memory|allocation failed|invalid (array|string|typed array) length|heap limit/i;

/** The worker's `error` event: an uncaught error (`raw` is the browser's message, e.g. "Uncaught Error: x"). */
export function crashedMessage(raw: string): string {
  const what = raw.replace(/^Uncaught\s+/, '').trim() || 'an error without a message';
  if (OUT_OF_MEMORY.test(raw)) return `Stopped: the sandbox ran out of memory (${what}): the program allocated more than the sandbox gives. Run starts a fresh one.`;
  return (
    `Stopped: an error nothing caught ended the sandbox: ${what}. ` +
    'It was thrown outside your program’s flow, from code scheduled where no `try` or `await` can reach it (such as `queueMicrotask` or a MessagePort handler). Run starts a fresh one.'
  );
}

/** The job ran past its wall-clock budget while still yielding. */
export function budgetMessage(budgetMs: number): string {
  return `Stopped: the job took more than ${seconds(budgetMs)} of wall-clock time, the sandbox's budget. Run starts a fresh one.`;
}
