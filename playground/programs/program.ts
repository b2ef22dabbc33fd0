/**
 * The reader program contract: what a program typed into the book's editor (or run with
 * `npm run client`) is, which names it has in scope, and what running it produces.
 *
 * A reader program is TypeScript with top-level `await` and no `import`/`export` (a bare
 * `export {};` line, which editors add to make top-level `await` type-check, is allowed and
 * ignored). Everything it needs is already in scope, as parameters of the function the
 * program's body becomes (so it never sees the runner's module scope):
 *
 * - `connect(options?: { sessionTimeoutMs?, watcher? }): Promise<ZooKeeperClient>` opens a
 *   session on "the ensemble": the simulated one, or the real servers of a connect string.
 *   Resolves once the session is established.
 * - `sleep(ms)`: virtual time on the simulation, real timers on a real ensemble.
 * - `console.log` / `info` / `warn` / `error`: captured, in order (`log`/`info` are output,
 *   `warn`/`error` are the error stream).
 * - The client API values: `CreateMode`, `OPEN_ACL_UNSAFE`, `CREATOR_ALL_ACL`,
 *   `READ_ACL_UNSAFE`, `Perms`, `Op`, `KeeperException`, `IllegalArgumentException`,
 *   `decode` (bytes → string, null stays null).
 * - `setTimeout` / `setInterval` are shadowed by functions that throw: they would run on the
 *   wall clock, outside the simulation; `await sleep(ms)` is the portable way to wait.
 *
 * A run ends `finished`, `threw` (the message, the reader's line, a KeeperException's code)
 * or `stuck` (what the program was still waiting on). Every client the program opened is
 * closed at the end, whichever way it ended. `reader-api.d.ts` declares the same globals for
 * type checking and the editor.
 *
 * Pure (types and the value table): imports `playground/client`'s public API only; no DOM, no Node.
 */
import {
  CREATOR_ALL_ACL,
  CreateMode,
  IllegalArgumentException,
  KeeperException,
  OPEN_ACL_UNSAFE,
  Op,
  Perms,
  READ_ACL_UNSAFE,
  decode,
} from '../client/index.ts';
import type { Watcher, ZooKeeperClient } from '../client/index.ts';

/** The options a reader program passes to `connect` (everything else is the target's). */
export interface ReaderConnectOptions {
  /** Requested session timeout in ms (default 30000, as the Java examples). */
  readonly sessionTimeoutMs?: number;
  /** The default watcher: connection-state events and watches set with `watch: true`. */
  readonly watcher?: Watcher;
}

/** Where a program runs: the simulation or a real ensemble. One target serves one run. */
export interface ProgramTarget {
  /** `'simulation'` or `'real'` (for messages). */
  readonly kind: 'simulation' | 'real';
  /** A new handle on the target's ensemble, connecting in the background. */
  createClient(options: ReaderConnectOptions): TargetClient;
  /** Wait `ms` on the target's clock. */
  sleep(ms: number): Promise<void>;
  /**
   * Run `main` to its end on the target's clock. `describePending` lists what the program
   * is waiting on, for the stuck message. `limit` bounds the wait (virtual ms on the
   * simulation, wall-clock ms on a real ensemble); the target has a default.
   */
  drive<T>(main: () => Promise<T>, describePending: () => string[], limitMs?: number): Promise<DriveResult<T>>;
}

/** A client handle as a target creates it: the reader API plus "resolve once connected". */
export interface TargetClient extends ZooKeeperClient {
  /** Resolves when CONNECTED; rejects (SESSIONEXPIRED, AUTHFAILED) if the handle dies first. */
  whenConnected(): Promise<void>;
}

/** How `drive` ended (the async driver's result shape). */
export type DriveResult<T> = { ok: true; value: T } | { ok: false; error: unknown } | { ok: false; stuck: string };

/** One printed line, tagged with the console method that printed it. */
export interface OutputLine {
  readonly stream: 'log' | 'info' | 'warn' | 'error';
  readonly text: string;
}

/** Where a reader's line/column points (1-based), when known. */
export interface SourcePosition {
  readonly line: number;
  readonly column?: number;
}

/** How a run ended. */
export type ProgramStatus =
  | { readonly kind: 'finished' }
  | {
      readonly kind: 'threw';
      /** The error's name (`KeeperException`, `TypeError`, ...). */
      readonly name: string;
      readonly message: string;
      /** A KeeperException's code name (`NONODE`), `ILLEGAL_ARGUMENT`, or undefined. */
      readonly code?: string;
      /** The reader's line of the call that failed (or of the throw), when known. */
      readonly line?: number;
    }
  | { readonly kind: 'stuck'; readonly message: string };

/** The result of `runProgram`. */
export interface RunResult {
  readonly output: readonly OutputLine[];
  readonly status: ProgramStatus;
}

/** The console a program sees. */
export interface ReaderConsole {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}

/** Freeze a constant table and what it holds (create modes, permission bits, ACL lists, Op builders). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
for (const table of [CreateMode, Perms, Op, OPEN_ACL_UNSAFE, CREATOR_ALL_ACL, READ_ACL_UNSAFE]) deepFreeze(table);

/** The API values every program has in scope (the same on every target); the tables are frozen. */
export const READER_API_VALUES = {
  CreateMode,
  OPEN_ACL_UNSAFE,
  CREATOR_ALL_ACL,
  READ_ACL_UNSAFE,
  Perms,
  Op,
  KeeperException,
  IllegalArgumentException,
  decode,
} as const;

/** Every name in a program's scope, in the order of the program function's parameters. */
export const READER_GLOBALS = [
  'connect',
  'sleep',
  'console',
  ...(Object.keys(READER_API_VALUES) as (keyof typeof READER_API_VALUES)[]),
  'setTimeout',
  'setInterval',
] as const;

/** Name of the program's source in stack traces (`//# sourceURL=`). */
export const PROGRAM_SOURCE_URL = 'reader-program.ts';
