/**
 * The server's watch tables (`server/watch/WatchManager`): one per kind (data, child), each
 * holding at most one entry per (watcher, path) with a mode — one-time (STANDARD),
 * PERSISTENT or PERSISTENT_RECURSIVE. A new entry replaces the watcher's entry for that path
 * whatever its mode. `triggerWatch` collects the watchers an event reaches (removing matched
 * one-time entries), then hands each one to `deliver` with the node's ACL so the server can
 * apply the READ filter of CVE-2024-23944 (a withheld event still uses the watch up).
 * A watcher is a server connection id (a number). Pure; imports only types.
 */
import type { ACL } from './acl.ts';

/** How a watch entry behaves when it fires. */
export type WatcherMode = 'STANDARD' | 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/** `Watcher.Event.EventType` names. */
export type EventType =
  | 'None'
  | 'NodeCreated'
  | 'NodeDeleted'
  | 'NodeDataChanged'
  | 'NodeChildrenChanged'
  | 'DataWatchRemoved'
  | 'ChildWatchRemoved'
  | 'PersistentWatchRemoved';

/** `Watcher.Event.KeeperState` names used by the simulation. */
export type KeeperState = 'SyncConnected' | 'Disconnected' | 'Expired' | 'Closed' | 'AuthFailed' | 'ConnectedReadOnly';

/** A watch notification: type, state and path — never the data. */
export interface WatchedEvent {
  readonly type: EventType;
  readonly state: KeeperState;
  /** The znode the event is about; null for connection-state events. */
  readonly path: string | null;
}

/** Called once per watcher an event reaches (before suppression by `suppress`). */
export type DeliverFn = (watcher: number, event: WatchedEvent, acl: readonly ACL[] | null) => void;

/** `/a/b/c` → `/a/b/c`, `/a/b`, `/a`, `/`. */
function* pathAndParents(path: string): Generator<string> {
  let p = path;
  yield p;
  while (p !== '/' && p.length > 0) {
    const i = p.lastIndexOf('/');
    p = i <= 0 ? '/' : p.slice(0, i);
    yield p;
  }
}

/** What a trigger that matched nobody returns (shared, read only). */
const NO_WATCHERS: ReadonlySet<number> = new Set();

/** One watch table (data or child). */
export class WatchManager {
  /** path → (watcher → mode), insertion ordered. */
  private readonly table = new Map<string, Map<number, WatcherMode>>();
  private readonly watch2Paths = new Map<number, Set<string>>();
  private recursiveQty = 0;
  private readonly deliver: DeliverFn;

  constructor(deliver: DeliverFn = () => {}) {
    this.deliver = deliver;
  }

  /** Add (or replace) the watcher's entry for `path`. Returns true if it was new. */
  addWatch(path: string, watcher: number, mode: WatcherMode = 'STANDARD'): boolean {
    let entries = this.table.get(path);
    if (entries === undefined) {
      entries = new Map();
      this.table.set(path, entries);
    }
    const prev = entries.get(watcher);
    if (prev === 'PERSISTENT_RECURSIVE') this.recursiveQty--;
    if (mode === 'PERSISTENT_RECURSIVE') this.recursiveQty++;
    entries.set(watcher, mode);
    let paths = this.watch2Paths.get(watcher);
    if (paths === undefined) {
      paths = new Set();
      this.watch2Paths.set(watcher, paths);
    }
    const isNew = !paths.has(path);
    paths.add(path);
    return isNew;
  }

  /** Drop every entry of a watcher (its connection closed). */
  removeWatcher(watcher: number): void {
    const paths = this.watch2Paths.get(watcher);
    if (paths === undefined) return;
    this.watch2Paths.delete(watcher);
    for (const p of paths) this.removeEntry(p, watcher);
  }

  private removeEntry(path: string, watcher: number): boolean {
    const entries = this.table.get(path);
    if (entries === undefined) return false;
    const mode = entries.get(watcher);
    if (mode === undefined) return false;
    if (mode === 'PERSISTENT_RECURSIVE') this.recursiveQty--;
    entries.delete(watcher);
    if (entries.size === 0) this.table.delete(path);
    return true;
  }

  /** `removeWatcher(path, watcher)`: remove one entry, any mode. */
  removeWatch(path: string, watcher: number): boolean {
    const paths = this.watch2Paths.get(watcher);
    if (paths === undefined || !paths.delete(path)) return false;
    return this.removeEntry(path, watcher);
  }

  /**
   * `containsWatcher(path, watcher)` exactly as 3.8 has it: true if *any* watcher has an
   * entry on `path` (so another session's watch counts), or if this watcher's entry there is
   * recursive.
   */
  containsWatcher(path: string, watcher: number): boolean {
    const mode = this.table.get(path)?.get(watcher) ?? 'STANDARD';
    for (const localPath of this.iterate(path)) {
      const watchers = this.table.get(localPath);
      if (localPath === path && watchers !== undefined && watchers.size > 0) return true;
      if (mode === 'PERSISTENT_RECURSIVE') return true;
    }
    return false;
  }

  /** The mode of a watcher's entry, if any (for views and tests). */
  modeOf(path: string, watcher: number): WatcherMode | undefined {
    return this.table.get(path)?.get(watcher);
  }

  /** Number of (watcher, path) entries. */
  size(): number {
    let n = 0;
    for (const e of this.table.values()) n += e.size;
    return n;
  }

  /** Every entry, for views: path, watcher, mode. */
  entries(): { path: string; watcher: number; mode: WatcherMode }[] {
    const out: { path: string; watcher: number; mode: WatcherMode }[] = [];
    for (const [path, e] of this.table) for (const [watcher, mode] of e) out.push({ path, watcher, mode });
    return out;
  }

  private *iterate(path: string): Generator<string> {
    if (this.recursiveQty === 0) {
      yield path;
      return;
    }
    yield* pathAndParents(path);
  }

  /**
   * Fire `type` on `path`: entries on the path (any mode) and recursive entries on its
   * ancestors (not for NodeChildrenChanged) match; matched one-time entries are removed.
   * Every matched watcher not in `suppress` gets `deliver`. Returns the matched set.
   */
  triggerWatch(path: string, type: EventType, acl: readonly ACL[] | null, suppress?: ReadonlySet<number>): ReadonlySet<number> {
    // No watch on the path (nor, without recursive watches, anywhere that matters): nothing
    // to match, remove or deliver — skip the path walk (every write takes this path when
    // nobody watches).
    if (this.table.size === 0 || (this.recursiveQty === 0 && !this.table.has(path))) return NO_WATCHERS;
    const event: WatchedEvent = { type, state: 'SyncConnected', path };
    const watchers = new Set<number>();
    for (const localPath of this.iterate(path)) {
      const entries = this.table.get(localPath);
      if (entries === undefined) continue;
      const atParent = localPath !== path;
      for (const [watcher, mode] of [...entries]) {
        if (mode === 'PERSISTENT_RECURSIVE') {
          if (type !== 'NodeChildrenChanged') watchers.add(watcher);
        } else if (!atParent) {
          watchers.add(watcher);
          if (mode === 'STANDARD') {
            entries.delete(watcher);
            this.watch2Paths.get(watcher)?.delete(localPath);
          }
        }
      }
      if (entries.size === 0) this.table.delete(localPath);
    }
    for (const w of watchers) {
      if (suppress?.has(w)) continue;
      this.deliver(w, event, acl);
    }
    return watchers;
  }
}
