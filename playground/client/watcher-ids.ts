/**
 * A client handle's watcher objects by number, as the Java `ZooKeeper` handle keeps its
 * `Watcher`s: the default watcher (given to `connect`) is 0, and every other watcher gets the
 * next number the first time it is passed. `registration` is what a read asks to watch;
 * `dispatch` calls the watchers an event reaches, and one that throws does not stop the rest
 * (the Java client's event thread goes on). Shared by the simulated and the real client.
 * Pure; imports only the registry's kinds.
 */
import type { WatchKind } from './watch-registry.ts';

export class WatcherIds<E> {
  private readonly ids = new Map<(event: E) => void, number>();
  private readonly byId = new Map<number, (event: E) => void>();

  private readonly defaultWatcher: ((event: E) => void) | undefined;

  constructor(defaultWatcher: ((event: E) => void) | undefined) {
    this.defaultWatcher = defaultWatcher;
  }

  /** The watcher's number (0 is the default watcher's; others from 1, in first-use order). */
  idOf(w: (event: E) => void): number {
    let id = this.ids.get(w);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(w, id);
      this.byId.set(id, w);
    }
    return id;
  }

  /** What a read with `watch` registers: nothing (false, undefined), the default watcher (true), or that watcher. */
  registration(kind: WatchKind, path: string, watch: boolean | ((event: E) => void) | undefined): { kind: WatchKind; path: string; watcher: number } | undefined {
    if (watch === undefined || watch === false) return undefined;
    return { kind, path, watcher: watch === true ? 0 : this.idOf(watch) };
  }

  /** Deliver `event` to each numbered watcher that still exists. */
  dispatch(ids: readonly number[], event: E): void {
    for (const id of ids) {
      const w = id === 0 ? this.defaultWatcher : this.byId.get(id);
      if (w === undefined) continue;
      try {
        w(event);
      } catch {
        // A throwing watcher must not stop the event thread (as in Java).
      }
    }
  }
}
