/**
 * Runs a compiled reader program (`compileProgram`'s body) on a target, the simulation or
 * a real ensemble, and reports what it printed and how it ended.
 *
 * The body becomes an AsyncFunction whose parameters are the reader globals
 * (`READER_GLOBALS`), so the program sees those and the host's standard globals, never this
 * module's scope. Every client the program gets from `connect` is a thin facade over the
 * target's handle that
 * - records the reader's line at each call (the call-site stack frame of
 *   `reader-program.ts`), so an error that rejects later, from inside the client, is
 *   reported at the line that made the call;
 * - keeps the list of calls still waiting (`getData('/a') (client 1)`), for the stuck
 *   message;
 * - wraps watchers so that one that throws, or an async one that rejects, prints the error
 *   (`console.error`) instead of failing silently (the client swallows it, as Java's event
 *   thread does) or leaving an unhandled rejection.
 * At the end, whichever way the program ended, every client it opened that is not closed
 * yet is closed.
 *
 * The handle a program gets is a frozen object with exactly the `ZooKeeperClient` members
 * (listed below), never the target's own object: a simulated handle holds the simulation
 * itself (its trace, its fault controls), which the program must not reach, since an
 * exercise's judge reads that trace.
 *
 * Imports `program.ts`, `compile.ts` (the AsyncFunction constructor) and `console-format.ts`;
 * no DOM, no Node, no simulation (the target brings its clock).
 */
import { AsyncFunction } from './compile.ts';
import { formatConsoleArgs } from './console-format.ts';
import { PROGRAM_SOURCE_URL, READER_API_VALUES, READER_GLOBALS } from './program.ts';
import type { OutputLine, ProgramStatus, ProgramTarget, ReaderConnectOptions, ReaderConsole, RunResult, TargetClient } from './program.ts';
import type { Watcher, WatcherEvent, ZooKeeperClient } from '../client/index.ts';

export interface RunOptions {
  /** Called with each line as it is printed (to stream it); `RunResult.output` has them all. */
  readonly onOutput?: (line: OutputLine) => void;
  /** How long the program may wait before it is called stuck (target's clock; target default). */
  readonly limitMs?: number;
  /** How long closing the leftover clients may take (target's clock). Default 10000. */
  readonly closeLimitMs?: number;
}

const FRAME = new RegExp(`${PROGRAM_SOURCE_URL.replace(/\./g, '\\.')}:(\\d+):(\\d+)`);

let lineOffsetCache: number | undefined;

/** Lines the engine puts before the body of a `Function` (its header), measured once. */
function lineOffset(): number {
  if (lineOffsetCache === undefined) {
    lineOffsetCache = 0;
    try {
      new Function(...READER_GLOBALS, `throw new Error('probe')\n//# sourceURL=${PROGRAM_SOURCE_URL}`)();
    } catch (e) {
      const m = FRAME.exec(String((e as Error).stack));
      if (m !== null) lineOffsetCache = Number(m[1]) - 1;
    }
  }
  return lineOffsetCache;
}

/** The reader's line of the innermost program frame of a stack, if any. */
function readerLine(stack: unknown): number | undefined {
  if (typeof stack !== 'string') return undefined;
  const m = FRAME.exec(stack);
  return m === null ? undefined : Number(m[1]) - lineOffset();
}

function callSite(): number | undefined {
  return readerLine(new Error().stack);
}

function describeCall(name: string, args: readonly unknown[]): string {
  const first = args[0];
  return `${name}(${typeof first === 'string' ? `'${first}'` : ''})`;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** The error's fields for a `threw` status. */
function threwStatus(error: unknown, sites: WeakMap<object, number>): ProgramStatus {
  if (!(error instanceof Error)) {
    return { kind: 'threw', name: 'Error', message: `a non-Error value was thrown: ${formatConsoleArgs([error])}` };
  }
  const code = (error as { code?: unknown }).code;
  const line = sites.get(error) ?? readerLine(error.stack);
  return {
    kind: 'threw',
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** One line describing how a run ended (what a CLI prints). */
export function describeStatus(status: ProgramStatus): string {
  switch (status.kind) {
    case 'finished':
      return 'finished';
    case 'stuck':
      return `stuck: ${status.message}`;
    case 'threw':
      return `threw${status.line !== undefined ? ` at line ${status.line}` : ''}: ${thrownText(status)}`;
  }
}

/** What a program threw: `KeeperException CONNECTIONLOSS: …` (a code, except ILLEGAL_ARGUMENT's, after the name). */
export function thrownText(status: Extract<ProgramStatus, { kind: 'threw' }>): string {
  const code = status.code !== undefined && status.code !== 'ILLEGAL_ARGUMENT' ? ` ${status.code}` : '';
  return `${status.name}${code}: ${status.message}`;
}

/** The handle's properties and methods a program sees: `ZooKeeperClient`, nothing more. */
const CLIENT_PROPERTIES = ['state', 'sessionId', 'sessionTimeout'] as const satisfies readonly (keyof ZooKeeperClient)[];
const CLIENT_METHODS = [
  'create',
  'createWithStat',
  'delete',
  'exists',
  'getData',
  'setData',
  'getChildren',
  'getChildrenWithStat',
  'multi',
  'transaction',
  'sync',
  'addWatch',
  'removeWatches',
  'removeAllWatches',
  'getACL',
  'setACL',
  'addAuthInfo',
  'getEphemerals',
  'getAllChildrenNumber',
  'close',
] as const satisfies readonly (keyof ZooKeeperClient)[];
/** A member added to `ZooKeeperClient` and missing above fails the type check here. */
const _everyMember: [Exclude<keyof ZooKeeperClient, (typeof CLIENT_PROPERTIES)[number] | (typeof CLIENT_METHODS)[number]>] extends [never] ? true : never = true;

/** Run `js` (a compiled program body) on `target`: its output and how it ended. */
export async function runProgram(js: string, target: ProgramTarget, options: RunOptions = {}): Promise<RunResult> {
  const output: OutputLine[] = [];
  const print = (stream: OutputLine['stream'], args: readonly unknown[]): void => {
    const line: OutputLine = { stream, text: formatConsoleArgs(args) };
    output.push(line);
    options.onOutput?.(line);
  };
  // Frozen, as are the API's constant tables: an exercise's own code runs after the
  // reader's in the same scope, and must print and create as it says.
  const readerConsole: ReaderConsole = Object.freeze({
    log: (...a: unknown[]) => print('log', a),
    info: (...a: unknown[]) => print('info', a),
    warn: (...a: unknown[]) => print('warn', a),
    error: (...a: unknown[]) => print('error', a),
  });

  /** Error → reader line of the call that produced it. */
  const sites = new WeakMap<object, number>();
  const pending = new Map<number, string>();
  let nextPending = 1;
  const opened: TargetClient[] = [];

  const mark = (err: unknown, line: number | undefined): void => {
    if (line !== undefined && typeof err === 'object' && err !== null && !sites.has(err)) sites.set(err, line);
  };
  /** Track a promise as pending under `label`; errors it rejects with get the call's line. */
  const track = <T>(label: string, line: number | undefined, p: PromiseLike<T>): Promise<T> => {
    const id = nextPending++;
    pending.set(id, label);
    return Promise.resolve(p).then(
      (v) => (pending.delete(id), v),
      (e: unknown) => {
        pending.delete(id);
        mark(e, line);
        throw e;
      },
    );
  };

  const watchers = new WeakMap<Watcher, Watcher>();
  const wrapWatcher = (w: Watcher): Watcher => {
    let wrapped = watchers.get(w);
    if (wrapped === undefined) {
      const report = (err: unknown): void => {
        const line = err instanceof Error ? (sites.get(err) ?? readerLine(err.stack)) : undefined;
        print('error', [`a watcher threw${line !== undefined ? ` at line ${line}` : ''}:`, err]);
      };
      wrapped = (event: WatcherEvent) => {
        try {
          // An async watcher's rejection is reported like a throw, not left unhandled.
          const result: unknown = (w as (e: WatcherEvent) => unknown)(event);
          if (isThenable(result)) result.then(undefined, report);
        } catch (err) {
          report(err);
        }
      };
      watchers.set(w, wrapped);
    }
    return wrapped;
  };

  const wrapClient = (client: TargetClient, n: number): ZooKeeperClient => {
    const method = (name: (typeof CLIENT_METHODS)[number]) => {
      const fn = client[name] as (...args: unknown[]) => unknown;
      return (...args: unknown[]): unknown => {
        const line = callSite();
        const passed = args.map((a) => (typeof a === 'function' ? wrapWatcher(a as Watcher) : a));
        let result: unknown;
        try {
          result = fn.apply(client, passed);
        } catch (err) {
          mark(err, line);
          throw err;
        }
        return isThenable(result) ? track(`${describeCall(name, args)} (client ${n})`, line, result) : result;
      };
    };
    const facade: Record<string, unknown> = {};
    for (const name of CLIENT_PROPERTIES) Object.defineProperty(facade, name, { get: () => client[name], enumerable: true });
    for (const name of CLIENT_METHODS) Object.defineProperty(facade, name, { value: method(name), enumerable: true });
    return Object.freeze(facade) as unknown as ZooKeeperClient;
  };

  const connect = (o: ReaderConnectOptions = {}): Promise<ZooKeeperClient> => {
    const line = callSite();
    const client = target.createClient({
      ...(o.sessionTimeoutMs !== undefined ? { sessionTimeoutMs: o.sessionTimeoutMs } : {}),
      ...(o.watcher !== undefined ? { watcher: wrapWatcher(o.watcher) } : {}),
    });
    opened.push(client);
    const n = opened.length;
    return track(`connect() (client ${n})`, line, client.whenConnected()).then(() => wrapClient(client, n));
  };
  const sleep = (ms: number): Promise<void> => track(`sleep(${ms})`, callSite(), target.sleep(ms));
  const noTimers = (name: string) => (): never => {
    throw new Error(`${name} runs on the wall clock, outside the simulation: use \`await sleep(ms)\``);
  };

  const scope: Record<(typeof READER_GLOBALS)[number], unknown> = {
    connect,
    sleep,
    console: readerConsole,
    ...READER_API_VALUES,
    setTimeout: noTimers('setTimeout'),
    setInterval: noTimers('setInterval'),
  };
  const args = READER_GLOBALS.map((name) => scope[name]);

  let program: (...params: unknown[]) => Promise<unknown>;
  try {
    program = new AsyncFunction(...READER_GLOBALS, js);
  } catch (err) {
    return { output, status: threwStatus(err, sites) };
  }

  const idle = 'nothing a ZooKeeper call will settle (a watch that never fires? a promise nothing resolves?)';
  const result = await target.drive(
    () => program(...args),
    () => (pending.size > 0 ? [...pending.values()] : [idle]),
    options.limitMs,
  );
  let status: ProgramStatus;
  if (result.ok) status = { kind: 'finished' };
  else if ('stuck' in result) status = { kind: 'stuck', message: result.stuck };
  else status = threwStatus(result.error, sites);

  const open = opened.filter((c) => c.state !== 'CLOSED' && c.state !== 'AUTH_FAILED');
  if (open.length > 0) {
    await target.drive(
      () => Promise.all(open.map((c) => c.close().catch(() => undefined))),
      () => ['close() of the clients the program left open'],
      options.closeLimitMs ?? 10_000,
    );
  }
  return { output, status };
}
