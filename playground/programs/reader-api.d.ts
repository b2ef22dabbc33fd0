/**
 * The names a reader program has in scope (the contract of `program.ts`), as global
 * declarations: for type checking programs on disk (`content/examples/*.ts`, which end with
 * `export {};` so that top-level `await` type-checks) and, bundled, for the editor.
 *
 * Every type comes from `playground/client`'s own declarations (`import type`), never a
 * copy, so the API the reader sees cannot drift from the one the clients implement.
 *
 * Decision (Monaco): `addExtraLib` takes one self-contained text, and this file imports
 * `../client/index.ts`, which reaches the client, the server and the kernel. So the editor
 * does not load this file: `node/reader-types/build-reader-dts.ts` emits the declarations of
 * this file and of everything it imports (TypeScript's declaration emit) into one text,
 * each module wrapped as an ambient `declare module 'ensemble:<path>'` with its imports rewritten to
 * those names. The site's build serves that text to the editor as a virtual module
 * (`src/editor/vite-reader-dts.mjs`, `READER_API_DTS`, passed to `addExtraLib`). A unit
 * test checks that a program type-checks against that text alone (ES lib, no DOM, no Node).
 *
 * A consequence to know: this file is part of the playground and root type-check programs,
 * so these globals are declared there too (a file that forgets to import `decode` still
 * type-checks). Declarations only; imports types from `playground/client` and `program.ts`.
 */
import type * as zk from '../client/index.ts';
import type { ReaderConnectOptions } from './program.ts';

declare global {
  /** Open a session on the ensemble (simulated, or the real connect string); resolves once connected. */
  function connect(options?: ReaderConnectOptions): Promise<zk.ZooKeeperClient>;
  /** Wait `ms` milliseconds (virtual time on the simulation). */
  function sleep(ms: number): Promise<void>;

  /** What `console.log` and friends print: one line per call, captured in order. */
  interface Console {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
  }
  var console: Console;

  /** Create modes (`CreateMode.PERSISTENT`, `CreateMode.EPHEMERAL_SEQUENTIAL`, ...). */
  const CreateMode: typeof zk.CreateMode;
  type CreateMode = zk.CreateMode;
  /** Permission bits (`ZooDefs.Perms`). */
  const Perms: typeof zk.Perms;
  /** `[31 world:anyone]`: everyone may do everything. */
  const OPEN_ACL_UNSAFE: typeof zk.OPEN_ACL_UNSAFE;
  /** `[31 auth:]`: the creator's authenticated identities may do everything. */
  const CREATOR_ALL_ACL: typeof zk.CREATOR_ALL_ACL;
  /** `[1 world:anyone]`: everyone may read. */
  const READ_ACL_UNSAFE: typeof zk.READ_ACL_UNSAFE;
  /** Builders of `multi` operations (`Op.create(...)`, `Op.check(...)`, ...). */
  const Op: typeof zk.Op;
  type Op = zk.Op;
  /** A ZooKeeper error: `err.code` is the code name (`'NONODE'`). */
  const KeeperException: typeof zk.KeeperException;
  type KeeperException = zk.KeeperException;
  /** What the client refuses before sending (a bad path, ...): `err.code === 'ILLEGAL_ARGUMENT'`. */
  const IllegalArgumentException: typeof zk.IllegalArgumentException;
  type IllegalArgumentException = zk.IllegalArgumentException;
  /** Znode data as text (UTF-8); null stays null. */
  const decode: typeof zk.decode;

  type ZooKeeperClient = zk.ZooKeeperClient;
  type ConnectOptions = ReaderConnectOptions;
  type Watcher = zk.Watcher;
  type WatcherEvent = zk.WatcherEvent;
  type EventType = zk.EventType;
  type KeeperState = zk.KeeperState;
  type States = zk.States;
  type Stat = zk.Stat;
  type ACL = zk.ACL;
  type Id = zk.Id;
  type DataInput = zk.DataInput;
  type OpResult = zk.OpResult;
  type Transaction = zk.Transaction;
  type AddWatchMode = zk.AddWatchMode;
  type WatcherType = zk.WatcherType;
}
