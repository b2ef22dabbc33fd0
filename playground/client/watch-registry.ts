/**
 * The client's own record of its watches (`ZKWatchManager`): one-time data, exist and child
 * watches, persistent and persistent-recursive watches, each a map path → watcher ids
 * (0 = the default watcher). `materialize` says which watchers an incoming event reaches
 * (removing matched one-time registrations); `removeWatcher` implements the client side of
 * `removeWatches` / `removeAllWatches` exactly as 3.8 (containment check first, then the
 * server's answer, then removal); `finish` is what both connections do with a request's
 * watch bookkeeping once its code is known. Pure; imports only zk types and codes, and the
 * transport's registration types.
 */
import { Code, KeeperException } from '../zk/errors.ts';
import type { EventType, WatchedEvent } from '../zk/watch-manager.ts';
import type { WatcherType } from '../zk/data-tree.ts';
import type { WatchDeregistration, WatchRegistration } from './transport.ts';

/** Which client table a registration goes to. */
export type WatchKind = 'data' | 'exist' | 'child' | 'persistent' | 'recursive';

type Table = Map<string, Set<number>>;

function add(t: Table, path: string, w: number): void {
  let s = t.get(path);
  if (s === undefined) t.set(path, (s = new Set()));
  s.add(w);
}

function addAll(from: Set<number> | undefined, to: Set<number>): void {
  if (from !== undefined) for (const w of from) to.add(w);
}

/** `/a/b` → `/a/b`, `/a`, `/`. */
function pathAndParents(path: string): string[] {
  const out = [path];
  let p = path;
  while (p !== '/' && p.length > 0) {
    const i = p.lastIndexOf('/');
    p = i <= 0 ? '/' : p.slice(0, i);
    out.push(p);
  }
  return out;
}

export class WatchRegistry {
  readonly data: Table = new Map();
  readonly exist: Table = new Map();
  readonly child: Table = new Map();
  readonly persistent: Table = new Map();
  readonly recursive: Table = new Map();

  /** `WatchRegistration.register(rc)`: where a watch goes once the reply code is known. */
  register(kind: WatchKind, path: string, watcher: number, rc: number): void {
    switch (kind) {
      case 'data':
        if (rc === 0) add(this.data, path, watcher);
        break;
      case 'exist':
        if (rc === 0) add(this.data, path, watcher);
        else if (rc === Code.NONODE) add(this.exist, path, watcher);
        break;
      case 'child':
        if (rc === 0) add(this.child, path, watcher);
        break;
      case 'persistent':
        if (rc === 0) add(this.persistent, path, watcher);
        break;
      case 'recursive':
        if (rc === 0) add(this.recursive, path, watcher);
        break;
    }
  }

  /** All watcher ids registered anywhere (for connection-state events), plus the default. */
  everyone(): number[] {
    const s = new Set<number>([0]);
    for (const t of [this.data, this.exist, this.child, this.persistent, this.recursive]) for (const ws of t.values()) addAll(ws, s);
    return [...s];
  }

  /** `materialize`: the watchers a notification reaches; one-time ones are used up. */
  materialize(event: WatchedEvent): number[] {
    const result = new Set<number>();
    const path = event.path ?? '';
    const type: EventType = event.type;
    const take = (t: Table): void => {
      addAll(t.get(path), result);
      t.delete(path);
    };
    switch (type) {
      case 'None':
        return this.everyone();
      case 'NodeDataChanged':
      case 'NodeCreated':
        take(this.data);
        take(this.exist);
        break;
      case 'NodeChildrenChanged':
        take(this.child);
        break;
      case 'NodeDeleted':
        take(this.data);
        take(this.exist);
        take(this.child);
        break;
      default:
        break;
    }
    addAll(this.persistent.get(path), result);
    for (const p of pathAndParents(path)) addAll(this.recursive.get(p), result);
    return [...result];
  }

  private contains(t: Table, path: string, watcher: number | null): boolean {
    const s = t.get(path);
    if (s === undefined) return false;
    return watcher === null ? s.size > 0 : s.has(watcher);
  }

  /** `containsWatcher`: throws NOWATCHER when the client has no such watch. */
  containsWatcher(path: string, watcher: number | null, type: WatcherType): void {
    const p = this.contains(this.persistent, path, watcher) || this.contains(this.recursive, path, watcher);
    let found: boolean;
    if (type === 'CHILDREN') found = this.contains(this.child, path, watcher) || p;
    else if (type === 'DATA') found = this.contains(this.data, path, watcher) || this.contains(this.exist, path, watcher) || p;
    else found = this.contains(this.child, path, watcher) || this.contains(this.data, path, watcher) || this.contains(this.exist, path, watcher) || p;
    if (!found) throw new KeeperException('NOWATCHER', path);
  }

  private removeFrom(t: Table, path: string, watcher: number | null, local: boolean, rc: number, removed: Set<number>): boolean {
    if (!local && rc !== 0) throw new KeeperException(rc, path);
    const s = t.get(path);
    if (s === undefined) return false;
    if (watcher === null) {
      t.delete(path);
      addAll(s, removed);
      return s.size > 0;
    }
    if (!s.delete(watcher)) return false;
    removed.add(watcher);
    if (s.size === 0) t.delete(path);
    return true;
  }

  /**
   * `ClientCnxn.finishPacket`'s watch bookkeeping, for both connections: the request's watch
   * is registered (if its code allows), its removal applied; each non-empty set of removed
   * watchers is an event to deliver (`queueEvent`: Disconnected when the request failed for
   * a lost connection or an expired session, else SyncConnected) and makes the code OK. A
   * removal the registry refuses gives that error's code.
   */
  finish(watch: WatchRegistration | undefined, unwatch: WatchDeregistration | undefined, rc: number): { err: number; events: { watchers: number[]; event: WatchedEvent }[] } {
    let err = rc;
    const events: { watchers: number[]; event: WatchedEvent }[] = [];
    if (watch !== undefined) this.register(watch.kind, watch.path, watch.watcher, rc);
    if (unwatch !== undefined) {
      const u = unwatch;
      try {
        const removed = this.removeWatcher(u.path, u.watcher, u.type, u.local, rc);
        const lost = rc === Code.SESSIONEXPIRED || rc === Code.CONNECTIONLOSS;
        for (const [type, ws] of removed) {
          if (ws.size === 0) continue;
          events.push({ watchers: [...ws], event: { type, state: lost ? 'Disconnected' : 'SyncConnected', path: u.path } });
          err = Code.OK;
        }
      } catch (e) {
        if (!(e instanceof KeeperException)) throw e;
        err = e.intValue;
      }
    }
    return { err, events };
  }

  /**
   * `removeWatcher(path, watcher, type, local, rc)`: returns, per removed-event type, the
   * watchers to notify. `watcher` null = all watchers (removeAllWatches). Throws NOWATCHER
   * or the server's error.
   */
  removeWatcher(path: string, watcher: number | null, type: WatcherType, local: boolean, rc: number): Map<EventType, Set<number>> {
    this.containsWatcher(path, watcher, type);
    const child = new Set<number>();
    const data = new Set<number>();
    const pers = new Set<number>();
    let removed: boolean;
    if (type === 'CHILDREN') {
      removed = this.removeFrom(this.child, path, watcher, local, rc, child);
    } else if (type === 'DATA') {
      removed = this.removeFrom(this.data, path, watcher, local, rc, data);
      removed = this.removeFrom(this.exist, path, watcher, local, rc, data) || removed;
    } else {
      removed = this.removeFrom(this.child, path, watcher, local, rc, child);
      removed = this.removeFrom(this.data, path, watcher, local, rc, data) || removed;
      removed = this.removeFrom(this.exist, path, watcher, local, rc, data) || removed;
      removed = this.removeFrom(this.persistent, path, watcher, local, rc, pers) || removed;
      removed = this.removeFrom(this.recursive, path, watcher, local, rc, pers) || removed;
    }
    if (!removed) throw new KeeperException('NOWATCHER', path);
    return new Map<EventType, Set<number>>([
      ['ChildWatchRemoved', child],
      ['DataWatchRemoved', data],
      ['PersistentWatchRemoved', pers],
    ]);
  }

  /** Paths to re-send in setWatches on reconnect. */
  lists(): { data: string[]; exist: string[]; child: string[]; persistent: string[]; recursive: string[] } {
    return {
      data: [...this.data.keys()],
      exist: [...this.exist.keys()],
      child: [...this.child.keys()],
      persistent: [...this.persistent.keys()],
      recursive: [...this.recursive.keys()],
    };
  }

  isEmpty(): boolean {
    return [this.data, this.exist, this.child, this.persistent, this.recursive].every((t) => t.size === 0);
  }

  clear(): void {
    for (const t of [this.data, this.exist, this.child, this.persistent, this.recursive]) t.clear();
  }
}
