/**
 * The real target of a reader program: "the ensemble" is the servers of a connect string,
 * `connect` creates `node/real` clients (TCP, Node only), `sleep` uses real timers, and
 * a program still waiting after a wall-clock limit (default 60 s) ends as stuck, with the
 * calls it is waiting on. Used by `npm run client -- --target real`.
 *
 * Node only (timers, TCP). Imports `node/real` and the program contract of
 * `playground/programs/program.ts`.
 */
import { createClient } from '../real/index.ts';
import type { DriveResult, ProgramTarget, ReaderConnectOptions, TargetClient } from '../../playground/programs/program.ts';

export interface RealTargetOptions {
  /** `host:port,host:port,...` of the ensemble. */
  readonly connectString: string;
  /** Give up waiting (stuck) after this many wall-clock ms per run. Default 60000. */
  readonly timeoutMs?: number;
}

export interface RealTarget extends ProgramTarget {
  readonly kind: 'real';
  readonly connectString: string;
}

/** A target on a real ZooKeeper ensemble. */
export function realTarget(options: RealTargetOptions): RealTarget {
  const defaultLimit = options.timeoutMs ?? 60_000;
  return {
    kind: 'real',
    connectString: options.connectString,
    createClient(o: ReaderConnectOptions): TargetClient {
      return createClient({
        connectString: options.connectString,
        ...(o.sessionTimeoutMs !== undefined ? { sessionTimeoutMs: o.sessionTimeoutMs } : {}),
        ...(o.watcher !== undefined ? { watcher: o.watcher } : {}),
      });
    },
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    async drive<T>(main: () => Promise<T>, describePending: () => string[], limitMs?: number): Promise<DriveResult<T>> {
      const limit = limitMs ?? defaultLimit;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<DriveResult<T>>((resolve) => {
        timer = setTimeout(() => {
          const pending = describePending();
          const what = pending.length > 0 ? pending.join('; ') : 'a promise nothing settled';
          resolve({ ok: false, stuck: `waiting on ${what} (still waiting after ${limit} ms on ${options.connectString})` });
        }, limit);
      });
      const run = (async (): Promise<DriveResult<T>> => {
        try {
          return { ok: true, value: await main() };
        } catch (error) {
          return { ok: false, error };
        }
      })();
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
