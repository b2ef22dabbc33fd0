/**
 * Runs ordinary `async` code (reader code, tests, workloads) against a simulation on virtual
 * time, deterministically.
 *
 * The loop: start `main`; then, repeatedly, perform one kernel event. Only two kinds of event
 * can settle a promise: an `output` effect (handed synchronously to `onOutput` listeners,
 * which resolve the client's promises) and a `wake` (`sim.at`, which backs `sleep`). After
 * such an event the driver lets every pending continuation run before the next event: first
 * a cheap drain of the microtask queue, then, unless `main` has already settled, one yield to
 * the host (a macrotask, which runs only once the microtask queue is empty). Other events
 * (server-to-server traffic, timers) run back to back with no yield. So every `await`
 * continuation runs at the virtual instant that caused it, in the engine's deterministic
 * microtask order, and a seed still fixes the whole run.
 *
 * When nothing is left to simulate and `main` is still waiting, the driver returns `stuck`
 * with a description of what is pending, instead of hanging.
 *
 * Imports only `playground/sim`. Must not use `setTimeout`, `Date` or Node types: the host
 * yield is `setImmediate` or a `MessageChannel` round trip, detected at run time, or injected.
 */

import type { Simulation } from './simulation.ts';
import type { TimeMs } from './types.ts';

export type AsyncResult<T> = { ok: true; value: T } | { ok: false; error: unknown } | { ok: false; stuck: string };

export interface RunAsyncOptions {
  /** Give up (as `stuck`) after this many kernel events. Default 1,000,000. */
  maxEvents?: number;
  /** Give up (as `stuck`) when the next event is more than this much virtual time after the start. */
  maxTimeMs?: TimeMs;
  /** What the code is waiting on, e.g. `getData('/a') — no server reachable`, for the stuck message. */
  describePending?: () => string[];
  /** Let the host run every pending microtask (default: setImmediate, else a MessageChannel round trip). */
  yieldToHost?: () => Promise<void>;
}

/** Resolves after `ms` of virtual time (a `sim.at` wake-up, traced with `label`). */
export function sleep(sim: Simulation, ms: TimeMs, label: string = `sleep ${ms}ms`): Promise<void> {
  return new Promise((resolve) => sim.at(ms, label, resolve));
}

/** A few microtask turns: enough for short `await` chains, no host round trip. */
export async function drainMicrotasks(turns: number = 8): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

interface MessagePortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(value: unknown): void;
  close(): void;
}

interface HostGlobals {
  setImmediate?: (callback: () => void) => unknown;
  MessageChannel?: new () => { port1: MessagePortLike; port2: MessagePortLike };
}

/** The host's macrotask yield, found at run time (no DOM or Node types needed). */
export function defaultYieldToHost(): () => Promise<void> {
  const host = globalThis as unknown as HostGlobals;
  const setImmediate = host.setImmediate;
  if (typeof setImmediate === 'function') {
    return () => new Promise((resolve) => void setImmediate(() => resolve()));
  }
  const Channel = host.MessageChannel;
  if (typeof Channel === 'function') {
    return () =>
      new Promise((resolve) => {
        const channel = new Channel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          channel.port2.close();
          resolve();
        };
        channel.port2.postMessage(null);
      });
  }
  return () => drainMicrotasks(64);
}

export async function runAsync<T>(
  sim: Simulation,
  main: () => Promise<T> | T,
  options: RunAsyncOptions = {},
): Promise<AsyncResult<T>> {
  const maxEvents = options.maxEvents ?? 1_000_000;
  const yieldToHost = options.yieldToHost ?? defaultYieldToHost();
  const deadline = options.maxTimeMs === undefined ? Infinity : sim.now + options.maxTimeMs;
  let outcome: AsyncResult<T> | null = null;
  try {
    Promise.resolve(main()).then(
      (value) => void (outcome = { ok: true, value }),
      (error: unknown) => void (outcome = { ok: false, error }),
    );
  } catch (error) {
    return { ok: false, error };
  }
  let mayHaveSettled = true; // main's first synchronous part just ran
  let events = 0;
  for (;;) {
    if (mayHaveSettled) {
      await drainMicrotasks();
      if (outcome) return outcome;
      await yieldToHost();
      if (outcome) return outcome;
    }
    const next = sim.nextEventTime();
    if (next === undefined) {
      return { ok: false, stuck: stuckMessage(sim, options, 'the simulation is idle: nothing left can settle it') };
    }
    if (next > deadline) {
      return { ok: false, stuck: stuckMessage(sim, options, `still waiting after ${options.maxTimeMs} ms of virtual time`) };
    }
    if (events >= maxEvents) {
      return { ok: false, stuck: stuckMessage(sim, options, `still waiting after ${maxEvents} events`) };
    }
    const before = sim.trace.length;
    sim.step();
    events++;
    mayHaveSettled = false;
    for (let i = before; i < sim.trace.length; i++) {
      const kind = sim.trace[i]!.kind;
      if (kind === 'output' || kind === 'wake') {
        mayHaveSettled = true;
        break;
      }
    }
  }
}

function stuckMessage(sim: Simulation, options: RunAsyncOptions, why: string): string {
  const pending = options.describePending?.() ?? [];
  const what = pending.length > 0 ? pending.join('; ') : 'a promise the simulation never settled';
  return `waiting on ${what} (t=${sim.now} ms, ${why})`;
}
